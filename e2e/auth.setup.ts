import { expect, test as setup } from '@playwright/test';
import { STORAGE_STATE } from '../playwright.config';

// Signs in once as the demo member and saves the session for every other spec. The first
// requests meet a cold server (the emulator's data generated on first use, the archive's demo
// pre-fill starting): on a busy machine they took up to 27 s, so they may take a minute here.
const COLD = { timeout: 60_000 };

setup('sign in as the demo user', async ({ page }) => {
  setup.setTimeout(150_000);
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/, COLD);
  await page.getByLabel('Username').fill('demo');
  await page.getByLabel('Password').fill('demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL((url) => !url.pathname.startsWith('/login'), COLD);
  await page.context().storageState({ path: STORAGE_STATE });
});
