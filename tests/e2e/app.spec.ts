import { expect, test } from '@playwright/test';

test('opens on the example pipeline, with every node findable by role and name', async ({
  page,
}) => {
  await page.goto('./');
  await expect(page.getByRole('heading', { name: 'Streamlab', level: 1 })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Palette' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Pipeline canvas' })).toBeVisible();

  for (const name of [
    'Generator source: Clicks',
    'Map: Double',
    'KeyBy: By user',
    'Tumbling window: 5 s window',
    'Table sink: Results',
  ]) {
    await expect(page.getByRole('group', { name })).toBeVisible();
  }
  // Edges are drawn from the document, with their partitioning.
  await expect(page.locator('.svelte-flow__edge')).toHaveCount(4);
  await expect(
    page.getByRole('group', { name: 'hash edge from byUser to perFiveSeconds' }),
  ).toBeVisible();
  await expect(page.locator('.svelte-flow__edge-label', { hasText: 'hash' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Zoom In' })).toBeVisible();

  await page.screenshot({ path: 'test-results/app-example.png' });
});

test('selecting a node shows it in the inspector', async ({ page }) => {
  await page.goto('./');
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await expect(inspector.getByRole('heading', { name: 'Clicks per user' })).toBeVisible();
  await page.getByRole('group', { name: 'Tumbling window: 5 s window' }).click();
  await expect(inspector.getByRole('heading', { name: '5 s window' })).toBeVisible();
  await expect(inspector).toContainText('Fixed-size, non-overlapping windows');
});

test('dragging a palette item onto the canvas adds a node at the drop point', async ({ page }) => {
  await page.goto('./');
  const pane = page.locator('.svelte-flow__pane');
  const box = (await pane.boundingBox())!;
  await page
    .getByRole('button', { name: /^Filter/ })
    .dragTo(pane, { targetPosition: { x: box.width / 2, y: box.height - 80 } });
  const added = page.getByRole('group', { name: 'Filter: Filter 1' });
  await expect(added).toBeVisible();
  const nodeBox = (await added.boundingBox())!;
  expect(Math.abs(nodeBox.x - (box.x + box.width / 2))).toBeLessThan(4);
  // A lone filter has no input: validation says so on the node.
  await expect(added).toContainText('1 problem');
});
