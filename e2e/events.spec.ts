import { readFile } from 'node:fs/promises';
import { expect, test, type Page, type Request } from '@playwright/test';
import { STORAGE_STATE } from '../playwright.config';

// The events explorer against the production build in demo mode (the emulator behind it).

const isEventsRequest = (request: Request) => new URL(request.url()).pathname === '/api/reporting/events';
const decoded = (request: Request) => decodeURIComponent(request.url());

function eventsTable(page: Page) {
  return page.getByRole('table', { name: /^Events on page/ });
}

/** The first data row (row 0 is the header). */
function firstRow(page: Page) {
  return eventsTable(page).getByRole('row').nth(1);
}

async function openEvents(page: Page, search = '') {
  await page.goto(`/events${search}`);
  await expect(eventsTable(page).getByRole('row').nth(1)).toBeVisible();
}

test('the table shows a page of events', async ({ page }) => {
  await openEvents(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Events' })).toBeVisible();
  const table = eventsTable(page);
  for (const name of ['Time', 'Event', 'User', 'Device', 'Country', 'Status']) {
    await expect(table.getByRole('columnheader', { name, exact: true })).toBeVisible();
  }
  // 50 per page by default, plus the header row.
  await expect(table.getByRole('row')).toHaveCount(51);
  await expect(page.getByText('Page 1', { exact: true })).toBeVisible();
});

test('adding a filter changes the request and the URL', async ({ page }) => {
  await openEvents(page);
  await page.getByRole('button', { name: 'Add filter' }).click();
  await expect(page.getByLabel('Attribute 1')).toBeFocused();
  await page.getByLabel('Attribute 1').fill('event');
  await expect(page.getByLabel('Operator 1')).toHaveValue('eq');
  await page.getByLabel('Value 1').selectOption('token_invalid');

  const request = page.waitForRequest(
    (r) => isEventsRequest(r) && decoded(r).includes('query[event][eq]=token_invalid'),
  );
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await request;
  await expect(page).toHaveURL(/[?&]f=event~eq~token_invalid/);

  // Cells: details toggle, time, event, ...
  const eventCell = (row: number) => eventsTable(page).getByRole('row').nth(row).getByRole('cell').nth(2);
  await expect(eventCell(1)).toHaveText('token_invalid');
  const rows = await eventsTable(page).getByRole('row').count();
  for (let row = 1; row < rows; row++) await expect(eventCell(row)).toHaveText('token_invalid');
});

test('an invalid filter is explained inline and sends nothing', async ({ page }) => {
  await openEvents(page);
  const requests: string[] = [];
  page.on('request', (r) => {
    if (isEventsRequest(r)) requests.push(r.url());
  });

  await page.getByRole('button', { name: 'Add filter' }).click();
  await page.getByLabel('Attribute 1').fill('time');
  await page.getByLabel('Operator 1').selectOption('gte');
  await page.getByLabel('Value 1').fill('yesterday');
  await expect(page.getByLabel('Value 1')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText(/Expected an ISO 8601 time/)).toBeVisible();

  await page.getByRole('button', { name: 'Add filter' }).click();
  await page.getByLabel('Attribute 2').fill('objects..user');
  await expect(page.getByText(/"objects..user" is not an attribute path/)).toBeVisible();

  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Filter 1 needs fixing' })).toBeVisible();
  await expect(page.getByLabel('Value 1')).toBeFocused();
  await page.waitForTimeout(500);
  expect(requests).toEqual([]);
  expect(new URL(page.url()).searchParams.has('f')).toBe(false);
});

test('Back undoes an applied filter, and the builder follows the URL', async ({ page }) => {
  await openEvents(page);
  await page.getByRole('button', { name: 'Add filter' }).click();
  await page.getByLabel('Attribute 1').fill('event');
  await page.getByLabel('Value 1').selectOption('user_added');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/f=event~eq~user_added/);
  await expect(page.getByLabel('Value 1')).toHaveValue('user_added');

  await page.goBack();
  await expect(page).not.toHaveURL(/f=/);
  await expect(page.getByLabel('Attribute 1')).toBeHidden();
  await expect(page.getByText('No filters: every event in the range.')).toBeVisible();

  await page.goForward();
  await expect(page.getByLabel('Value 1')).toHaveValue('user_added');
  await expect(page.getByRole('button', { name: 'Clear filters' })).toBeVisible();
});

test('next and previous move between pages', async ({ page }) => {
  await openEvents(page);
  const first = (await firstRow(page).textContent()) ?? '';

  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page).toHaveURL(/[?&]page=2(&|$)/);
  await expect(page.getByText('Page 2', { exact: true })).toBeVisible();
  // The caption names the page only once its own rows are in (the previous page shows meanwhile).
  await expect(eventsTable(page)).toHaveAccessibleName(/^Events on page 2/);
  await expect(firstRow(page)).not.toHaveText(first);
  await expect(page.getByText('events 51–100')).toBeVisible();

  await page.getByRole('button', { name: 'Previous' }).click();
  await expect(page).not.toHaveURL(/[?&]page=/);
  await expect(firstRow(page)).toHaveText(first);
});

test('changing the page size goes back to page 1', async ({ page }) => {
  await openEvents(page, '?page=2');
  await page.getByLabel('Events per page').selectOption('25');
  await expect(page).toHaveURL(/[?&]per_page=25/);
  await expect(page).not.toHaveURL(/[?&]page=/);
  await expect(eventsTable(page).getByRole('row')).toHaveCount(26);
});

