import { expect, type Locator } from '@playwright/test';

/**
 * Clicks `button` until `dialog` shows. A page rendered on the server shows its buttons before
 * React has hydrated them, and a click in between does nothing: on a busy machine the first
 * click can land there. A click is not repeated once the dialog is open (the page behind it is inert).
 */
export async function openDialog(button: Locator, dialog: Locator): Promise<Locator> {
  await expect(async () => {
    if (!(await dialog.isVisible())) await button.click({ timeout: 5_000 });
    await expect(dialog).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  return dialog;
}
