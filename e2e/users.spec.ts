import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { openDialog } from './support/open-dialog';

// The users page against the production build in demo mode. The emulator's data starts two
// years before the server did and it keeps its last 90 days; the archive's demo pre-fill holds
// the months before them, counted exactly at no call. The last month that is over is counted
// by the proxy (thousands of users: partial after one request).

const DAY = 86_400_000;
const monthOf = (ms: number) => new Date(ms).toISOString().slice(0, 7);
const monthStartIso = (month: string, add = 0) => {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1 + add, 1)).toISOString();
};
const LABEL = new Intl.DateTimeFormat('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const labelOf = (month: string) => LABEL.format(Date.parse(monthStartIso(month)));

// The data's first two months (the first is partial), and the last month that is over.
const first = monthOf(Date.now() - 729 * DAY);
const second = monthOf(Date.parse(monthStartIso(first, 1)));
const lastOver = monthOf(Date.parse(monthStartIso(monthOf(Date.now()), -1)));

/** Waits until the upstream budget has room for a page of MAU counting (others may have spent it). */
async function waitForBudget(request: APIRequestContext, minute: number) {
  const budget = async () =>
    (await (await request.get('/api/budget')).json()) as { minute: { remaining: number }; hour: { remaining: number } };
  const { hour } = await budget();
  // The e2e server's hour holds 3,000 calls (playwright.config.ts): running short is a fault, not a reason to skip.
  expect(hour.remaining, 'upstream calls left this hour').toBeGreaterThanOrEqual(minute + 10);
  await expect
    .poll(async () => (await budget()).minute.remaining, { timeout: 75_000, intervals: [2_000] })
    .toBeGreaterThanOrEqual(minute);
}

/** The demo pre-fill is imported at start-up, in the background: the old months are held once it is in. */
async function waitForPrefill(request: APIRequestContext) {
  const imported = async () =>
    ((await (await request.get('/api/archive')).json()) as { imported: { label: string }[] }).imported;
  await expect
    .poll(async () => (await imported()).map((i) => i.label), { timeout: 120_000, intervals: [1_000] })
    .toContain('demo pre-fill');
}

function mauCard(page: Page) {
  return page.getByRole('region', { name: 'Monthly active users' });
}

function accuracyOf(page: Page, month: string) {
  return mauCard(page)
    .getByRole('row', { name: new RegExp(labelOf(month)) })
    .getByRole('cell')
    .nth(2);
}

/** Starts counting: the cost first, then the person's go-ahead. */
async function countNow(page: Page) {
  const dialog = await openDialog(
    mauCard(page).getByRole('button', { name: 'Count now…' }),
    page.getByRole('dialog', { name: /^Count monthly active users\? It costs [\d,]+ upstream calls$/ }),
  );
  await expect(dialog).toContainText(/Budget left for the whole team/);
  await dialog.getByRole('button', { name: /^Spend [\d,]+ upstream calls$/ }).click();
  await expect(dialog).toBeHidden();
}

test('counts the months the archive holds at no call, says what counting the others costs before it starts, tells a partial month apart, and the URL reproduces the view', async ({
  page,
  request,
}) => {
  test.setTimeout(240_000);
  await waitForPrefill(request);

  // The first two months are the archive's: exact, said so in text, and no upstream call asked for.
  const mauAsked: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname === '/api/mau') mauAsked.push(url.searchParams.get('calls') ?? '');
  });
  await page.goto(`/users?from=${monthStartIso(first)}&to=${monthStartIso(second, 1)}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  await expect(
    mauCard(page)
      .getByRole('figure', { name: 'Monthly active users chart' })
      .locator('.recharts-bar-rectangle')
      .first(),
  ).toBeVisible();
  await expect(page.getByRole('figure', { name: 'Users added and removed chart' })).toBeVisible();
  expect(mauAsked.length).toBeGreaterThan(0);
  expect(mauAsked.every((calls) => calls === '0')).toBe(true);
  await mauCard(page).getByRole('button', { name: 'Show Monthly active users as a table' }).click();
  await expect(page).toHaveURL(/view=table/);
  for (const month of [first, second]) {
    await expect(accuracyOf(page, month)).toContainText(/^Exact/);
    await expect(mauCard(page).getByRole('row', { name: new RegExp(labelOf(month)) })).toContainText('archive');
  }
  const firstCount = await mauCard(page)
    .getByRole('row', { name: new RegExp(labelOf(first)) })
    .getByRole('cell')
    .nth(1)
    .textContent();
  await expect(page.getByRole('status', { name: 'Cost of this view' })).toHaveText(/ · \d+ left this minute$/);

  // Up to the last month that is over: counting starts with that one (newest first) and the
  // first step leaves it not exact yet; the first two are the archive's (exact, no calls).
  await waitForBudget(request, 24);
  await page.goto(`/users?from=${monthStartIso(first)}&to=${monthStartIso(lastOver, 1)}&view=table`);
  await expect(accuracyOf(page, first)).toContainText(/^Exact/);
  await expect(accuracyOf(page, lastOver)).toContainText(/^Not counted yet/);
  await countNow(page);
  const partial = accuracyOf(page, lastOver);
  await expect(partial).toContainText(/^(Estimate|At least)/);
  await expect(partial).toContainText(/Not exact yet: at least [\d,]+ distinct users seen/);
  await expect(mauCard(page)).toContainText(/\d+ of \d+ past months? exact/);
  await expect(mauCard(page)).toContainText(/Counting: [\d,]+ of the [\d,]+ upstream calls you accepted spent/);

  // Choose a month to break down: it goes into the URL, and the URL brings it all back.
  await page.getByLabel('Breakdown month').selectOption(second);
  await expect(page).toHaveURL(new RegExp(`month=${second}`));
  await expect(page.getByRole('region', { name: `Activity by device type, ${labelOf(second)}` })).toBeVisible();
  const url = page.url();
  const again = await page.context().newPage();
  await again.goto(url);
  await expect(again.getByLabel('Breakdown month')).toHaveValue(second);
  await expect(accuracyOf(again, first)).toContainText(/^Exact/);
  await expect(
    mauCard(again)
      .getByRole('row', { name: new RegExp(labelOf(first)) })
      .getByRole('cell')
      .nth(1),
  ).toHaveText(firstCount ?? '');
  await expect(again.getByRole('region', { name: `Activity by country, ${labelOf(second)}` })).toBeVisible();
});

test('a URL without a range opens the last 12 months', async ({ page }) => {
  // No counting asked for here beyond what the page does by itself; only the URL is checked.
  await page.route('**/api/mau**', (route) =>
    route.fulfill({ json: { months: [], events: 'all', budget: { calls: 0, spent: 0 }, stoppedBy: null } }),
  );
  await page.goto('/users');
  await expect(page).toHaveURL(/\/users\?range=12mo/);
  await expect(page.getByLabel('Time range')).toHaveValue('12mo');
});

test('a custom range already shown has nothing to apply until it is changed', async ({ page }) => {
  await page.route('**/api/mau**', (route) =>
    route.fulfill({ json: { months: [], events: 'all', budget: { calls: 20, spent: 0 }, stoppedBy: null } }),
  );
  await page.goto(`/users?from=${monthStartIso(lastOver, -2)}&to=${monthStartIso(lastOver, 1)}`);
  const custom = page.getByRole('form', { name: 'Custom time range' });
  await expect(custom.getByRole('button', { name: 'Apply' })).toBeDisabled();
  await custom.getByLabel(/^From/).fill(monthStartIso(lastOver, -5).slice(0, 16));
  await expect(custom.getByRole('button', { name: 'Apply' })).toBeEnabled();
});
