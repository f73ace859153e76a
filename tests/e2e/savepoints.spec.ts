import { expect, test, type Page } from '@playwright/test';

/** Runs the example to its first window firing and takes a savepoint there. */
async function takeSavepoint(page: Page) {
  await page.goto('./');
  await page.getByRole('tab', { name: 'Checkpoints' }).click();
  const view = page.getByRole('region', { name: 'Checkpoints' });
  const controls = page.getByRole('region', { name: 'Run controls' });
  await controls.getByRole('button', { name: 'Step to next firing' }).click();
  await expect(page.getByRole('status', { name: 'Last step' })).toContainText(
    'window [0, 5000) of key',
  );
  const clock = await page.getByRole('status', { name: 'Processing time' }).innerText();
  const time = /[\d.]+ m?s/.exec(clock)![0];
  await view.getByRole('button', { name: 'Take savepoint' }).click();
  const table = view.getByRole('table', { name: 'Savepoints' });
  await expect(table.locator('tbody tr')).toHaveCount(1);
  await expect(table.locator('tbody tr').first()).toContainText('Clicks per user');
  return { view, controls, table, time };
}

test('a savepoint is kept across a reload and a run starts from it where it stood', async ({
  page,
}) => {
  const { view, controls, table, time } = await takeSavepoint(page);
  await view.getByRole('heading', { name: 'Savepoints' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/work/wt/shots/savepoints-taken.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: '/work/wt/shots/savepoints-taken-dark.png' });
  await page.emulateMedia({ colorScheme: 'light' });

  await page.reload();
  await page.getByRole('tab', { name: 'Checkpoints' }).click();
  await expect(table.locator('tbody tr')).toHaveCount(1);
  await expect(table.locator('tbody tr').first()).toContainText('Clicks per user');
  await view.getByRole('button', { name: 'Start from savepoint 1' }).click();
  await expect(view.getByText('This run started from savepoint 1.')).toBeVisible();
  await expect(view.getByRole('list', { name: 'Failures and restores' })).toContainText(
    'restored savepoint 1',
  );
  // The clock and the sources go on from the savepoint: the next firing is the next window.
  await expect(page.getByRole('status', { name: 'Processing time' })).toContainText(time);
  await controls.getByRole('button', { name: 'Step to next firing' }).click();
  await expect(page.getByRole('status', { name: 'Last step' })).toContainText(
    'window [5000, 10000) of key',
  );
  await page.screenshot({ path: '/work/wt/shots/savepoints-started.png' });
});

test('an edited pipeline with a removed node names the unmapped state and starts only when told to skip it', async ({
  page,
}) => {
  const { view } = await takeSavepoint(page);
  // Remove the Results sink: its state has nowhere to go.
  await page
    .getByRole('group', { name: /Results/ })
    .first()
    .click();
  await page.keyboard.press('Delete');
  await view.getByRole('button', { name: 'Start from savepoint 1' }).click();
  const alert = view.getByRole('alert');
  await expect(alert).toContainText('Savepoint 1 has state this pipeline cannot take');
  await expect(alert).toContainText('State of node results (tableSink, ');
  await expect(alert).toContainText('the node was removed from the pipeline');
  await alert.scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/work/wt/shots/savepoints-unmapped.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: '/work/wt/shots/savepoints-unmapped-dark.png' });
  await alert.getByRole('button', { name: 'Start anyway, skipping unmapped state' }).click();
  await expect(view.getByRole('alert')).toHaveCount(0);
  await expect(view.getByText('This run started from savepoint 1.')).toBeVisible();
});
