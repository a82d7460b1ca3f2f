import { expect, test, type Page, type Request } from '@playwright/test';
import { STORAGE_STATE } from '../playwright.config';

// The histogram page against the production build in demo mode (the emulator behind it).

const isHistogram = (r: Request) => new URL(r.url()).pathname === '/api/reporting/date_histogram';
const decoded = (r: Request) => decodeURIComponent(r.url());

function chartCard(page: Page) {
  return page.getByRole('region', { name: 'Events over time' });
}

async function openHistogram(page: Page, search = '') {
  await page.goto(`/histogram${search}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Histogram' })).toBeVisible();
  // The cost line knows the budget only once the page runs in the browser: controls answer from then on.
  await expect(page.getByRole('status', { name: 'Cost of this view' })).toHaveText(/left this minute$/);
}

test('draws one line per series and the legend toggles them', async ({ page }) => {
  await openHistogram(page);
  const figure = chartCard(page).getByRole('figure', { name: 'Events over time' });
  await expect(figure.locator('path.recharts-line-curve')).toHaveCount(2);

  const legend = chartCard(page).getByRole('list', { name: 'Series shown' });
  await expect(legend.getByRole('button')).toHaveText(['Show verified', 'Show invalid']);
  // Told apart by more than colour: the lines, and the legend's swatches, differ in dash pattern.
  const dashes = await figure
    .locator('path.recharts-line-curve')
    .evaluateAll((els) => els.map((el) => el.getAttribute('stroke-dasharray') ?? 'solid'));
  expect(new Set(dashes).size).toBe(2);
  const swatches = await legend
    .locator('svg line')
    .evaluateAll((els) => els.map((el) => el.getAttribute('stroke-dasharray') ?? 'solid'));
  expect(swatches).toEqual(dashes);
  await legend.getByRole('button', { name: 'verified' }).click();
  await expect(legend.getByRole('button', { name: 'verified' })).toHaveAttribute('aria-pressed', 'false');
  await expect(page).toHaveURL(/[?&]hide=verified/);
  await expect(figure.locator('path.recharts-line-curve')).toHaveCount(1);
});

test('the interval, named or custom, changes the request', async ({ page }) => {
  await openHistogram(page, '?range=24h');
  let request = page.waitForRequest((r) => isHistogram(r) && decoded(r).includes('interval=hour'));
  await page.getByLabel('Interval', { exact: true }).selectOption('hour');
  await request;

  await page.getByLabel('Interval', { exact: true }).selectOption('custom');
  await page.getByLabel('Interval length').fill('fortnightly');
  await page.getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(page.getByText(/Use a length such as/)).toBeVisible();

  request = page.waitForRequest((r) => isHistogram(r) && decoded(r).includes('interval=1.5h'));
  await page.getByLabel('Interval length').fill('1.5h');
  await page.getByRole('button', { name: 'Apply', exact: true }).click();
  await request;
  await expect(page).toHaveURL(/[?&]interval=1\.5h/);
});

test('scope filters and series change the request', async ({ page }) => {
  await openHistogram(page);
  const scope = page.getByRole('group', { name: 'Scope filters' });
  await scope.getByRole('button', { name: 'Add filter' }).click();
  await scope.getByLabel('Attribute 1').fill('event');
  await scope.getByLabel('Value 1').selectOption('token_invalid');
  let request = page.waitForRequest((r) => isHistogram(r) && decoded(r).includes('scope[event][eq]=token_invalid'));
  await scope.getByRole('button', { name: 'Apply filters' }).click();
  await request;
  await expect(page).toHaveURL(/[?&]f=event~eq~token_invalid/);

  request = page.waitForRequest((r) => isHistogram(r) && decoded(r).includes('report[series_3][event][eq]=user_added'));
  await page.getByRole('button', { name: 'Add series' }).click();
  await request;
  await expect(page).toHaveURL(/[?&]s=.*series_3/);
});

test('the table view shows numbers and survives a reload in a fresh browser', async ({ page, browser }) => {
  await openHistogram(page, '?s=ok:event~eq~token_verified&range=7d&interval=day');
  await chartCard(page).getByRole('button', { name: 'Show Events over time as a table' }).click();
  await expect(page).toHaveURL(/[?&]view=table/);
  const table = chartCard(page).getByRole('table', { name: 'Events per bucket and series' });
  await expect(table.getByRole('columnheader', { name: 'ok' })).toBeVisible();
  await expect(table.getByRole('row').nth(1).getByRole('cell').nth(1)).toHaveText(/^\d[\d,]*$/);
  const url = page.url();

  const context = await browser.newContext({ storageState: STORAGE_STATE });
  const fresh = await context.newPage();
  const request = fresh.waitForRequest(
    (r) =>
      isHistogram(r) &&
      decoded(r).includes('report[ok][event][eq]=token_verified') &&
      decoded(r).includes('interval=day'),
  );
  await fresh.goto(url);
  await request;
  await expect(fresh.getByLabel('Time range', { exact: true })).toHaveValue('7d');
  await expect(fresh.getByLabel('Interval', { exact: true })).toHaveValue('day');
  await expect(
    fresh.getByRole('table', { name: 'Events per bucket and series' }).getByRole('columnheader', { name: 'ok' }),
  ).toBeVisible();
  await context.close();
});

test('a long histogram says what it costs first, and spends nothing until its person goes ahead', async ({ page }) => {
  const sent: Request[] = [];
  page.on('request', (r) => {
    if (isHistogram(r)) sent.push(r);
  });
  await openHistogram(page, '?range=90d&interval=hour');
  const dialog = page.getByRole('dialog', { name: /^Load this histogram\? It costs \d+ upstream calls$/ });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(/Budget left for the whole team: \d+ of \d+ calls this minute/);
  await dialog.getByRole('button', { name: 'Not now' }).click();
  await expect(dialog).toBeHidden();
  await expect(
    page.getByRole('status').filter({ hasText: /^Not loaded: this histogram needs \d+ upstream calls/ }),
  ).toBeVisible();
  expect(sent).toHaveLength(0);

  await page.getByRole('button', { name: 'Load it…' }).click();
  const cost = /It costs (\d+) upstream calls/.exec((await dialog.getByRole('heading').textContent()) ?? '')?.[1];
  const request = page.waitForRequest(isHistogram);
  await dialog.getByRole('button', { name: /^Spend \d+ upstream calls$/ }).click();
  expect((await request).headers()['x-accept-cost']).toBe(cost);
  await expect(chartCard(page).getByRole('figure', { name: 'Events over time' })).toBeVisible();
  await expect(page.getByRole('status', { name: 'Cost of this view' })).toHaveText(/ calls? · \d+ left this minute$/);
});
