import { expect, test, type Page, type Request } from '@playwright/test';
import { openDialog } from './support/open-dialog';

// "Import from the Authy API" on the three pages that answer Reporting API requests, and page
// URLs that carry the API's own parameters.

const API = 'https://api.authy.com/protected/json/reporting';
const KEY = 'd57d919d11e6b221c9bf6f7c882028f9';
const docsCurl = (url: string) => `curl -g \\\n  "${url}" \\\n  -H "X-Authy-API-Key: ${KEY}"`;

const isApi = (endpoint: string) => (r: Request) => new URL(r.url()).pathname === `/api/reporting/${endpoint}`;
const decoded = (r: Request) => decodeURIComponent(r.url());

function importButton(page: Page) {
  return page.getByRole('button', { name: 'Import from the Authy API' });
}

async function paste(page: Page, text: string) {
  const dialog = await openDialog(importButton(page), page.getByRole('dialog', { name: 'Import from the Authy API' }));
  await dialog.getByLabel('Request').fill(text);
  return dialog;
}

function understood(dialog: ReturnType<Page['getByRole']>) {
  return dialog.getByRole('region', { name: 'What it understood' });
}

/** The URL's query as entries, decoded, for comparing with what the page should hold. */
function query(page: Page): Record<string, string> {
  return Object.fromEntries(new URL(page.url()).searchParams);
}

test.describe('on the events page', () => {
  test('a curl command from the docs opens its filters, and its page size as one the page has', async ({ page }) => {
    await page.goto('/events');
    const dialog = await paste(
      page,
      docsCurl(
        `${API}/events?query[event][eq]=one_touch_request_responded&query[objects.device.s_device_type][eq]=iphone&page=2&per_page=10`,
      ),
    );
    await expect(understood(dialog)).toContainText('event equals one_touch_request_responded');
    await expect(understood(dialog)).toContainText('objects.device.s_device_type equals iphone');
    await expect(dialog.getByRole('region', { name: 'Set aside' })).toContainText('X-Authy-API-Key header');
    await expect(dialog.getByRole('region', { name: 'Set aside' })).toContainText('per_page=10');
    const request = page.waitForRequest(
      (r) =>
        isApi('events')(r) &&
        decoded(r).includes('query[event][eq]=one_touch_request_responded') &&
        decoded(r).includes('query[objects.device.s_device_type][eq]=iphone'),
    );
    await dialog.getByRole('button', { name: 'Open this view' }).click();
    await request;
    await expect(dialog).toBeHidden();
    expect(query(page)).toEqual({
      range: '90d',
      f: 'event~eq~one_touch_request_responded,objects.device.s_device_type~eq~iphone',
      per_page: '25',
    });
  });

  test('a URL with a time window opens that window, custom', async ({ page }) => {
    await page.goto('/events?range=7d');
    const dialog = await paste(
      page,
      `${API}/events?query[time][gte]=2019-12-17T00:00:00.000Z&query[time][lte]=2019-12-17T23:59:59.999Z`,
    );
    await expect(understood(dialog)).toContainText('2019-12-17T00:00:00.000Z to 2019-12-18T00:00:00.000Z');
    await dialog.getByRole('button', { name: 'Open this view' }).click();
    await expect(page).toHaveURL(/from=2019-12-17T00:00:00\.000Z&to=2019-12-18T00:00:00\.000Z/);
    expect(query(page)).not.toHaveProperty('range');
    await expect(page.getByLabel('Time range', { exact: true })).toHaveValue('custom');
  });

  test('a bare query string: the string range on event names of Authy’s sample script', async ({ page }) => {
    await page.goto('/events');
    const dialog = await paste(page, 'query[event][gte]=phone_verification_&query[event][lt]=q');
    await expect(understood(dialog)).toContainText('event at least phone_verification_');
    await expect(understood(dialog)).toContainText('event less than q');
    await dialog.getByRole('button', { name: 'Open this view' }).click();
    await expect(page).toHaveURL(/f=event~gte~phone_verification_,event~lt~q/);
    const filters = page.getByRole('group', { name: 'Filters' });
    await expect(filters.getByLabel('Operator 1')).toHaveValue('gte');
    await expect(filters.getByLabel('Operator 2')).toHaveValue('lt');
  });

  test('what does not fit is named, nothing opens, and Escape gives focus back', async ({ page }) => {
    await page.goto('/events?range=7d');
    const dialog = await paste(page, 'query[event][ne]=token_invalid&query[event=x&foo=1');
    const problems = dialog.getByRole('region', { name: 'Does not fit' });
    await expect(problems).toContainText('query[event][ne]: query[event][ne]: unknown operator "ne"');
    await expect(problems).toContainText('query[event: query[event is not a well-formed name');
    await expect(problems).toContainText('foo: foo is not a parameter of events requests');
    await expect(dialog.getByLabel('Request')).toHaveAttribute('aria-invalid', 'true');
    await expect(dialog.getByRole('button', { name: 'Open this view' })).toBeDisabled();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(importButton(page)).toBeFocused();
    expect(query(page)).toEqual({ range: '7d' });
  });
});

