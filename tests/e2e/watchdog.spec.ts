import { expect, test } from '@playwright/test';

test('a user function that loops forever is stopped and named; the page and pipeline survive', async ({
  page,
}) => {
  test.setTimeout(45_000);
  await page.goto('./');
  await page.getByRole('group', { name: 'Map: Double' }).click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await inspector.getByLabel('Expression').fill('(() => { while (true) {} })()');
  await inspector.getByLabel('Expression').blur();
  await expect(page.getByRole('group', { name: 'Map: Double' })).toContainText('while (true)');

  await page.getByRole('button', { name: 'Step to next firing' }).click();
  await expect(page.getByRole('alert')).toContainText(
    'user function of node double did not return',
    {
      timeout: 20_000,
    },
  );
  // The page still answers and the pipeline is untouched.
  await expect(page.getByRole('group', { name: 'Map: Double' })).toContainText('while (true)');
  await page.getByRole('button', { name: /^Filter/ }).click();
  await expect(page.getByRole('group', { name: 'Filter: Filter 1' })).toBeVisible();
  await page.screenshot({ path: 'test-results/watchdog.png' });
});
