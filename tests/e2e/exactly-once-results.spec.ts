import { expect, test } from '@playwright/test';

test('after a failure, an exactly-once sink counts its committed rows only and says what is pending', async ({
  page,
}) => {
  await page.goto('./');
  await page.getByRole('button', { name: 'Examples' }).click();
  await page
    .getByRole('article', { name: 'Checkpoints and recovery' })
    .getByRole('button', { name: 'Open' })
    .click();
  const controls = page.getByRole('region', { name: 'Run controls' });
  const runTo = async (ms: number) => {
    await controls.getByLabel('Run to processing time (ms)').fill(String(ms));
    await controls.getByRole('button', { name: 'Go' }).click();
  };
  // Lesson 8's run: the windows [0 s, 5 s) fire at 6.2 s; Total per 5 s fails at 7 s.
  await runTo(7000);
  await page.getByRole('tab', { name: 'Checkpoints' }).click();
  await page.getByRole('group', { name: /Total per 5 s/ }).click();
  await page
    .getByRole('region', { name: 'Checkpoints' })
    .getByRole('button', { name: 'Inject failure' })
    .click();
  // After the restart the replayed totals sit in an open transaction: pending, not in the table.
  await runTo(9000);
  await page.getByRole('tab', { name: 'Results' }).click();
  const results = page.getByRole('region', { name: 'Results' });
  await results.getByRole('tab', { name: 'Exactly-once sink' }).click();
  await expect(results.getByText('0 committed rows')).toBeVisible();
  await expect(results.getByText('3 pending', { exact: true })).toBeVisible();
  await expect(results.getByText(/the table shows committed transactions only/)).toBeVisible();
  await expect(results.getByText('Nothing committed yet.')).toBeVisible();
  await page.screenshot({ path: '/work/wt/shots/fixes-exactly-once-pending.png' });

  await controls.getByLabel('Speed').selectOption({ label: 'As fast as possible' });
  await controls.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('status', { name: 'Processing time' })).toContainText('finished');
  await expect(results.getByText('9 committed rows')).toBeVisible();
  await expect(results.getByText(/pending/)).toBeHidden();
  await expect(
    results.getByRole('table', { name: 'Results of Exactly-once sink' }).locator('tbody tr'),
  ).toHaveCount(9);
  await page.screenshot({ path: '/work/wt/shots/fixes-exactly-once-finished.png' });
  // The at-least-once sink counts everything it wrote: the three replayed duplicates too.
  await results.getByRole('tab', { name: 'At-least-once sink' }).click();
  await expect(results.getByText('12 rows')).toBeVisible();
  await expect(
    results.getByRole('table', { name: 'Results of At-least-once sink' }).locator('tbody tr'),
  ).toHaveCount(12);
});
