import { expect, test, type Page, type Request } from '@playwright/test';
import { STORAGE_STATE } from '../playwright.config';

// The overview against the production build in demo mode (the emulator behind it).

const isApi = (endpoint: string) => (r: Request) => new URL(r.url()).pathname === `/api/reporting/${endpoint}`;
const decoded = (r: Request) => decodeURIComponent(r.url());

function card(page: Page, name: string) {
  return page.getByRole('region', { name, exact: true });
}

async function openOverview(page: Page, search = '') {
  await page.goto(`/${search}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Key figures' })).toBeVisible();
}

test('KPIs and charts draw from one histogram and three terms', async ({ page }) => {
  const histograms: string[] = [];
  const terms: string[] = [];
  page.on('request', (r) => {
    if (isApi('date_histogram')(r)) histograms.push(decoded(r));
    if (isApi('terms')(r)) terms.push(decoded(r));
  });
  await openOverview(page);
  const figures = page.getByRole('list', { name: 'Key figures' });
  for (const name of [
    'Verifications',
    'Failed verifications',
    'Failure rate',
    'Push approved',
    'Push denied',
    'Approval rate',
    'Users added',
  ]) {
    await expect(figures.getByRole('listitem').filter({ hasText: name }).first()).toContainText(/\d/);
  }
  const verifications = card(page, 'Verifications').getByRole('figure', { name: 'Verifications over time' });
  await expect(verifications.locator('path.recharts-line-curve')).toHaveCount(2);
  // The bar lists further down: each bar is a link to the events behind it.
  for (const name of ['Devices', 'Countries']) {
    await card(page, name).scrollIntoViewIfNeeded();
    await expect(
      card(page, name)
        .getByRole('figure', { name: `${name} chart` })
        .getByRole('link')
        .first(),
    ).toBeVisible();
  }

  expect(histograms).toHaveLength(1);
  expect(histograms[0]).toContain('interval=day');
  expect(histograms[0]).toContain('report[verified][event][eq]=token_verified');
  expect(terms.map((t) => new URL(t).searchParams.get('field')).sort()).toEqual([
    'event',
    'objects.device.s_device_type',
    'objects.user.s_country_code',
  ]);
});

test('changing the range and the interval changes the request', async ({ page }) => {
  await openOverview(page);
  await expect(page.getByLabel('Interval', { exact: true })).toBeEnabled();
  let request = page.waitForRequest((r) => isApi('date_histogram')(r) && decoded(r).includes('interval=6h'));
  await page.getByLabel('Time range', { exact: true }).selectOption('7d');
  await request;
  await expect(page).toHaveURL(/[?&]range=7d/);

  await expect(page.getByLabel('Interval', { exact: true })).toBeEnabled();
  request = page.waitForRequest((r) => isApi('date_histogram')(r) && decoded(r).includes('interval=day'));
  await page.getByLabel('Interval', { exact: true }).selectOption('day');
  await request;
  await expect(page).toHaveURL(/[?&]interval=day/);
});

test('the table view shows the numbers behind a chart', async ({ page }) => {
  await openOverview(page);
  const verifications = card(page, 'Verifications');
  await verifications.getByRole('button', { name: 'Show Verifications as a table' }).click();
  const table = verifications.getByRole('table', { name: 'Verifications per bucket' });
  await expect(table.getByRole('columnheader', { name: 'Verified' })).toBeVisible();
  await expect(table.getByRole('row')).toHaveCount(31);
  await expect(table.getByRole('row').nth(1).getByRole('cell').nth(1)).toHaveText(/^\d[\d,]*$/);

  const devices = card(page, 'Devices');
  await devices.getByRole('button', { name: 'Show Devices as a table' }).click();
  await expect(devices.getByRole('table').getByRole('row').nth(1)).toContainText(/%/);
});

test('a card shown as a table stays a table after a reload and in a shared link', async ({ page, browser }) => {
  await openOverview(page);
  const toggle = (p: Page) => card(p, 'Push requests').getByRole('button', { name: 'Show Push requests as a table' });
  const table = (p: Page) => card(p, 'Push requests').getByRole('table', { name: 'Push requests per bucket' });
  await toggle(page).click();
  await expect(page).toHaveURL(/[?&]tables=push(&|$)/);
  await expect(table(page)).toBeVisible();

  await page.reload();
  await expect(toggle(page)).toHaveAttribute('aria-pressed', 'true');
  await expect(table(page)).toBeVisible();
  await expect(card(page, 'Verifications').getByRole('figure', { name: 'Verifications over time' })).toBeVisible();

  const context = await browser.newContext({ storageState: STORAGE_STATE });
  const fresh = await context.newPage();
  await fresh.goto(page.url());
  await expect(table(fresh)).toBeVisible();
  await context.close();

  await toggle(page).click();
  await expect(page).not.toHaveURL(/tables=/);
  await expect(card(page, 'Push requests').getByRole('figure', { name: 'Push requests over time' })).toBeVisible();
});

test('a bar opens the events page filtered to it', async ({ page }) => {
  await openOverview(page);
  const bar = card(page, 'Devices').getByRole('figure', { name: 'Devices chart' }).getByRole('link').first();
  // A bar is named "<value>: <count> events".
  const device = (await bar.getAttribute('aria-label'))?.split(':')[0] ?? '';
  expect(device).not.toBe('');
  await bar.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/events\\?range=30d&f=objects\\.device\\.s_device_type~eq~${device}`));
});

