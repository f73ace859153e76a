import { expect, test } from '@playwright/test';
import { endlessClicks } from './endless-clicks';

test('playing fast, the results table shows the newest 50 rows; paused, all it keeps', async ({
  page,
}) => {
  await page.goto('./');
  // An unbounded stream of clicks: windows keep firing while it plays.
  await endlessClicks(page);
  await page.getByRole('tab', { name: 'Results' }).click();
  const results = page.getByRole('region', { name: 'Results' });
  const table = results.getByRole('table', { name: 'Results of Results' });

  const controls = page.getByRole('region', { name: 'Run controls' });
  await controls.getByLabel('Speed').selectOption({ label: '100×' });
  await controls.getByRole('button', { name: 'Play' }).click();
  await expect(results).toContainText('newest 50 shown', { timeout: 20_000 });
  expect(await table.locator('tbody tr').count()).toBeLessThanOrEqual(50);

  await controls.getByRole('button', { name: 'Pause' }).click();
  await expect(results).not.toContainText('newest 50 shown');
  const count = (await results.getByText(/^[\d,]+ rows/).textContent())!;
  const total = Number(count.match(/^([\d,]+)/)![1].replace(/,/g, ''));
  expect(total).toBeGreaterThan(50);
  await expect(table.locator('tbody tr')).toHaveCount(Math.min(total, 200));
});
