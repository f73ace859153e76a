import { expect, test } from '@playwright/test';
import { endlessClicks } from './endless-clicks';

test('record fate counts say when they are approximate: after playing as fast as possible', async ({
  page,
}) => {
  await page.goto('./');
  await endlessClicks(page);
  await page.getByRole('tab', { name: 'Metrics' }).click();
  const controls = page.getByRole('region', { name: 'Run controls' });
  const note = page.getByRole('note', { name: 'Approximate counts' });

  // Stepped, every trace event is read: exact counts, no note.
  await controls.getByRole('button', { name: 'Step to next firing' }).click();
  await expect(page.getByRole('table', { name: 'Record fates per operator' })).toBeVisible();
  await expect(note).toHaveCount(0);

  // As fast as possible, more happens between two reads than the trace ring holds.
  await controls.getByLabel('Speed').selectOption({ label: 'As fast as possible' });
  await controls.getByRole('button', { name: 'Play' }).click();
  await expect(note).toContainText('trace events went by unread', { timeout: 20_000 });
  await controls.getByRole('button', { name: 'Pause' }).click();
  await note.scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/work/wt/shots/fates-approximate.png' });
  // The timeline says it shows a sample.
  await page.getByRole('tab', { name: 'Timeline' }).click();
  const sample = page.getByRole('note', { name: 'A sample of the run' });
  await expect(sample).toContainText('trace events went by unread');
  await page.screenshot({ path: '/work/wt/shots/timeline-sample.png' });
  await page.getByRole('tab', { name: 'Metrics' }).click();

  // Reset starts the count again.
  await controls.getByRole('button', { name: 'Reset' }).click();
  await controls.getByRole('button', { name: 'Step to next firing' }).click();
  await expect(note).toHaveCount(0);
  await page.getByRole('tab', { name: 'Timeline' }).click();
  await expect(sample).toHaveCount(0);
});
