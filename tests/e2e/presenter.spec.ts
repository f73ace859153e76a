import { expect, test, type Page } from '@playwright/test';

async function boxes(page: Page) {
  const canvas = await page.getByRole('region', { name: 'Pipeline canvas' }).boundingBox();
  const timeline = await page.getByRole('region', { name: 'Timeline' }).boundingBox();
  return { canvas: canvas!, timeline: timeline! };
}

for (const scheme of ['light', 'dark'] as const) {
  test(`presenter mode (${scheme}): large text, high contrast, canvas beside the timeline, remembered`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto('./');
    // Normally the timeline is below the canvas.
    let b = await boxes(page);
    expect(b.timeline.y).toBeGreaterThan(b.canvas.y + b.canvas.height - 1);
    const textColor = () => page.evaluate(() => getComputedStyle(document.body).color);
    const before = await textColor();
    await page.screenshot({ path: `/work/wt/shots/i18n-presenter-off-${scheme}.png` });

    const toggle = page.getByRole('button', { name: 'Presenter mode' });
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await expect(page.locator('html')).toHaveAttribute('data-presenter', 'on');
    await page.getByRole('button', { name: 'Step to next firing' }).click();
    await expect(page.getByRole('status', { name: 'Last step' })).toContainText('fired');

    // Side by side: the timeline right of the canvas, at the same height.
    b = await boxes(page);
    expect(b.timeline.x).toBeGreaterThanOrEqual(b.canvas.x + b.canvas.width - 1);
    expect(Math.abs(b.timeline.y - b.canvas.y)).toBeLessThan(80);
    expect(b.canvas.width).toBeGreaterThan(300);
    // High contrast: pure black text on light, pure white on dark.
    expect(await textColor()).toBe(scheme === 'light' ? 'rgb(0, 0, 0)' : 'rgb(255, 255, 255)');
    expect(await textColor()).not.toBe(before);
    // Large text: the run views are zoomed.
    const zoom = await page
      .locator('.results-area > *')
      .first()
      .evaluate((el) => getComputedStyle(el).zoom);
    expect(Number(zoom)).toBeGreaterThan(1);
    await page.screenshot({ path: `/work/wt/shots/i18n-presenter-${scheme}.png` });

    await page.reload();
    await expect(page.getByRole('button', { name: 'Presenter mode' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await page.getByRole('button', { name: '步进到下一次触发' }).click();
    await page.screenshot({ path: `/work/wt/shots/i18n-presenter-zh-${scheme}.png` });
    await page.getByRole('button', { name: '演示模式' }).click();
    await expect(page.locator('html')).not.toHaveAttribute('data-presenter', 'on');
    await page.reload();
    await expect(page.getByRole('button', { name: '演示模式' })).toHaveAttribute(
      'aria-pressed',
      'false',
    );
  });
}
