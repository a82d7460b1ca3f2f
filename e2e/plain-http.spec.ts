/**
 * Sign-in over plain http from an origin the browser does not treat as secure: dashboard.test,
 * which this browser resolves to 127.0.0.1 (Chromium's --host-resolver-rules), so no traffic
 * leaves loopback. A Secure cookie would be dropped here and the login page would just come
 * back; the dashboard sets a cookie that fits the transport and says the connection is plain.
 */
import { expect, test } from '@playwright/test';
import { E2E_PORT, E2E_USERS, launchOptions } from '../playwright.config';

const ORIGIN = `http://dashboard.test:${E2E_PORT}`;

test.use({
  launchOptions: {
    ...launchOptions,
    args: [...(launchOptions.args ?? []), '--host-resolver-rules=MAP dashboard.test 127.0.0.1'],
  },
  storageState: { cookies: [], origins: [] },
});

test('signs in over plain http on a host name that is not loopback, and warns that it is unencrypted', async ({
  page,
  context,
}) => {
  await page.goto(`${ORIGIN}/`);
  await expect(page).toHaveURL(`${ORIGIN}/login`);
  expect(await page.evaluate(() => window.isSecureContext)).toBe(false);
  await expect(page.getByRole('alert').filter({ hasText: 'This connection is not encrypted' })).toBeVisible();

  await page.getByLabel('Username').fill(E2E_USERS.viewer.name);
  await page.getByLabel('Password').fill(E2E_USERS.viewer.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(`${ORIGIN}/`);
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();

  const session = (await context.cookies(ORIGIN)).find((c) => c.name === 'authy_dashboard_session');
  expect(session).toMatchObject({ domain: 'dashboard.test', secure: false, httpOnly: true, sameSite: 'Lax' });
});
