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

test('a savepoint goes out as a file and comes back in; a file that is not one is refused', async ({
  page,
}) => {
  const { view, controls, table, time } = await takeSavepoint(page);
  const downloading = page.waitForEvent('download');
  await view.getByRole('button', { name: 'Download savepoint 1' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('savepoint-1.json');
  const path = await download.path();
  const { readFileSync } = await import('node:fs');
  const text = readFileSync(path, 'utf8');
  expect(JSON.parse(text)).toMatchObject({ streamlabSavepoint: 1 });

  const picker = view.getByLabel('Savepoint file (.json)');
  await picker.setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"streamlabSavepoint": 7, "time": 0}'),
  });
  const alert = view.getByRole('alert');
  await expect(alert).toContainText('broken.json is not a savepoint file this lab can read');
  await expect(alert).toContainText('at streamlabSavepoint: must be 1');
  await expect(table.locator('tbody tr')).toHaveCount(1);

  await picker.setInputFiles({
    name: 'from-the-cli.json',
    mimeType: 'application/json',
    buffer: Buffer.from(text),
  });
  await expect(view.getByRole('status', { name: 'Savepoint files' })).toContainText(
    'Imported from-the-cli.json as savepoint 2.',
  );
  await expect(table.locator('tbody tr')).toHaveCount(2);
  await view.getByRole('button', { name: 'Start from savepoint 2' }).click();
  await expect(view.getByText('This run started from savepoint 2.')).toBeVisible();
  await expect(page.getByRole('status', { name: 'Processing time' })).toContainText(time);
  await controls.getByRole('button', { name: 'Step to next firing' }).click();
  await expect(page.getByRole('status', { name: 'Last step' })).toContainText(
    'window [5000, 10000) of key',
  );
  await view.getByRole('heading', { name: 'Savepoints' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/work/wt/shots/savepoints-file.png' });
});
