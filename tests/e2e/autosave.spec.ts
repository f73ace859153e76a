import { expect, test } from '@playwright/test';

test('after a reload the pipeline is back exactly as it was', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('button', { name: /^Log sink/ }).click();
  await expect(page.getByRole('group', { name: 'Log sink: Log sink 1' })).toBeVisible();
  // Move the map node by dragging it.
  const map = page.getByRole('group', { name: 'Map: Double' });
  const before = (await map.boundingBox())!;
  await page.mouse.move(before.x + 40, before.y + 20);
  await page.mouse.down();
  await page.mouse.move(before.x + 40, before.y + 140, { steps: 6 });
  await page.mouse.up();
  const moved = (await map.boundingBox())!;
  expect(moved.y - before.y).toBeGreaterThan(60);
  // Where the map sits relative to the source, in node widths (independent of the zoom level).
  const relative = async () => {
    const src = (await page
      .getByRole('group', { name: 'Generator source: Clicks' })
      .boundingBox())!;
    const m = (await page.getByRole('group', { name: 'Map: Double' }).boundingBox())!;
    return { dx: (m.x - src.x) / src.width, dy: (m.y - src.y) / src.width };
  };
  const was = await relative();
  await page.waitForTimeout(600); // the autosave debounce

  await page.reload();
  await expect(page.getByRole('group', { name: 'Log sink: Log sink 1' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Map: Double' })).toBeVisible();
  const now = await relative();
  expect(now.dx).toBeCloseTo(was.dx, 1);
  expect(now.dy).toBeCloseTo(was.dy, 1);
  expect(now.dy).toBeGreaterThan(0.3);
});
