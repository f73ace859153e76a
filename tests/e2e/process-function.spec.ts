import { expect, test, type Locator, type Page } from '@playwright/test';
import { columnTexts } from './table-columns';

/** The box of a locator once it has stopped moving (Fit view and zoom animate the canvas). */
async function settledBox(page: Page, locator: Locator) {
  let box = await locator.boundingBox();
  for (;;) {
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
    const next = await locator.boundingBox();
    if (box && next && next.x === box.x && next.y === box.y && next.width === box.width)
      return next;
    box = next;
  }
}

async function dragBetween(page: Page, from: Locator, to: Locator) {
  const a = await settledBox(page, from);
  const b = await settledBox(page, to);
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 8 });
  await page.mouse.up();
}

/** Zooms the canvas in (the xyflow control) so a node can be looked at closely. */
async function canvasZoomIn(page: Page) {
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Zoom In' }).click();
}

test.use({ viewport: { width: 1440, height: 960 } });

test('a process function from the palette, between KeyBy and a sink, counts per key', async ({
  page,
}) => {
  await page.goto('./');
  await page.getByRole('button', { name: /^Process function/ }).click();
  await page.getByRole('button', { name: /^Table sink/ }).click();
  const tools = page.getByRole('toolbar', { name: 'Canvas tools' });
  await tools.getByRole('button', { name: 'Fit view' }).click();

  const keyBy = page.getByRole('group', { name: 'KeyBy: By user' });
  const process = page.getByRole('group', { name: 'Process function: Process function 1' });
  const sink = page.getByRole('group', { name: 'Table sink: Table sink 1' });
  await expect(process).toBeVisible();
  await expect(
    page.getByRole('button', { name: /node processFunction1: Process function needs an input/ }),
  ).toBeVisible();

  // KeyBy → process function: a hash edge, as the keyed state needs.
  await dragBetween(
    page,
    keyBy.locator('.svelte-flow__handle.source'),
    process.locator('.svelte-flow__handle.target'),
  );
  await expect(
    page.getByRole('group', { name: 'hash edge from byUser to processFunction1' }),
  ).toBeVisible();
  await dragBetween(
    page,
    process.locator('.svelte-flow__handle.source'),
    sink.locator('.svelte-flow__handle.target'),
  );
  await expect(
    page.getByRole('group', { name: 'forward edge from processFunction1 to tableSink1' }),
  ).toBeVisible();
  await expect(page.getByText('No problems: the pipeline is valid.')).toBeVisible();
  await tools.getByRole('button', { name: 'Auto layout' }).click();

  // The inspector shows the function bodies as code.
  await process.click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await expect(
    inspector.getByRole('textbox', { name: 'processElement(value, ctx, state, out)' }),
  ).toContainText('registerEventTimeTimer');
  await page.screenshot({ path: '/work/wt/shots/process-canvas.png' });

  const controls = page.getByRole('region', { name: 'Run controls' });
  await controls.getByLabel('Speed').selectOption({ label: 'As fast as possible' });
  await controls.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('status', { name: 'Processing time' })).toContainText('finished');
  await page.getByRole('tab', { name: 'Results' }).click();
  await page.getByRole('tab', { name: 'Table sink 1' }).click();
  const table = page.getByRole('table', { name: 'Results of Table sink 1' });
  await expect(table).toBeVisible();
  // Every element is counted once: the emitted counts of all keys add up to the 60 clicks.
  const keys = await columnTexts(table, 'key');
  const counts = await columnTexts(table, 'value');
  expect(new Set(keys)).toEqual(new Set(['user-1', 'user-2', 'user-3']));
  expect(counts.map(Number).reduce((a, b) => a + b, 0)).toBe(60);
  await page.screenshot({ path: '/work/wt/shots/process-results.png' });
});

test('a window join gets its left and right inputs by their handles', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('button', { name: /^Window join/ }).click();
  await page.getByRole('button', { name: /^Table sink/ }).click();
  const tools = page.getByRole('toolbar', { name: 'Canvas tools' });
  await tools.getByRole('button', { name: 'Fit view' }).click();

  const keyBy = page.getByRole('group', { name: 'KeyBy: By user' });
  const join = page.getByRole('group', { name: 'Window join: Window join 1' });
  await expect(
    page.getByRole('button', {
      name: /node windowJoin1, inputs.left: Window join needs a left input/,
    }),
  ).toBeVisible();
  // A self-join: the same keyed stream on both sides.
  await dragBetween(
    page,
    keyBy.locator('.svelte-flow__handle.source'),
    join.getByLabel('left input of Window join 1'),
  );
  await dragBetween(
    page,
    keyBy.locator('.svelte-flow__handle.source'),
    join.getByLabel('right input of Window join 1'),
  );
  await expect(
    page.getByRole('group', { name: 'hash edge from byUser to windowJoin1 (left input)' }),
  ).toBeVisible();
  await expect(
    page.getByRole('group', { name: 'hash edge from byUser to windowJoin1 (right input)' }),
  ).toBeVisible();
  await dragBetween(
    page,
    join.locator('.svelte-flow__handle.source'),
    page
      .getByRole('group', { name: 'Table sink: Table sink 1' })
      .locator('.svelte-flow__handle.target'),
  );
  await expect(page.getByText('No problems: the pipeline is valid.')).toBeVisible();
  await tools.getByRole('button', { name: 'Auto layout' }).click();
  await page.screenshot({ path: '/work/wt/shots/process-join-canvas.png' });
  await canvasZoomIn(page);
  await join.screenshot({ path: '/work/wt/shots/process-join-node.png' });

  const controls = page.getByRole('region', { name: 'Run controls' });
  await controls.getByLabel('Speed').selectOption({ label: 'As fast as possible' });
  await controls.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('status', { name: 'Processing time' })).toContainText('finished');
  await page.getByRole('tab', { name: 'Results' }).click();
  await page.getByRole('tab', { name: 'Table sink 1' }).click();
  const table = page.getByRole('table', { name: 'Results of Table sink 1' });
  const timestamps = await columnTexts(table, 'timestamp');
  expect(timestamps.length).toBeGreaterThan(0);
  // Every pair carries its window's end − 1.
  for (const t of timestamps) expect((Number(t) + 1) % 5000).toBe(0);
});
