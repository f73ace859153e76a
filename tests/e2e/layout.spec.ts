import { expect, test } from '@playwright/test';

test.use({ viewport: { width: 1280, height: 720 } });

test('the panels resize by keyboard and by dragging, collapse, and are remembered', async ({
  page,
}) => {
  await page.goto('./');
  const palette = page.getByRole('navigation', { name: 'Palette' });
  const paletteSplitter = page.getByRole('separator', { name: 'Resize the palette' });
  await expect(paletteSplitter).toHaveAttribute('aria-valuenow', '230');
  await expect(paletteSplitter).toHaveAttribute('aria-orientation', 'vertical');
  const before = (await palette.boundingBox())!.width;

  // Arrow keys move the splitter 16 px (Shift: 64 px).
  await paletteSplitter.focus();
  await page.keyboard.press('ArrowRight');
  await expect(paletteSplitter).toHaveAttribute('aria-valuenow', '246');
  expect((await palette.boundingBox())!.width).toBeCloseTo(before + 16, 0);
  await page.keyboard.press('Shift+ArrowLeft');
  await expect(paletteSplitter).toHaveAttribute('aria-valuenow', '182');

  // The inspector's splitter is on its left edge: ArrowLeft makes it wider.
  const inspectorSplitter = page.getByRole('separator', { name: 'Resize the inspector' });
  await inspectorSplitter.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(inspectorSplitter).toHaveAttribute('aria-valuenow', '316');

  // Dragging the run panel's splitter up by 100 px makes the run views 100 px taller.
  const tabs = page.getByRole('tablist', { name: 'Run views' });
  const runSplitter = page.getByRole('separator', { name: 'Resize the run views' });
  await expect(runSplitter).toHaveAttribute('aria-orientation', 'horizontal');
  const tabsBefore = (await tabs.boundingBox())!.y;
  const bar = (await runSplitter.boundingBox())!;
  await page.mouse.move(bar.x + bar.width / 3, bar.y + bar.height / 2);
  await page.mouse.down();
  await page.mouse.move(bar.x + bar.width / 3, bar.y + bar.height / 2 - 50, { steps: 4 });
  await page.mouse.move(bar.x + bar.width / 3, bar.y + bar.height / 2 - 100, { steps: 4 });
  await page.mouse.up();
  await expect(runSplitter).toHaveAttribute('aria-valuenow', '300');
  expect((await tabs.boundingBox())!.y).toBeCloseTo(tabsBefore - 100, 0);

  // Collapsing: Enter on the splitter, or its button.
  await paletteSplitter.focus();
  await page.keyboard.press('Enter');
  await expect(palette).toBeHidden();
  await expect(paletteSplitter).toHaveAttribute('aria-valuetext', 'collapsed');
  const showInspector = page.getByRole('button', { name: 'Hide the inspector' });
  await showInspector.click();
  await expect(page.getByRole('complementary', { name: 'Inspector' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Show the inspector' })).toHaveAttribute(
    'aria-expanded',
    'false',
  );

  // After a reload the workspace is as it was left.
  await page.reload();
  await expect(palette).toBeHidden();
  await expect(page.getByRole('complementary', { name: 'Inspector' })).toBeHidden();
  await expect(runSplitter).toHaveAttribute('aria-valuenow', '300');
  await page.getByRole('button', { name: 'Show the palette' }).click();
  await expect(palette).toBeVisible();
  await expect(paletteSplitter).toHaveAttribute('aria-valuenow', '182');
  await page.getByRole('button', { name: 'Show the inspector' }).click();
  await expect(inspectorSplitter).toHaveAttribute('aria-valuenow', '316');
});
