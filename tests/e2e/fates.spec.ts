import { expect, test, type Page } from '@playwright/test';
import { openLatenessExample } from './lateness-example';

// Room for the timeline and the record inspector side by side.
test.use({ viewport: { width: 1600, height: 1000 } });

const controls = (page: Page) => page.getByRole('region', { name: 'Run controls' });
const inspector = (page: Page) => page.getByRole('complementary', { name: 'Record inspector' });

test('a breakpoint on a late record pauses the run on it; the inspector names it late; it survives a reload', async ({
  page,
}) => {
  await openLatenessExample(page);
  await page.getByRole('tab', { name: 'Breakpoints' }).click();
  const form = page.getByRole('form', { name: 'New breakpoint' });
  await form.getByLabel('Pause when').selectOption({ label: 'a record reaches a node' });
  await form.getByLabel('Node').selectOption({ label: '5 s window, lateness 2 s' });
  await form.getByLabel('only late records').check();
  await form.getByRole('button', { name: 'Add breakpoint' }).click();
  const enable = page.getByRole('checkbox', {
    name: 'Enable breakpoint bp1: a late record reaches 5 s window, lateness 2 s',
  });
  await expect(enable).toBeChecked();

  await controls(page).getByLabel('Speed').selectOption({ label: 'As fast as possible' });
  await controls(page).getByRole('button', { name: 'Play' }).click();
  // The first late record: d@2s arrives at 3000 ms, behind the watermark 5500, within the lateness.
  await expect(inspector(page).getByRole('status')).toContainText('Paused at breakpoint bp1');
  await expect(inspector(page).getByRole('status')).toContainText(
    'A late record reached 5 s window, lateness 2 s[0] at 3000 ms: key k, event time 2000, at or behind the watermark 5500.',
  );
  await expect(inspector(page)).toContainText('d@2s (late, allowed)');
  await expect(inspector(page)).toContainText('late, fired again');
  await expect(inspector(page)).toContainText('Late, but within the allowed lateness');
  await expect(controls(page).getByRole('button', { name: 'Play' })).toBeVisible();
  await expect(page.getByRole('status', { name: 'Processing time' })).toContainText('3000');

  // Play on: the next late record is beyond the lateness and goes to the side output.
  await controls(page).getByRole('button', { name: 'Play' }).click();
  await expect(inspector(page)).toContainText('e@4s (too late)');
  await expect(inspector(page)).toContainText('late side output');
  await expect(inspector(page)).toContainText(
    'the watermark was 7500, and window [0, 5000) only takes records until the watermark passes 6999',
  );
  await page.getByRole('tab', { name: 'Timeline' }).click();
  await expect(page.getByRole('list', { name: 'Record fates' })).toBeVisible();
  await page.screenshot({ path: '/work/wt/shots/fates-breakpoint-light.png' });

  await page.waitForTimeout(700); // the autosave debounce
  await page.reload();
  await page.getByRole('tab', { name: 'Breakpoints' }).click();
  await expect(
    page.getByRole('checkbox', {
      name: 'Enable breakpoint bp1: a late record reaches 5 s window, lateness 2 s',
    }),
  ).toBeChecked();
});

test('the timeline marks each record with its fate, with a legend; a click opens the record; counters per node', async ({
  page,
}) => {
  await openLatenessExample(page);
  const legend = page.getByRole('list', { name: 'Record fates' });
  for (const fate of [
    'on time',
    'late, fired again',
    'late side output',
    'dropped as late',
    'filtered',
  ])
    await expect(legend.getByRole('listitem').filter({ hasText: fate })).toHaveCount(1);

  await controls(page).getByLabel('Speed').selectOption({ label: 'As fast as possible' });
  await controls(page).getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('status', { name: 'Processing time' })).toContainText('finished');
  const chart = page.getByRole('img', { name: /^Timeline of 5 s window/ });
  await expect(chart.locator('path.mark.late-fired')).toHaveCount(1);
  await expect(chart.locator('path.mark.side-output')).toHaveCount(1);

  // Keyboard: focus the chart, the arrow key opens the first record.
  await chart.focus();
  await page.keyboard.press('ArrowRight');
  await expect(inspector(page)).toContainText('a@1s');
  await expect(inspector(page)).toContainText(
    'On time: it went into window [0, 5000) of key k at 5 s window, lateness 2 s and was in its on-time firing at 2000 ms.',
  );
  await expect(
    inspector(page).getByRole('list', { name: 'Path through the operators' }),
  ).toContainText('Scripted events[0]');
  // A click on the late-fired mark opens that record (once the example's notice is gone from above it).
  await expect(page.getByText(/^Opened the example/)).toBeHidden({ timeout: 10_000 });
  const box = (await chart.locator('path.mark.late-fired').boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await expect(inspector(page)).toContainText('d@2s (late, allowed)');
  await page.screenshot({ path: '/work/wt/shots/fates-timeline-light.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: '/work/wt/shots/fates-timeline-dark.png' });
  await page.emulateMedia({ colorScheme: 'light' });

  await page.getByRole('tab', { name: 'Metrics' }).click();
  const counters = page.getByRole('table', { name: 'Record fates per operator' });
  const row = counters.getByRole('row').filter({ hasText: '5 s window, lateness 2 s' });
  await expect(row).toContainText('4');
  await expect(counters.getByRole('columnheader', { name: 'late, fired again' })).toBeVisible();
  await page.screenshot({ path: '/work/wt/shots/fates-metrics-light.png' });
});
