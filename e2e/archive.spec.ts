import { expect, test } from '@playwright/test';

// The archive's coverage indicator in the header, against the production build in demo mode. The
// sync runs in the background all along, so the figures move: only the words around them are
// checked, never a number.

const HEADINGS = ['Mode', 'What is local', 'Sync', 'Calls spent this hour', 'Fit', 'Retention'];

test('the coverage indicator opens the archive panel from the keyboard, Escape closes it and focus returns', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  const indicator = page.getByRole('banner').getByRole('button', { name: /^Archive: .+ local/ });
  await expect(indicator).toBeEnabled();

  await indicator.focus();
  await page.keyboard.press('Enter');
  const panel = page.getByRole('dialog', { name: 'Data archive' });
  await expect(panel).toBeVisible();
  await expect(panel).toContainText(/Times in \S+/);
  for (const name of HEADINGS) await expect(panel.getByRole('heading', { level: 3, name })).toBeVisible();
  const part = (name: string) => panel.getByRole('region', { name });
  await expect(part('Mode')).toContainText(/^Mode(Full copy|Partial copy|Counts only)\./);
  const terms = async (name: string) => part(name).getByRole('term').allTextContents();
  expect(await terms('What is local')).toEqual(['Events held', 'Time covered', 'Since']);
  expect(await terms('Sync')).toEqual(['Live edge', 'Verified through', 'Backfill', 'Expected end', 'Runs on']);
  expect(await terms('Calls spent this hour')).toEqual(['Live edge', 'Verification', 'Backfill', 'Total']);
  for (const definition of await part('Calls spent this hour').getByRole('definition').allTextContents())
    expect(definition).toMatch(/^[\d,]+$/);

  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(indicator).toBeFocused();

  // The Close button does the same, and the page behind is usable again.
  await indicator.click();
  await expect(panel).toBeVisible();
  await panel.getByRole('button', { name: 'Close' }).click();
  await expect(panel).toBeHidden();
  await expect(indicator).toBeFocused();
});

test('the panel shows its times in UTC when the page does', async ({ page }) => {
  await page.goto('/?utc=true');
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  await page
    .getByRole('banner')
    .getByRole('button', { name: /^Archive: .+ local/ })
    .click();
  const panel = page.getByRole('dialog', { name: 'Data archive' });
  await expect(panel).toContainText('Times in UTC.');
  const since = panel.getByRole('region', { name: 'What is local' }).getByRole('definition').nth(2);
  await expect(since).toHaveText(/^\d{1,2} \w{3} \d{4}, \d{2}:\d{2} UTC$/);
});

test('GET /api/archive answers the status the panel shows, uncached and without the key', async ({ request }) => {
  const response = await request.get('/api/archive');
  expect(response.status()).toBe(200);
  expect(response.headers()['cache-control']).toBe('private, no-store');
  const body = (await response.json()) as { mode: string; coverage: unknown[]; eventsHeld: number };
  expect(['full', 'partial', 'rollups']).toContain(body.mode);
  expect(Array.isArray(body.coverage)).toBe(true);
  expect(typeof body.eventsHeld).toBe('number');
});
