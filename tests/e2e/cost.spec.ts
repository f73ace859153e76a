import { expect, test } from '@playwright/test';

test('a processing cost on one operator fills its buffers and backpressures the source', async ({
  page,
}) => {
  await page.goto('./');
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  const controls = page.getByRole('region', { name: 'Run controls' });

  // Small channels, so that a slow receiver soon blocks its sender.
  await inspector.getByLabel('Channel buffer').fill('3');
  await inspector.getByLabel('Channel buffer').press('Enter');

  // The map takes 1 s per record while the source makes one record every 200 ms.
  await page.getByRole('group', { name: 'Map: Double' }).click();
  const cost = inspector.getByLabel('Processing cost', { exact: true });
  await expect(cost).toHaveAttribute('placeholder', 'no cost');
  await expect(inspector.getByText(/Simulates a slow operator/)).toBeVisible();
  await cost.fill('1');
  await cost.press('Enter');
  await expect(inspector.getByLabel('Processing cost unit')).toHaveValue('s');
  await expect(inspector.getByText('= 1000 ms')).toBeVisible();

  await controls.getByLabel('Run to processing time (ms)').fill('4000');
  await controls.getByRole('button', { name: 'Go' }).click();
  await expect(controls.getByRole('status', { name: 'Processing time' })).toContainText('4');

  // Records queue before the slow map, and the full channel makes the source wait.
  const double = page.getByLabel('Run figures of Double');
  await expect(double).toContainText(/buf \d+/);
  const buffered = Number(/buf (\d+)/.exec((await double.textContent()) ?? '')![1]);
  expect(buffered).toBeGreaterThanOrEqual(3);
  await expect(page.getByLabel('Run figures of Clicks')).toContainText('blocked');
  await page.screenshot({ path: '/work/wt/shots/polish-cost-backpressure.png' });

  // Without the cost the same run neither queues nor blocks.
  await cost.fill('');
  await cost.press('Enter');
  await controls.getByRole('button', { name: 'Go' }).click();
  await expect(page.getByLabel('Run figures of Clicks')).not.toContainText('blocked');
  await expect(double).not.toContainText('buf');
});
