import { expect, test } from '@playwright/test';
import { columnTexts } from './table-columns';

test('BATCH runtime mode, chosen in the pipeline settings, fires every window once at the end of the input', async ({
  page,
}) => {
  await page.goto('./');
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  const controls = page.getByRole('region', { name: 'Run controls' });
  await inspector.getByLabel('Runtime mode').selectOption('BATCH');
  await expect(inspector.getByText(/a failure replays the input from the start/)).toBeVisible();

  // The example's generator is bounded (60 clicks, one every 200 ms): its input ends near 12 s.
  await controls.getByLabel('Run to processing time (ms)').fill('60000');
  await controls.getByRole('button', { name: 'Go' }).click();
  await page.getByRole('tab', { name: 'Results' }).click();
  const table = page.getByRole('table', { name: 'Results of Results' });
  await expect(table.locator('tbody tr').first()).toBeVisible();
  const windows = await columnTexts(table, 'window');
  const arrived = await columnTexts(table, 'arrived (processing time)');
  // Several windows, all fired at the same moment: when the bounded input ended.
  expect(new Set(windows).size).toBeGreaterThan(1);
  expect(new Set(arrived).size).toBe(1);

  // In STREAMING the same pipeline fires each window as the watermark passes it: at different times.
  await inspector.getByLabel('Runtime mode').selectOption('STREAMING');
  await controls.getByRole('button', { name: 'Go' }).click();
  await expect(table.locator('tbody tr').first()).toBeVisible();
  await expect
    .poll(async () => new Set(await columnTexts(table, 'arrived (processing time)')).size)
    .toBeGreaterThan(1);
});