test.describe('on the histogram page', () => {
  test('a curl command with two reports opens two series at its interval', async ({ page }) => {
    await page.goto('/histogram');
    const dialog = await paste(
      page,
      docsCurl(
        `${API}/date_histogram?interval=month&report[verified_tokens][event][eq]=token_verified&report[invalid_tokens][event][eq]=token_invalid`,
      ),
    );
    await expect(understood(dialog)).toContainText('Series verified_tokens');
    await expect(understood(dialog)).toContainText('Series invalid_tokens');
    const request = page.waitForRequest(
      (r) => isApi('date_histogram')(r) && decoded(r).includes('report[invalid_tokens][event][eq]=token_invalid'),
    );
    await dialog.getByRole('button', { name: 'Open this view' }).click();
    await request;
    expect(query(page)).toEqual({
      range: '90d',
      s: 'verified_tokens:event~eq~token_verified;invalid_tokens:event~eq~token_invalid',
      interval: 'month',
    });
    const legend = page.getByRole('list', { name: 'Series shown' });
    await expect(legend.getByRole('button')).toHaveText(['Show verified_tokens', 'Show invalid_tokens']);
  });

  test('a per-minute URL from Authy’s sample scripts opens on a window it can draw, and says so', async ({ page }) => {
    await page.goto('/histogram');
    const dialog = await paste(
      page,
      `${API}/date_histogram?report[phone_verification_started][event][eq]=phone_verification_started&scope[objects.phone_verification.country_code][eq]=1&page=1&interval=minute`,
    );
    await expect(understood(dialog)).toContainText('objects.phone_verification.country_code equals 1');
    // 30 days of minutes are past the 10,000 buckets a histogram draws; the last 7 days fit
    // until late in the UTC day (they start at a day boundary), the last 24 hours always.
    await expect(dialog.getByRole('region', { name: 'Set aside' })).toContainText(
      /the view opens on the last (7 days|24 hours)/,
    );
    await dialog.getByRole('button', { name: 'Open this view' }).click();
    await expect(page).toHaveURL(/interval=minute/);
    expect(['7d', '24h']).toContain(query(page).range);
    expect(query(page)).toMatchObject({
      f: 'objects.phone_verification.country_code~eq~1',
      s: 'phone_verification_started:event~eq~phone_verification_started',
    });
  });

  test('a bare query string opens series and scope', async ({ page }) => {
    await page.goto('/histogram');
    const dialog = await paste(
      page,
      'report[added][event][eq]=user_added&scope[objects.user.s_country_code][eq]=1&interval=week',
    );
    await dialog.getByRole('button', { name: 'Open this view' }).click();
    await expect(page).toHaveURL(/interval=week/);
    expect(query(page)).toMatchObject({ s: 'added:event~eq~user_added', f: 'objects.user.s_country_code~eq~1' });
  });

  test('a request for another endpoint offers its page; a malformed one nothing', async ({ page }) => {
    await page.goto('/histogram');
    let dialog = await paste(page, 'report[a][event]=user_added');
    await expect(dialog.getByRole('region', { name: 'Does not fit' })).toContainText(
      'expected report[name][attribute][operator]',
    );
    await expect(dialog.getByRole('button', { name: 'Open this view' })).toBeDisabled();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(importButton(page)).toBeFocused();

    dialog = await paste(page, `${API}/terms?field=event&size=5`);
    await expect(dialog).toContainText('This is a terms request: the Terms page answers it.');
    await dialog.getByRole('button', { name: 'Open on the Terms page' }).click();
    await expect(page).toHaveURL(/\/terms\?/);
    expect(query(page)).toEqual({ range: '90d', field: 'event', size: '5' });
  });
});

