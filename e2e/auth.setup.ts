import { expect, test as setup } from '@playwright/test';
import { STORAGE_STATE } from '../playwright.config';

// Signs in once as the demo member and saves the session for every other spec.
setup('sign in as the demo user', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel('Username').fill('demo');
  await page.getByLabel('Password').fill('demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL((url) => !url.pathname.startsWith('/login'));
  await page.context().storageState({ path: STORAGE_STATE });
});