test('a row expands to the full event as JSON', async ({ page }) => {
  await openEvents(page);
  const toggle = page.getByRole('button', { name: /^Details of / }).first();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const json = page.getByLabel(/^JSON of event /);
  await expect(json).toBeVisible();
  const parsed: unknown = JSON.parse(await json.innerText());
  expect(parsed).toMatchObject({
    event: expect.any(String),
    time: expect.any(String),
    request_id: expect.any(String),
    objects: expect.any(Object),
  });
  await expect(page.getByRole('button', { name: 'Copy JSON' })).toBeVisible();
  await toggle.click();
  await expect(json).toBeHidden();
});

test('the current page downloads as CSV', async ({ page }) => {
  await openEvents(page, '?per_page=25');
  await expect(eventsTable(page).getByRole('row')).toHaveCount(26);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export page as CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^events-.*-page-1\.csv$/);
  const text = await readFile(await file.path(), 'utf8');
  const lines = text.split('\r\n').filter((line) => line !== '');
  expect(lines[0]).toBe('time,event,request_id,user,device,country,status,objects');
  expect(lines).toHaveLength(26);
});

test('export all states its cost, asks first, then fetches and downloads', async ({ page }) => {
  await openEvents(page);
  await page.getByRole('button', { name: 'Export all matching events' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export all matching events' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText(/up to 100 upstream calls, one per 100 events, at most 100 pages/)).toBeVisible();
  await expect(dialog.getByText(/Budget left: \d+ of \d+ calls this minute/)).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();

  // A narrow view whose only page is short: the exact cost is known, and the run is cheap.
  await openEvents(page, '?range=24h&f=event~eq~token_invalid');
  await page.getByRole('button', { name: 'Export all matching events' }).click();
  await expect(dialog.getByText(/This will spend 1 upstream call/)).toBeVisible();
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Start export' }).click();
  const file = await download;
  await expect(dialog.getByRole('progressbar', { name: 'Export progress' })).toHaveAttribute('aria-valuenow', '1');
  await expect(dialog.getByText(/Done: the CSV of/)).toBeVisible();
  const lines = (await readFile(await file.path(), 'utf8')).split('\r\n').filter((line) => line !== '');
  const rows = await eventsTable(page).getByRole('row').count();
  expect(lines).toHaveLength(rows);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
});

test('a copied URL reproduces the view in a fresh browser', async ({ page, browser }) => {
  await openEvents(page, '?range=7d&per_page=25&utc=true');
  await page.getByRole('button', { name: 'Add filter' }).click();
  await page.getByLabel('Attribute 1').fill('objects.device.s_device_type');
  // Enter in any field applies, as in any form.
  await page.getByLabel('Value 1').fill('android');
  await page.getByLabel('Value 1').press('Enter');
  await expect(page).toHaveURL(/f=objects.device.s_device_type~eq~android/);
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page).toHaveURL(/[?&]page=2/);
  await expect(eventsTable(page)).toHaveAccessibleName(/^Events on page 2/);
  const url = page.url();
  const row = (await firstRow(page).textContent()) ?? '';

  const context = await browser.newContext({ storageState: STORAGE_STATE });
  try {
    const fresh = await context.newPage();
    await fresh.goto(url);
    await expect(eventsTable(fresh)).toHaveAccessibleName(/^Events on page 2.*UTC/);
    await expect(firstRow(fresh)).toHaveText(row);
    await expect(fresh.getByLabel('Attribute 1')).toHaveValue('objects.device.s_device_type');
    await expect(fresh.getByLabel('Value 1')).toHaveValue('android');
    await expect(fresh.getByLabel('Events per page')).toHaveValue('25');
    await expect(fresh.getByLabel('Time range')).toHaveValue('7d');
    await expect(fresh.getByRole('button', { name: 'Show UTC' })).toHaveAttribute('aria-pressed', 'true');
  } finally {
    await context.close();
  }
});

test('a custom range replaces the preset in the URL, and Apply waits for something to apply', async ({ page }) => {
  await openEvents(page, '?range=7d');
  const filters = page.getByRole('group', { name: 'Filters' });
  await expect(filters.getByRole('button', { name: 'Apply filters' })).toBeDisabled();
  await filters.getByRole('button', { name: 'Add filter' }).click();
  // An empty row is not a filter yet: still nothing to apply.
  await expect(filters.getByRole('button', { name: 'Apply filters' })).toBeDisabled();
  await filters.getByLabel('Attribute 1').fill('event');
  await expect(filters.getByRole('button', { name: 'Apply filters' })).toBeEnabled();

  await page.getByLabel('Time range', { exact: true }).selectOption('custom');
  const custom = page.getByRole('form', { name: 'Custom time range' });
  await custom.getByLabel(/^From/).fill('2026-01-01T00:00');
  await custom.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/[?&]from=/);
  const url = new URL(page.url());
  expect(url.searchParams.has('range')).toBe(false);
  expect(url.searchParams.has('to')).toBe(true);
  // The custom window on screen, untouched, has nothing to apply.
  await expect(custom.getByRole('button', { name: 'Apply' })).toBeDisabled();
});

test('buttons take one set of colours: primary blue, disabled grey', async ({ page }) => {
  await openEvents(page);
  const background = (name: string) =>
    page.getByRole('button', { name, exact: true }).evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(await background('Apply filters')).toBe('rgb(243, 244, 246)');
  await page.getByRole('button', { name: 'Export all matching events' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export all matching events' });
  expect(
    await dialog.getByRole('button', { name: 'Start export' }).evaluate((el) => getComputedStyle(el).backgroundColor),
  ).toBe('rgb(29, 78, 216)');
  await page.keyboard.press('Escape');
});