test('a point opens the events of its bucket', async ({ page }) => {
  await openOverview(page);
  const figure = card(page, 'Users added').getByRole('figure', { name: 'Users added over time' });
  await expect(figure.locator('path.recharts-line-curve')).toHaveCount(1);
  const box = await figure.boundingBox();
  if (!box) throw new Error('the chart has no box');
  // Hover the middle of the plot, then click the dot that appears.
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await figure.locator('circle.cursor-pointer').click();
  await expect(page).toHaveURL(/\/events\?from=.+&to=.+&f=event~eq~user_added/);
});

test('a copied URL reproduces the view in a fresh browser', async ({ page, browser }) => {
  await openOverview(page, '?range=7d&utc=true&interval=day');
  await expect(page.getByLabel('Interval', { exact: true })).toHaveValue('day');
  const url = page.url();

  const context = await browser.newContext({ storageState: STORAGE_STATE });
  const fresh = await context.newPage();
  const request = fresh.waitForRequest((r) => isApi('date_histogram')(r) && decoded(r).includes('interval=day'));
  await fresh.goto(url);
  await request;
  await expect(fresh.getByLabel('Time range', { exact: true })).toHaveValue('7d');
  await expect(fresh.getByRole('button', { name: 'Show UTC' })).toHaveAttribute('aria-pressed', 'true');
  await expect(fresh.getByLabel('Interval', { exact: true })).toHaveValue('day');
  await context.close();
});