test.describe('on the terms page', () => {
  test('a curl command from the docs opens its field and window', async ({ page }) => {
    await page.goto('/terms');
    const dialog = await paste(
      page,
      docsCurl(
        `${API}/terms?field=objects.device.s_device_type&scope[time][gte]=2019-01-01T00:00:00.000Z&scope[time][lt]=2020-01-01T00:00:00.000Z`,
      ),
    );
    await expect(understood(dialog)).toContainText('objects.device.s_device_type');
    const request = page.waitForRequest(
      (r) =>
        isApi('terms')(r) &&
        decoded(r).includes('field=objects.device.s_device_type') &&
        decoded(r).includes('scope[time][gte]=2019-01-01T00:00:00.000Z'),
    );
    await dialog.getByRole('button', { name: 'Open this view' }).click();
    await request;
    // The page's default field is left out of its URL.
    expect(query(page)).toEqual({ from: '2019-01-01T00:00:00.000Z', to: '2020-01-01T00:00:00.000Z' });
    await expect(page.getByLabel('Field', { exact: true })).toHaveValue('objects.device.s_device_type');
  });

  test('a URL in XML opens the same view', async ({ page }) => {
    await page.goto('/terms');
    const dialog = await paste(page, `${API.replace('/json/', '/xml/')}/terms?field=objects.user.s_authy_id&size=20`);
    await expect(dialog.getByRole('region', { name: 'Set aside' })).toContainText('asks for XML');
    await dialog.getByRole('button', { name: 'Open this view' }).click();
    await expect(page).toHaveURL(/field=objects\.user\.s_authy_id/);
    expect(query(page)).toEqual({ range: '90d', field: 'objects.user.s_authy_id', size: '20' });
  });

  test('a bare query string with a scope', async ({ page }) => {
    await page.goto('/terms');
    const dialog = await paste(page, 'field=event&size=5&scope[objects.device.s_device_type][eq]=iphone');
    const request = page.waitForRequest(
      (r) => isApi('terms')(r) && decoded(r).includes('scope[objects.device.s_device_type][eq]=iphone'),
    );
    await dialog.getByRole('button', { name: 'Open this view' }).click();
    await request;
    expect(query(page)).toEqual({
      range: '90d',
      field: 'event',
      size: '5',
      f: 'objects.device.s_device_type~eq~iphone',
    });
  });

  test('a parameter terms do not take is named', async ({ page }) => {
    await page.goto('/terms');
    const dialog = await paste(page, 'field=event&query[event][eq]=token_invalid');
    await expect(dialog.getByRole('region', { name: 'Does not fit' })).toContainText(
      'query[event][eq] is not a parameter of terms requests',
    );
    await expect(dialog.getByRole('button', { name: 'Open this view' })).toBeDisabled();
  });
});

test.describe('a page URL with the API’s own parameters', () => {
  test('is translated into the page’s parameters', async ({ page }) => {
    const request = page.waitForRequest(
      (r) => isApi('events')(r) && decoded(r).includes('query[event][eq]=token_invalid'),
    );
    await page.goto('/events?range=7d&query[event][eq]=token_invalid');
    await request;
    expect(query(page)).toEqual({ range: '7d', f: 'event~eq~token_invalid' });
    await expect(page.getByRole('group', { name: 'Filters' }).getByLabel('Value 1')).toHaveValue('token_invalid');
  });

  test('is refused, naming what does not fit, with the page that answers it', async ({ page }) => {
    let answered = false;
    page.on('request', (r) => {
      if (isApi('date_histogram')(r)) answered = true;
    });
    await page.goto('/histogram?range=7d&query[event][eq]=token_invalid');
    const alert = page.getByRole('alert').filter({ hasText: 'Reporting API parameters' });
    await expect(alert).toContainText('query[event][eq] is not a parameter of date_histogram requests');
    expect(answered).toBe(false);
    await alert.getByRole('link', { name: 'Open them on the Events page' }).click();
    await expect(page).toHaveURL(/\/events\?range=7d&f=event~eq~token_invalid$/);
  });

  test('is refused on a page without filters', async ({ page }) => {
    await page.goto('/?range=7d&query[event][eq]=token_invalid');
    await expect(page.getByRole('alert').filter({ hasText: 'Reporting API parameters' })).toContainText(
      'query[event][eq] is a Reporting API parameter; this page takes none.',
    );
    await expect(page.getByRole('list', { name: 'Key figures' })).toHaveCount(0);
  });
});
