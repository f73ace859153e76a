import { expect, test } from '@playwright/test';
import { columnTexts } from './table-columns';

test('stepping to the next firing and playing the example fill the results table', async ({
  page,
}) => {
  await page.goto('./');
  const controls = page.getByRole('region', { name: 'Run controls' });
  await controls.getByRole('button', { name: 'Step to next firing' }).click();
  await expect(page.getByRole('status', { name: 'Last step' })).toContainText('fired');
  // The window node shows its watermark once the run has started.
  await expect(page.getByLabel('Run figures of 5 s window')).toContainText('wm');
  await page.screenshot({ path: 'test-results/run-after-firing.png' });

  await controls.getByLabel('Speed').selectOption({ label: 'As fast as possible' });
  await controls.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('status', { name: 'Processing time' })).toContainText('finished');
  await page.getByRole('tab', { name: 'Results' }).click();
  const table = page.getByRole('table', { name: 'Results of Results' });
  await expect(table).toBeVisible();
  // Every fired result carries timestamp = window end − 1.
  const timestamps = await columnTexts(table, 'timestamp');
  expect(timestamps.length).toBeGreaterThan(0);
  for (const t of timestamps) expect((Number(t) + 1) % 5000).toBe(0);
  // ... and its window [start, end) and whether it fired on time.
  await expect(table.getByRole('columnheader', { name: 'window' })).toBeVisible();
  const windows = await columnTexts(table, 'window');
  timestamps.forEach((t, i) =>
    expect(windows[i]).toBe(`[${Number(t) + 1 - 5000}, ${Number(t) + 1})`),
  );
  expect((await columnTexts(table, 'firing'))[0]).toBe('on-time');
  await page.screenshot({ path: 'test-results/run-results.png' });

  // Seek backwards: a deterministic re-run to event 20.
  await controls.getByLabel('Seek to event').fill('20');
  await expect(page.getByRole('status', { name: 'Processing time' })).toContainText('20 events');
  await expect(page.getByRole('status', { name: 'Processing time' })).not.toContainText('finished');
});
