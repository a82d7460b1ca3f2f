import { expect, test, type Page, type Request } from '@playwright/test';
import { STORAGE_STATE } from '../playwright.config';

// The terms page against the production build in demo mode (the emulator behind it).

const isTerms = (r: Request) => new URL(r.url()).pathname === '/api/reporting/terms';
const decoded = (r: Request) => decodeURIComponent(r.url());

async function openTerms(page: Page, search = '') {
  await page.goto(`/terms${search}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Terms' })).toBeVisible();
  // The cost line knows the budget only once the page runs in the browser: controls answer from then on.
  await expect(page.getByRole('status', { name: 'Cost of this view' })).toHaveText(/left this minute$/);
}

test('draws bars and a table with counts and shares of all matching events', async ({ page }) => {
  await openTerms(page);
  const card = page.getByRole('region', { name: 'Events by Device type' });
  const figure = card.getByRole('figure', { name: 'Events by Device type chart' });
  const bars = figure.getByRole('link');
  await expect(bars.first()).toHaveAccessibleName(/^.+: \d[\d,]* events, [\d.]+% of all matching$/);
  // Not every event has a device: the shares are of all of them, so they add up to less than 100%.
  await expect(figure).toContainText(/Shares are of all [\d,]+ matching events, not only of those listed\./);
  const shares = await bars.evaluateAll((links) =>
    // "<0.1%" counts as 0.1 here.
    links.map((link) => Number(/, <?([\d.]+)% of all/.exec(link.getAttribute('aria-label') ?? '')?.[1] ?? NaN)),
  );
  const sum = shares.reduce((a, b) => a + b, 0);
  expect(sum).toBeGreaterThan(0);
  expect(sum).toBeLessThan(100);
  // Largest first, and the largest bar spans the track.
  const widths = await bars
    .locator('[data-bar]')
    .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().width));
  expect(widths.length).toBeGreaterThan(1);
  expect(widths).toEqual([...widths].sort((a, b) => b - a));
  await card.getByRole('button', { name: 'Show Events by Device type as a table' }).click();
  const table = card.getByRole('table');
  await expect(table.getByRole('columnheader', { name: 'Share of all' })).toBeVisible();
  await expect(table.getByRole('row', { name: /^All matching events/ })).toContainText('100%');
  await expect(table.getByRole('row').nth(1).getByRole('cell').nth(1)).toHaveText(/^\d[\d,]*$/);
  await expect(table.getByRole('row').nth(1).getByRole('cell').nth(2)).toHaveText(/%$/);
});

test('a bar opens the events page filtered to it, within the scope', async ({ page }) => {
  await openTerms(page, '?field=event&range=7d&f=objects.user.s_country_code~eq~1');
  const bar = page.getByRole('figure', { name: 'Events by Event type chart' }).getByRole('link').first();
  // A bar is named "<value>: <count> events".
  const event = (await bar.getAttribute('aria-label'))?.split(':')[0] ?? '';
  expect(event).toMatch(/^[a-z_]+$/);
  await bar.click();
  await expect(page).toHaveURL(
    new RegExp(`/events\\?range=7d&f=objects\\.user\\.s_country_code~eq~1,event~eq~${event}$`),
  );
});

test('field, size and scope filters change the request', async ({ page }) => {
  await openTerms(page);
  let request = page.waitForRequest((r) => isTerms(r) && decoded(r).includes('field=objects.user.s_country_code'));
  await page.getByLabel('Field', { exact: true }).selectOption('objects.user.s_country_code');
  await request;

  request = page.waitForRequest((r) => isTerms(r) && decoded(r).includes('size=5'));
  await page.getByLabel('Top', { exact: true }).selectOption('5');
  await request;

  const scope = page.getByRole('group', { name: 'Scope filters' });
  await scope.getByRole('button', { name: 'Add filter' }).click();
  await scope.getByLabel('Attribute 1').fill('event');
  await scope.getByLabel('Value 1').selectOption('token_verified');
  request = page.waitForRequest((r) => isTerms(r) && decoded(r).includes('scope[event][eq]=token_verified'));
  await scope.getByRole('button', { name: 'Apply filters' }).click();
  await request;
  await expect(page).toHaveURL(/field=objects\.user\.s_country_code/);
  await expect(page).toHaveURL(/size=5/);
});

test('any dotted attribute path can be typed, and a bad one is explained', async ({ page }) => {
  await openTerms(page);
  await page.getByLabel('Field', { exact: true }).selectOption({ label: 'Other attribute…' });
  await page.getByLabel('Attribute path').fill('not a path');
  await page.getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(page.getByText('Use a dotted attribute path such as objects.user.s_locale.')).toBeVisible();

  const request = page.waitForRequest((r) => isTerms(r) && decoded(r).includes('field=objects.user.s_locale'));
  await page.getByLabel('Attribute path').fill('objects.user.s_locale');
  await page.getByRole('button', { name: 'Apply', exact: true }).click();
  await request;
  await expect(page).toHaveURL(/field=objects\.user\.s_locale/);
});

test('a copied URL reproduces the view in a fresh browser', async ({ page, browser }) => {
  await openTerms(page, '?field=event&size=20&range=90d&view=table');
  await expect(page.getByRole('table')).toBeVisible();
  const url = page.url();

  const context = await browser.newContext({ storageState: STORAGE_STATE });
  const fresh = await context.newPage();
  const request = fresh.waitForRequest(
    (r) =>
      isTerms(r) &&
      decoded(r).includes('field=event') &&
      decoded(r).includes('size=20') &&
      decoded(r).includes('range=90d'),
  );
  await fresh.goto(url);
  await request;
  await expect(fresh.getByLabel('Field', { exact: true })).toHaveValue('event');
  await expect(fresh.getByLabel('Top', { exact: true })).toHaveValue('20');
  await expect(
    fresh
      .getByRole('table', { name: /Top 20 values of event/ })
      .getByRole('row')
      .nth(1),
  ).toContainText(/%/);
  await context.close();
});

test('long labels show whole where there is room, else keep start and end; whole text on hover and focus, closed by Escape', async ({
  page,
}) => {
  await openTerms(page, '?field=objects.device.s_user_agent&size=20');
  const bars = page.getByRole('figure', { name: /chart$/ }).getByRole('link');
  await expect(bars.first()).toBeVisible();
  // A bar is named "<value>: <count> events, …"; user agents have colons of their own ("rv:436").
  const names = await bars.evaluateAll((links) =>
    links.map((l) => /^(.*): [\d,]+ events/.exec(l.getAttribute('aria-label') ?? '')?.[1] ?? ''),
  );
  expect(names.length).toBeGreaterThan(5);
  expect(Math.max(...names.map((n) => n.length))).toBeGreaterThan(30);
  /** Each label's visible parts: whether its start is cut, and the end it always shows. */
  const labels = () =>
    bars.evaluateAll((links) =>
      links.map((link) => {
        const parts = [...link.querySelectorAll(':scope > span:first-child > span:not([aria-hidden])')];
        return { cut: parts[0].scrollWidth > parts[0].clientWidth + 1, end: parts.at(-1)?.textContent ?? '' };
      }),
    );
  // At desk width every user agent shows whole.
  expect((await labels()).filter((l) => l.cut)).toEqual([]);

  await page.setViewportSize({ width: 700, height: 900 });
  await expect.poll(async () => (await labels()).some((l) => l.cut)).toBe(true);
  for (const [i, label] of (await labels()).entries()) expect(names[i].endsWith(label.end)).toBe(true);

  const fullText = (i: number) => bars.nth(i).locator('[aria-hidden="true"]').filter({ hasText: names[i] });
  await expect(fullText(0)).toBeHidden();
  await bars.nth(0).hover();
  await expect(fullText(0)).toBeVisible();
  await page.mouse.move(0, 0);
  await expect(fullText(0)).toBeHidden();
  // Keyboard focus (focus-visible) shows it too.
  await bars.nth(0).focus();
  await page.keyboard.press('Tab');
  await expect(bars.nth(1)).toBeFocused();
  await expect(fullText(1)).toBeVisible();
  // Escape closes it without moving focus or pointer (WCAG 1.4.13), until they leave the row.
  await page.keyboard.press('Escape');
  await expect(fullText(1)).toBeHidden();
  await expect(bars.nth(1)).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(fullText(2)).toBeVisible();
  await bars.nth(0).hover();
  await expect(fullText(0)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(fullText(0)).toBeHidden();
  await page.mouse.move(0, 0);
  await bars.nth(0).hover();
  await expect(fullText(0)).toBeVisible();
});
