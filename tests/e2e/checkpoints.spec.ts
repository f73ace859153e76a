import { expect, test, type Page } from '@playwright/test';

test('with checkpointing on, Inject failure restarts the job from the last checkpoint, listed like Flink', async ({
  page,
}) => {
  await page.goto('./');
  await page.getByRole('tab', { name: 'Checkpoints' }).click();
  const view = page.getByRole('region', { name: 'Checkpoints' });
  await view.getByRole('checkbox', { name: 'Checkpointing' }).check();
  await view.getByLabel('Checkpoint interval (ms)').fill('1000');
  await view.getByLabel('Checkpoint interval (ms)').press('Enter');
  // Nothing is selected yet: the button says what to do.
  await expect(view.getByRole('button', { name: 'Inject failure' })).toBeDisabled();

  const controls = page.getByRole('region', { name: 'Run controls' });
  await controls.getByRole('button', { name: 'Step to next firing' }).click();
  await expect(page.getByRole('status', { name: 'Last step' })).toContainText('fired');
  await expect(view.getByRole('status', { name: 'Job status' })).toContainText(
    /Job running · \d+ checkpoints completed · 0 restarts/,
  );
  const history = view.getByRole('table', { name: 'Checkpoint history' });
  await expect(history.locator('tbody tr').first()).toContainText('completed');

  await page.getByRole('group', { name: 'Tumbling window: 5 s window' }).click();
  await view.getByRole('button', { name: 'Inject failure' }).click();
  await expect(view.getByRole('status', { name: 'Job status' })).toContainText('Job restarting at');
  await expect(page.getByLabel('Run figures of 5 s window')).toContainText('failing');
  await expect(page.getByLabel('Run figures of Clicks')).toContainText('restarting');
  await page.screenshot({ path: '/work/wt/shots/checkpoints-restarting.png' });

  await controls.getByLabel('Speed').selectOption({ label: 'As fast as possible' });
  await controls.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('status', { name: 'Processing time' })).toContainText('finished');
  await expect(view.getByRole('status', { name: 'Job status' })).toContainText(
    /Job finished · \d+ checkpoints completed · 1 restart$/,
  );
  const log = view.getByRole('list', { name: 'Failures and restores' });
  await expect(log).toContainText('5 s window[0] failed');
  await expect(log).toContainText(/restored checkpoint \d+/);
  await expect(history.locator('tbody tr').first()).toContainText('completed (final)');
  // A row opens to show each subtask's acknowledgement, size and alignment.
  await view.getByRole('button', { name: 'Subtasks of checkpoint 2' }).click();
  const subtasks = view.getByRole('table', { name: 'Subtasks of checkpoint 2' });
  await expect(subtasks.locator('tbody tr')).toHaveCount(5);
  await expect(subtasks).toContainText('5 s window[0]');
  await page.screenshot({ path: '/work/wt/shots/checkpoints-subtasks.png' });
  await page.screenshot({ path: '/work/wt/shots/checkpoints-finished.png' });

  // The at-least-once table shows the window results written again after the restore, marked.
  await page.getByRole('tab', { name: 'Results' }).click();
  await expect(page.getByRole('table', { name: 'Results of Results' })).toContainText('replayed');
  await page.screenshot({ path: '/work/wt/shots/checkpoints-results.png' });
});

/** Turns checkpointing on (every second), runs to the first firing, waits for IndexedDB. */
async function checkpointAndStore(page: Page) {
  await page.goto('./');
  await page.getByRole('tab', { name: 'Checkpoints' }).click();
  const view = page.getByRole('region', { name: 'Checkpoints' });
  await view.getByRole('checkbox', { name: 'Checkpointing' }).check();
  await view.getByLabel('Checkpoint interval (ms)').fill('1000');
  await view.getByLabel('Checkpoint interval (ms)').press('Enter');
  const controls = page.getByRole('region', { name: 'Run controls' });
  await controls.getByRole('button', { name: 'Step to next firing' }).click();
  await expect(view.getByRole('status', { name: 'Job status' })).toContainText(
    'Job running · 7 checkpoints completed',
  );
  // The Worker writes completed checkpoints to IndexedDB in the background: 3 are retained.
  await expect
    .poll(() =>
      page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const req = indexedDB.open('streamlab-checkpoints');
            req.onsuccess = () => {
              const count = req.result.transaction('meta').objectStore('meta').count();
              count.onsuccess = () => resolve(count.result);
            };
          }),
      ),
    )
    .toBe(3);
  // The edited settings are autosaved too (debounced), so the reloaded page has them.
  await expect
    .poll(() =>
      page.evaluate(
        () =>
          new Promise<unknown>((resolve) => {
            const req = indexedDB.open('streamlab');
            req.onsuccess = () => {
              // The open pipeline: its id is kept under settings.lastOpenId.
              const tx = req.result.transaction(['settings', 'pipelines']);
              const last = tx.objectStore('settings').get('lastOpenId');
              last.onsuccess = () => {
                const get = tx.objectStore('pipelines').get(last.result as string);
                get.onsuccess = () =>
                  resolve(
                    (get.result as { doc?: { settings?: { checkpointing?: unknown } } })?.doc
                      ?.settings?.checkpointing,
                  );
              };
            };
          }),
      ),
    )
    .toMatchObject({ enabled: true, interval: 1000 });
  return { view, controls };
}

test('checkpoints kept in IndexedDB survive a reload and the run resumes from the latest', async ({
  page,
}) => {
  const { view, controls } = await checkpointAndStore(page);
  await page.reload();
  await page.getByRole('tab', { name: 'Checkpoints' }).click();
  await view.getByRole('button', { name: 'Resume from checkpoint 7' }).click();
  await expect(view.getByRole('list', { name: 'Failures and restores' })).toContainText(
    'restored checkpoint 7',
  );
  await expect(page.getByRole('status', { name: 'Processing time' })).toContainText('7000');
  await page.screenshot({ path: '/work/wt/shots/checkpoints-resumed.png' });
  await controls.getByLabel('Speed').selectOption({ label: 'As fast as possible' });
  await controls.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('status', { name: 'Processing time' })).toContainText('finished');
  await expect(view.getByRole('status', { name: 'Job status' })).toContainText('Job finished');
});

test('a damaged checkpoint in IndexedDB is reported and the run resumes from the one before', async ({
  page,
}) => {
  const { view } = await checkpointAndStore(page);
  // Damage one byte of the window's state in checkpoint 7, as a broken disk might.
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const req = indexedDB.open('streamlab-checkpoints');
        req.onsuccess = () => {
          const states = req.result.transaction('states', 'readwrite').objectStore('states');
          const cursor = states.openCursor();
          cursor.onsuccess = () => {
            const c = cursor.result;
            if (!c) return resolve();
            const v = c.value as { id: number; subtask: string; bytes: Uint8Array };
            if (v.id === 7 && v.subtask === 'perFiveSeconds#0') {
              v.bytes[20] ^= 0xff;
              c.update(v).onsuccess = () => resolve();
            } else c.continue();
          };
        };
      }),
  );
  await page.reload();
  await page.getByRole('tab', { name: 'Checkpoints' }).click();
  await view.getByRole('button', { name: 'Resume from checkpoint 7' }).click();
  await expect(view.getByRole('list', { name: 'Failures and restores' })).toContainText(
    'checkpoint 7 is unusable (the checksum does not match (the stored value is damaged)); restored checkpoint 6',
  );
  await page.screenshot({ path: '/work/wt/shots/checkpoints-damaged.png' });
});
