import { expect, test, type Page } from '@playwright/test';

test.use({ viewport: { width: 1600, height: 900 } });

/** generator (2) → rebalance → map (3, 30 ms a record) → keyBy → hash → window (2) → sink. */
const pipeline = {
  version: 1,
  name: 'Batch stages',
  settings: { seed: 3, timeCharacteristic: 'event', runtimeMode: 'BATCH' },
  nodes: [
    {
      id: 'gen',
      kind: 'generator',
      name: 'Sales',
      parallelism: 2,
      position: { x: 0, y: 80 },
      config: {
        rate: 5,
        count: 60,
        keys: { count: 3, prefix: 'k' },
        values: { min: 1, max: 9, integer: true },
        outOfOrderness: { distribution: 'uniform', max: 0 },
        watermarks: { type: 'boundedOutOfOrderness', maxOutOfOrderness: 0 },
      },
    },
    {
      id: 'm',
      kind: 'map',
      name: 'Times ten',
      parallelism: 3,
      costMs: 100,
      position: { x: 260, y: 80 },
      config: { expression: 'value * 10' },
    },
    {
      id: 'k',
      kind: 'keyBy',
      name: 'By key',
      parallelism: 3,
      position: { x: 520, y: 80 },
      config: { expression: 'key' },
    },
    {
      id: 'w',
      kind: 'tumblingWindow',
      name: 'Sum per 2 s',
      parallelism: 2,
      position: { x: 780, y: 80 },
      config: { time: 'event', size: 2000, function: { type: 'sum' } },
    },
    { id: 'out', kind: 'tableSink', name: 'Report', parallelism: 2, position: { x: 1040, y: 80 } },
  ],
  edges: [
    { id: 'e1', from: 'gen', to: 'm', partitioning: 'rebalance' },
    { id: 'e2', from: 'm', to: 'k' },
    { id: 'e3', from: 'k', to: 'w', partitioning: 'hash' },
    { id: 'e4', from: 'w', to: 'out' },
  ],
};

async function importPipeline(page: Page) {
  await page.getByRole('button', { name: 'Documents' }).click();
  const dialog = page.getByRole('dialog', { name: 'Documents' });
  const chooser = page.waitForEvent('filechooser');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await (
    await chooser
  ).setFiles({
    name: 'batch-stages.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(pipeline)),
  });
  await page
    .getByRole('dialog', { name: /^Review the code/ })
    .getByRole('button', { name: 'Accept' })
    .click();
  await expect(page.getByRole('group', { name: 'Map: Times ten' })).toBeVisible();
}

async function runTo(page: Page, ms: number) {
  const controls = page.getByRole('region', { name: 'Run controls' });
  await controls.getByLabel('Run to processing time (ms)').fill(String(ms));
  await controls.getByRole('button', { name: 'Go' }).click();
}

const figures = (page: Page, node: string) =>
  page.getByRole('group', { name: node }).getByLabel(/^Run figures of/);

test('a BATCH run shows its stages one after another: records wait on each blocking edge until every sender has ended', async ({
  page,
}) => {
  await page.goto('./');
  await expect(page.getByRole('group', { name: 'Map: Double' })).toBeVisible();
  await importPipeline(page);

  // The generator still runs (it ends at 5.8 s): the map has not started, the records wait.
  await runTo(page, 4000);
  await expect(figures(page, 'Generator source: Sales')).toContainText('out 42');
  await expect(figures(page, 'Map: Times ten')).toContainText('in 0');
  // Both edges that are not chained are blocking; the first holds everything sent so far.
  const tags = page.getByTitle(/^BATCH: a blocking exchange/);
  await expect(tags).toHaveText(['blocking42 waiting', 'blocking']);
  await page.screenshot({ path: '/work/wt/shots/batch-blocking-4000.png' });
  // Why has the window not fired? It has not started: it waits for all its senders.
  await page.getByRole('button', { name: 'Why hasn’t Sum per 2 s fired?' }).click();
  const why = page.getByRole('dialog', { name: 'Why hasn’t this fired?' });
  await expect(why.getByRole('region', { name: 'Sum per 2 s subtask 0' })).toContainText(
    'it starts once all 3 senders have ended (0 so far)',
  );
  await page.screenshot({ path: '/work/wt/shots/batch-blocking-4000-why.png' });
  await why.getByRole('button', { name: 'Close' }).click();

  // The generator has ended: the map stage runs (100 ms a record); the window waits for it.
  await runTo(page, 6500);
  await expect(figures(page, 'Map: Times ten')).not.toContainText('in 0');
  await expect(figures(page, 'Tumbling window: Sum per 2 s')).toContainText('in 0');
  await page.screenshot({ path: '/work/wt/shots/batch-blocking-6500.png' });
  // The physical graph: the channels into the map are blocking, never shown as full.
  await page.getByRole('button', { name: 'Physical graph' }).click();
  const physical = page.getByRole('region', { name: 'Physical graph' });
  await expect(
    physical.locator('title', { hasText: 'gen[0] → m[0], rebalance (blocking)' }),
  ).toHaveCount(1);
  await page.screenshot({ path: '/work/wt/shots/batch-blocking-6500-physical.png' });
  await physical.getByRole('button', { name: 'Back to the logical graph' }).click();

  // The end: the window stage read everything, sorted by key, and fired.
  await runTo(page, 60000);
  await expect(page.getByRole('status', { name: 'Processing time' })).toContainText('finished');
  await expect(figures(page, 'Tumbling window: Sum per 2 s')).toContainText('in 60');
  await expect(tags).toHaveText(['blocking', 'blocking']);
  await page.screenshot({ path: '/work/wt/shots/batch-blocking-end.png' });
});
