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
