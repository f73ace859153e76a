import { expect, test } from '@playwright/test';
import { endlessClicks } from './endless-clicks';

test.use({ viewport: { width: 1600, height: 1000 } });

test('after "Run to" over a fast source the timeline shows every record that reached the window, not the last snapshot’s share', async ({
  page,
}) => {
  await page.goto('./');
  await endlessClicks(page);
  // Follow the window on the timeline.
  await page.getByRole('group', { name: /5 s window/ }).click();
  const controls = page.getByRole('region', { name: 'Run controls' });
  await controls.getByLabel('Run to processing time (ms)').fill('2000');
  await controls.getByRole('button', { name: 'Go' }).click();
  await expect(controls.getByRole('status', { name: 'Processing time' })).toContainText('2000');

  // 1000 records a second for 2 s: nearly 2000 have reached the window (the rest are in flight).
  const window = page.getByLabel('Run figures of 5 s window');
  const received = Number(/in (\d+)/.exec((await window.textContent()) ?? '')![1]);
  expect(received).toBeGreaterThan(1900);
  const chart = page.getByRole('img', { name: /^Timeline of 5 s window/ });
  const label = (await chart.getAttribute('aria-label')) ?? '';
  const shown = Number(/: (\d+) records/.exec(label)![1]);
  expect(shown).toBe(received);
  await expect(page.getByRole('note', { name: 'A sample of the run' })).toHaveCount(0);

  // The Worker sent the older records of the window only; following the source afterwards, its
  // timeline gets the source's records from the Worker all the same.
  const source = page.getByLabel('Run figures of Clicks');
  const emitted = Number(/out (\d+)/.exec((await source.textContent()) ?? '')![1]);
  expect(emitted).toBeGreaterThan(1900);
  await page.getByRole('group', { name: /Clicks/ }).click();
  const sourceChart = page.getByRole('img', { name: /^Timeline of Clicks/ });
  await expect(sourceChart).toHaveAttribute('aria-label', new RegExp(`: ${emitted} records`));
  await page.screenshot({ path: test.info().outputPath('source-timeline.png') });
});
