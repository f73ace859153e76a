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
  await page.waitForTimeout(600); // the autosave debounce

  await page.reload();
  await expect(page.getByRole('group', { name: 'Log sink: Log sink 1' })).toBeVisible();
  const after = (await page.getByRole('group', { name: 'Map: Double' }).boundingBox())!;
  expect(Math.abs(after.y - moved.y)).toBeLessThan(3);
  expect(Math.abs(after.x - moved.x)).toBeLessThan(3);
});
