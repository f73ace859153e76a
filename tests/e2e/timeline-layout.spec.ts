import { expect, test } from '@playwright/test';

// A common laptop screen: the run panel is short, so the chart must not lose its height to the legend.
test.use({ viewport: { width: 1280, height: 720 } });

test('on a 1280×720 screen the timeline chart fills its panel at its real size, its legend beside it', async ({
  page,
}) => {
  await page.goto('./');
  const controls = page.getByRole('region', { name: 'Run controls' });
  await controls.getByRole('button', { name: 'Step to next firing' }).click();
  const chart = page.getByRole('img', { name: /^Timeline of 5 s window/ });
  await expect(chart).toBeVisible();
  const legend = page.getByRole('list', { name: 'Timeline legend' });
  await expect(legend.getByText('watermark', { exact: true })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Record fates' })).toBeVisible();

  const box = (await chart.boundingBox())!;
  expect(box.height).toBeGreaterThanOrEqual(120);
  expect(box.width).toBeGreaterThanOrEqual(400);
  // Drawn at the size it is shown (not a larger drawing shrunk to fit): its text stays readable.
  await expect
    .poll(async () => {
      const [, , w, h] = (await chart.getAttribute('viewBox'))!.split(' ').map(Number);
      const b = (await chart.boundingBox())!;
      return Math.abs(w - b.width) <= 2 && Math.abs(h - b.height) <= 2;
    })
    .toBe(true);
  // The legend stands beside the chart, not above it.
  const key = (await legend.boundingBox())!;
  expect(key.x).toBeGreaterThan(box.x + box.width - 2);
});
