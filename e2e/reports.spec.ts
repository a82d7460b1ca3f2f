import { expect, test, type Page } from '@playwright/test';
import { E2E_USERS } from '../playwright.config';
import { openDialog } from './support/open-dialog';

// Saved reports across the team: a member saves a view, another member opens its link in a
// fresh browser after signing in, a viewer can look but not save or delete.

async function signIn(page: Page, name: string, password: string) {
  await page.getByLabel('Username').fill(name);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

const VIEW = '/events?range=7d&f=event~eq~token_invalid';

test('a saved view is found in /reports and its link opens the same view for another member', async ({
  page,
  browser,
}) => {
  await page.goto(VIEW);
  const dialog = await openDialog(
    page.getByRole('button', { name: 'Save view' }),
    page.getByRole('dialog', { name: 'Save this view for the team' }),
  );
  await dialog.getByLabel('Report name').fill('Invalid tokens this week');
  await dialog.getByLabel('Description (optional)').fill('for the incident review');
  await dialog.getByRole('button', { name: 'Save' }).click();
  const link = dialog.getByRole('status').getByRole('link');
  await expect(link).toHaveAttribute('href', /^\/r\/[A-Za-z0-9]{10}$/);
  const href = (await link.getAttribute('href'))!;
  await dialog.getByRole('button', { name: 'Close' }).click();

  await page.goto('/reports');
  const row = page.getByRole('row', { name: /Invalid tokens this week/ });
  await expect(row).toContainText('Events');
  await expect(row).toContainText('demo');
  await expect(row.getByRole('button', { name: 'Delete Invalid tokens this week' })).toBeVisible();

  // Another member, in a browser that has never signed in.
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const other = await context.newPage();
  await other.goto(href);
  await expect(other).toHaveURL(/\/login\?next=/);
  await signIn(other, E2E_USERS.member.name, E2E_USERS.member.password);
  await expect(other).toHaveURL(/\/events\?/);
  const url = new URL(other.url());
  expect(url.searchParams.get('range')).toBe('7d');
  expect(url.searchParams.get('f')).toBe('event~eq~token_invalid');
  await other.goto('/reports');
  const theirRow = other.getByRole('row', { name: /Invalid tokens this week/ });
  await expect(theirRow).toBeVisible();
  await expect(theirRow.getByRole('button', { name: /Delete/ })).toHaveCount(0);

  await other.getByRole('button', { name: 'Sign out' }).click();
  await expect(other).toHaveURL(/\/login/);
  await other.goto('/reports');
  await expect(other).toHaveURL(/\/login\?next=%2Freports/);
  await context.close();
});

test('a viewer can open reports but cannot save or delete them', async ({ browser }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto('/login');
  await signIn(page, E2E_USERS.viewer.name, E2E_USERS.viewer.password);
  await expect(page).not.toHaveURL(/\/login/);
  await page.goto(VIEW);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save view' })).toHaveCount(0);
  await page.goto('/reports');
  await expect(page.getByRole('heading', { name: 'Saved reports' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Delete/ })).toHaveCount(0);
  // The API refuses too, whatever the page shows.
  const response = await page.request.post('/api/reports', { data: { name: 'x', path: '/events' } });
  expect(response.status()).toBe(403);
  await context.close();
});

test('a wrong password is refused with a message, and the session cookie is HttpOnly', async ({ browser }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto('/login');
  await signIn(page, 'demo', 'not-the-password');
  await expect(page.getByRole('alert').filter({ hasText: /./ })).toHaveText(
    'That name and password do not match an account.',
  );
  await signIn(page, 'demo', 'demo');
  await expect(page).not.toHaveURL(/\/login/);
  const session = (await context.cookies()).find((c) => c.name === 'authy_dashboard_session');
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
  await context.close();
});

test('every response carries the security headers, pages a CSP with a fresh nonce', async ({ request }) => {
  const first = await request.get('/login');
  const second = await request.get('/login');
  const csp = first.headers()['content-security-policy'];
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(csp).not.toContain('unsafe-eval');
  expect(second.headers()['content-security-policy']).not.toBe(csp);
  for (const response of [first, await request.get('/api/health')]) {
    expect(response.headers()['x-content-type-options']).toBe('nosniff');
    expect(response.headers()['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(response.headers()['strict-transport-security']).toContain('max-age=');
  }
});

test('rename and delete happen in dialogs: Escape closes, focus goes back, nothing changes until confirmed', async ({
  page,
}) => {
  await page.goto('/histogram?range=24h');
  const save = await openDialog(
    page.getByRole('button', { name: 'Save view' }),
    page.getByRole('dialog', { name: 'Save this view for the team' }),
  );
  await save.getByLabel('Report name').fill('Hourly histogram');
  await save.getByRole('button', { name: 'Save' }).click();
  await expect(save.getByRole('status')).toContainText('Saved as Hourly histogram');
  await save.getByRole('button', { name: 'Close' }).click();

  await page.goto('/reports');
  const row = page.getByRole('row', { name: /Hourly histogram/ });
  const renameButton = row.getByRole('button', { name: 'Rename Hourly histogram' });
  await renameButton.click();
  const rename = page.getByRole('dialog', { name: 'Rename “Hourly histogram”' });
  await expect(rename.getByLabel('New name')).toBeFocused();
  await expect(rename.getByRole('button', { name: 'Rename' })).toBeDisabled();
  await rename.getByLabel('New name').fill('Changed my mind');
  await page.keyboard.press('Escape');
  await expect(rename).toBeHidden();
  await expect(renameButton).toBeFocused();
  await expect(row).toContainText('Hourly histogram');

  await renameButton.click();
  await expect(rename.getByLabel('New name')).toHaveValue('Hourly histogram');
  await rename.getByLabel('New name').fill('Hourly histogram, last day');
  await rename.getByRole('button', { name: 'Rename' }).click();
  await expect(rename).toBeHidden();
  const renamed = page.getByRole('row', { name: /Hourly histogram, last day/ });
  await expect(renamed).toBeVisible();

  const deleteButton = renamed.getByRole('button', { name: 'Delete Hourly histogram, last day' });
  await deleteButton.click();
  const remove = page.getByRole('dialog', { name: 'Delete “Hourly histogram, last day”?' });
  await expect(remove).toContainText('This cannot be undone.');
  // Focus starts on Cancel, and Tab stays inside the dialog.
  await expect(remove.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(remove.getByRole('button', { name: 'Delete report' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(remove).toBeHidden();
  await expect(deleteButton).toBeFocused();
  await expect(renamed).toBeVisible();

  await deleteButton.click();
  // The destructive action is the danger red, unlike the blue of a primary one.
  expect(
    await remove.getByRole('button', { name: 'Delete report' }).evaluate((el) => getComputedStyle(el).backgroundColor),
  ).toBe('rgb(185, 28, 28)');
  await remove.getByRole('button', { name: 'Delete report' }).click();
  await expect(page.getByRole('row', { name: /Hourly histogram/ })).toHaveCount(0);
});
