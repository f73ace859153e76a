import type { Page } from '@playwright/test';

/** Makes the example's Clicks source endless at 1000 events/s, through the inspector. */
export async function endlessClicks(page: Page): Promise<void> {
  await page.getByRole('group', { name: /Clicks/ }).click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await inspector.getByLabel('Events', { exact: true }).fill('');
  await inspector.getByLabel('Rate', { exact: true }).fill('1000');
  await inspector.getByLabel('Rate', { exact: true }).press('Tab');
}