test('copy link with absolute time freezes the window', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openOverview(page);
  await expect(page.getByLabel('Interval', { exact: true })).toBeEnabled();
  await page.getByRole('button', { name: 'Copy link with absolute time' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Link copied' })).toBeVisible();
  const copied = new URL(await page.evaluate(() => navigator.clipboard.readText()));
  expect(copied.searchParams.get('range')).toBeNull();
  // The window as shown: from a UTC midnight up to now (never later), at most 30 days.
  const from = Date.parse(copied.searchParams.get('from') ?? '');
  const to = Date.parse(copied.searchParams.get('to') ?? '');
  expect(new Date(from).toISOString()).toMatch(/T00:00:00\.000Z$/);
  expect(to).toBeLessThanOrEqual(Date.now());
  expect(to - from).toBeLessThanOrEqual(30 * 86_400_000);
  expect(to - from).toBeGreaterThan(29 * 86_400_000);

  await page.goto(copied.pathname + copied.search);
  await expect(page.getByLabel('Time range', { exact: true })).toHaveValue('custom');
  await expect(page.getByLabel(/^From/)).toBeVisible();
});

test('says what the view cost as it loads', async ({ page }) => {
  await openOverview(page);
  await expect(page.getByRole('status', { name: 'Cost of this view' })).toHaveText(
    /^(\d+ upstream calls?|(cached|local) · 0 calls) · \d+ left this minute$/,
  );
});

test('"last 30 days" is one window on every page, ending no later than now', async ({ page }) => {
  const windows: { page: string; from: string; to: string }[] = [];
  // Each body is read after its response arrives: the page it belongs to is taken when it
  // arrives, and every read is awaited before the windows are compared.
  const reads: Promise<void>[] = [];
  let current = '';
  page.on('response', (response) => {
    if (!new URL(response.url()).pathname.startsWith('/api/reporting/')) return;
    const asked = current;
    reads.push(
      response
        .json()
        .catch(() => null)
        .then((body: { meta?: { window?: { from: string; to: string } } } | null) => {
          if (body?.meta?.window) windows.push({ page: asked, ...body.meta.window });
        }),
    );
  });
  for (const path of ['/?range=30d', '/events?range=30d', '/terms?range=30d', '/histogram?range=30d']) {
    current = path;
    await page.goto(path);
    await expect(page.getByRole('status', { name: 'Cost of this view' })).toHaveText(/ calls? · /);
  }
  await Promise.all(reads);
  expect(new Set(windows.map((w) => w.page)).size).toBe(4);
  // The start is a UTC day boundary; the end is now floored to 5 minutes (a slot may pass meanwhile).
  expect(new Set(windows.map((w) => w.from)).size).toBe(1);
  const ends = windows.map((w) => Date.parse(w.to));
  expect(Math.max(...ends) - Math.min(...ends)).toBeLessThanOrEqual(5 * 60_000);
  expect(Math.max(...ends)).toBeLessThanOrEqual(Date.now());
});

/**
 * How many time-axis labels there are, how many neighbouring pairs overlap, and how many stick
 * out of the chart's drawing (the svg clips them there).
 */
async function axisLabels(page: Page) {
  const figure = card(page, 'Verifications').getByRole('figure', { name: 'Verifications over time' });
  const { spans, svg } = await figure.locator('svg.recharts-surface').evaluate((surface) => ({
    svg: [surface.getBoundingClientRect().left, surface.getBoundingClientRect().right] as const,
    spans: [...surface.querySelectorAll('.recharts-xAxis-tick-labels text')]
      .map((el) => el.getBoundingClientRect())
      .map((r) => [r.left, r.right] as const),
  }));
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  return {
    count: sorted.length,
    overlaps: sorted.filter((span, i) => i > 0 && span[0] < sorted[i - 1][1]).length,
    clipped: sorted.filter(([left, right]) => left < svg[0] - 0.5 || right > svg[1] + 0.5).length,
  };
}

test('time-axis labels never overlap nor get cut off, wide or narrow, and follow a resize', async ({ page }) => {
  // Hourly buckets have the longest labels ("22 Nov 14:00").
  await openOverview(page, '?range=24h');
  await expect(card(page, 'Verifications').locator('path.recharts-line-curve')).toHaveCount(2);
  const wide = await axisLabels(page);
  expect(wide.count).toBeGreaterThan(2);
  expect(wide).toMatchObject({ overlaps: 0, clipped: 0 });

  // Between the three-column and the one-column layout the chart grows and shrinks again.
  for (const width of [1024, 768]) {
    await page.setViewportSize({ width, height: 812 });
    await expect
      .poll(
        async () => {
          const { count, overlaps, clipped } = await axisLabels(page);
          return { enough: count > 1, overlaps, clipped };
        },
        { message: `${width} px` },
      )
      .toEqual({ enough: true, overlaps: 0, clipped: 0 });
  }
  await page.setViewportSize({ width: 375, height: 812 });
  await expect.poll(async () => (await axisLabels(page)).count).toBeLessThan(wide.count);
  const narrow = await axisLabels(page);
  expect(narrow.count).toBeGreaterThan(1);
  expect(narrow).toMatchObject({ overlaps: 0, clipped: 0 });
});

test('every line chart names its series in a legend, each drawn with its own dash', async ({ page }) => {
  await openOverview(page);
  for (const [chart, names] of [
    ['Verifications', ['Verified', 'Invalid']],
    ['Push requests', ['Approved', 'Denied']],
    ['Users added', ['Users added']],
  ] as const) {
    const legend = card(page, chart).getByRole('list', { name: `${chart}: series` });
    await expect(legend.getByRole('listitem')).toHaveText([...names]);
    const lines = card(page, chart).locator('path.recharts-line-curve');
    await expect(lines).toHaveCount(names.length);
    // Told apart by more than colour: no two lines share a dash pattern.
    const dashes = await lines.evaluateAll((els) => els.map((el) => el.getAttribute('stroke-dasharray') ?? 'solid'));
    expect(new Set(dashes).size).toBe(names.length);
  }
});
