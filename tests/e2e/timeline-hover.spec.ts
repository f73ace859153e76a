import { expect, test } from '@playwright/test';
import { openLatenessExample } from './lateness-example';

// Room for the timeline.
test.use({ viewport: { width: 1600, height: 1000 } });

test('hovering the timeline tells what a record and a window pane are', async ({ page }) => {
  await openLatenessExample(page);
  const controls = page.getByRole('region', { name: 'Run controls' });
  await controls.getByLabel('Speed').selectOption({ label: 'As fast as possible' });
  await controls.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('status', { name: 'Processing time' })).toContainText('finished');
  await expect(page.getByText(/^Opened the example/)).toBeHidden({ timeout: 10_000 });
  const chart = page.getByRole('img', { name: /^Timeline of 5 s window/ });

  // A record: its key, value, times and fate.
  const mark = (await chart.locator('path.mark.late-fired').boundingBox())!;
  await page.mouse.move(mark.x + mark.width / 2, mark.y + mark.height / 2);
  await expect(
    chart.getByText(/^key k, value d@2s \(late, allowed\), event time 2000/),
  ).toContainText('late, fired again');

  // A window pane, inside it but away from its records: its bounds and when it fired. Key k's
  // panes are [0, 5000), opened at 0 and last fired at 3000 ms, and [5000, 10000) right of it.
  const panes = (await chart.locator('path.pane.fired').first().boundingBox())!;
  await page.mouse.move(panes.x + panes.width / 4, panes.y + panes.height - 4);
  await expect(chart.getByText(/^window \[0, 5000\) key k: fired at/)).toBeVisible();
  await page.screenshot({ path: '/work/wt/shots/uiperf-hover-pane.png' });

  // Leaving the chart hides the detail.
  await page.mouse.move(5, 5);
  await expect(chart.getByText(/^window \[/)).toHaveCount(0);
});
