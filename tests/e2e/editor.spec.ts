import { expect, test, type Locator, type Page } from '@playwright/test';

async function dragBetween(page: Page, from: Locator, to: Locator) {
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 8 });
  await page.mouse.up();
}

test('connect, change partitioning, delete, undo and redo', async ({ page }) => {
  await page.goto('./');
  const canvas = page.getByRole('region', { name: 'Pipeline canvas' });
  await page.getByRole('button', { name: /^Log sink/ }).click();
  const log = page.getByRole('group', { name: 'Log sink: Log sink 1' });
  await expect(log).toBeVisible();
  await expect(
    page.getByRole('button', { name: /node logSink1: Log sink needs an input/ }),
  ).toBeVisible();

  // Connect the map's output to the new sink: a rebalance-free forward edge appears.
  await dragBetween(
    page,
    page.getByRole('group', { name: 'Map: Double' }).locator('.svelte-flow__handle.source'),
    log.locator('.svelte-flow__handle.target'),
  );
  const edge = page.getByRole('group', { name: 'forward edge from double to logSink1' });
  await expect(edge).toBeVisible();
  await expect(page.getByText('No problems: the pipeline is valid.')).toBeVisible();

  // Select the edge and make it broadcast in the inspector.
  await edge.focus();
  await page.keyboard.press('Enter');
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await inspector.getByRole('radio', { name: /broadcast/ }).check();
  await expect(
    page.getByRole('group', { name: 'broadcast edge from double to logSink1' }),
  ).toBeVisible();

  // Delete the sink with the keyboard; its edge goes with it. Undo brings both back.
  await log.click();
  await page.keyboard.press('Delete');
  await expect(log).toHaveCount(0);
  await expect(canvas.locator('.svelte-flow__edge')).toHaveCount(4);
  await page.keyboard.press('Control+z');
  await expect(log).toBeVisible();
  await expect(
    page.getByRole('group', { name: 'broadcast edge from double to logSink1' }),
  ).toBeVisible();
  await page.keyboard.press('Control+Shift+z');
  await expect(log).toHaveCount(0);
});

test('clicking a problem selects its node; copy and paste; auto layout', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('button', { name: /^Filter/ }).click();
  await page.getByRole('group', { name: 'Map: Double' }).click();
  await page.getByRole('button', { name: /node filter1: Filter needs an input/ }).click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await expect(inspector.getByRole('heading', { name: 'Filter 1' })).toBeVisible();

  await page.getByRole('group', { name: 'Filter: Filter 1' }).click();
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await expect(page.getByRole('group', { name: /^Filter: Filter 1/ })).toHaveCount(2);
  await expect(
    page.getByRole('button', { name: /node filter2: Filter needs an input/ }),
  ).toBeVisible();

  await page.getByRole('button', { name: 'Auto layout' }).click();
  const boxes = await Promise.all(
    ['Generator source: Clicks', 'Map: Double', 'KeyBy: By user'].map(
      async (name) => (await page.getByRole('group', { name }).boundingBox())!,
    ),
  );
  // Layered left to right along the dataflow.
  expect(boxes[0].x).toBeLessThan(boxes[1].x);
  expect(boxes[1].x).toBeLessThan(boxes[2].x);
  await page.screenshot({ path: 'test-results/editor-after-layout.png' });
});
