import { expect, type Page } from '@playwright/test';

/** Opens the app on the "Watermarks and lateness" example, from the Examples dialog. */
export async function openLatenessExample(page: Page): Promise<void> {
  await page.goto('./');
  await page.getByRole('button', { name: 'Examples' }).click();
  await page
    .getByRole('article', { name: 'Out-of-order data, watermarks and lateness' })
    .getByRole('button', { name: 'Open' })
    .click();
  await expect(page.getByLabel('Pipeline name')).toHaveText('Watermarks and lateness');
}
