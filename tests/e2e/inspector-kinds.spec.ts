import { expect, test } from '@playwright/test';
import { KINDS } from '../../src/lib/pipeline/kinds';

// Set SHOTS_DIR to also write screenshots of every kind's form (light and dark) for review.
const SHOTS = process.env.SHOTS_DIR;

for (const colorScheme of ['light', 'dark'] as const) {
  test(`every kind has a form whose controls all have accessible names (${colorScheme})`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme });
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto('./');
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    for (const kind of KINDS) {
      await page.getByRole('button', { name: new RegExp(`^${kind.label}`) }).click();
      await expect(inspector.getByRole('heading', { name: `${kind.label} 1` })).toBeVisible();
      // No raw JSON boxes: every nested config has its own sub-form.
      await expect(inspector.getByText('(JSON)')).toHaveCount(0);
      const controls = inspector.locator(
        'input, select, textarea, button, [contenteditable="true"]',
      );
      // Code editors load lazily; wait for them before looking at the controls.
      await expect(inspector.locator('pre.loading')).toHaveCount(0);
      for (const control of await controls.all()) await expect(control).toHaveAccessibleName(/\S/);
      if (SHOTS) {
        await page.screenshot({ path: `${SHOTS}/inspector-${kind.kind}-${colorScheme}.png` });
        await page.setViewportSize({ width: 1280, height: 2600 });
        await inspector.screenshot({
          path: `${SHOTS}/inspector-${kind.kind}-${colorScheme}-full.png`,
        });
        await page.setViewportSize({ width: 1280, height: 720 });
      }
    }
  });
}
