import { expect, test } from '@playwright/test';

test('a failure and its restore are marked on the timeline, with the checkpoint restored and the replayed records', async ({
  page,
}) => {
  await page.goto('./');
  await page.getByRole('tab', { name: 'Checkpoints' }).click();
  const view = page.getByRole('region', { name: 'Checkpoints' });
  await view.getByRole('checkbox', { name: 'Checkpointing' }).check();
  await view.getByLabel('Checkpoint interval (ms)').fill('1000');
  await view.getByLabel('Checkpoint interval (ms)').press('Enter');
  const controls = page.getByRole('region', { name: 'Run controls' });
  await controls.getByRole('button', { name: 'Step to next firing' }).click();
  await page.getByRole('group', { name: 'Tumbling window: 5 s window' }).click();
  await view.getByRole('button', { name: 'Inject failure' }).click();
  await expect(view.getByRole('status', { name: 'Job status' })).toContainText('Job restarting at');
  await controls.getByRole('button', { name: 'Step to next firing' }).click();
  await expect(view.getByRole('list', { name: 'Failures and restores' })).toContainText(
    /restored checkpoint \d+/,
  );
  const restored = /restored checkpoint \d+/.exec(
    await view.getByRole('list', { name: 'Failures and restores' }).innerText(),
  )![0];

  await page.getByRole('tab', { name: 'Timeline' }).click();
  const timeline = page.getByRole('region', { name: 'Timeline' });
  const chart = timeline.getByRole('img', { name: /Timeline of 5 s window/ });
  await expect(chart).toHaveAccessibleName(/failures: 1, restores: 1, replayed records: [1-9]/);
  await expect(chart.getByText('5 s window[0] failed')).toBeVisible();
  await expect(chart.getByText(restored)).toBeVisible();
  await page.screenshot({ path: '/work/wt/shots/savepoints-timeline-marks-light.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: '/work/wt/shots/savepoints-timeline-marks-dark.png' });
});

test('Compare intervals plots checkpoint overhead against records replayed, one point per interval', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1400, height: 1100 });
  await page.goto('./');
  await page.getByRole('tab', { name: 'Checkpoints' }).click();
  const view = page.getByRole('region', { name: 'Checkpoints' });
  await view.getByRole('button', { name: 'Compare intervals' }).click();
  const tradeoff = view.getByRole('region', { name: 'Checkpoint interval trade-off' });
  await tradeoff.getByRole('button', { name: 'Run the comparison' }).click();
  const table = tradeoff.getByRole('table', { name: 'Interval trade-off' });
  await expect(table.locator('tbody tr')).toHaveCount(5);
  const chart = tradeoff.getByRole('img', {
    name: /Checkpoint bytes written against records replayed/,
  });
  await expect(chart.locator('circle')).toHaveCount(5);
  for (const label of [
    'every 250 ms',
    'every 500 ms',
    'every 1000 ms',
    'every 2000 ms',
    'every 4000 ms',
  ])
    await expect(chart.getByText(label, { exact: true })).toBeVisible();
  // Rarer checkpoints: fewer of them, more records replayed.
  const cells = async (row: number) =>
    (await table.locator('tbody tr').nth(row).locator('td').allInnerTexts()).map((s) => s.trim());
  const first = await cells(0);
  const last = await cells(4);
  expect(Number(first[1])).toBeGreaterThan(Number(last[1]));
  expect(Number(first[6])).toBeLessThan(Number(last[6]));
  await tradeoff.scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/work/wt/shots/savepoints-tradeoff-light.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: '/work/wt/shots/savepoints-tradeoff-dark.png' });
});
