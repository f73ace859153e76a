import { expect, test, type Page } from '@playwright/test';
import { openLatenessExample } from './lateness-example';

// Room for the results table and the record inspector side by side.
test.use({ viewport: { width: 1600, height: 1000 } });

const controls = (page: Page) => page.getByRole('region', { name: 'Run controls' });
const inspector = (page: Page) => page.getByRole('complementary', { name: 'Record inspector' });

test('a window result in the Results table opens its window and the records in it; a record opens its fate', async ({
  page,
}) => {
  await page.goto('./');
  await controls(page).getByRole('button', { name: 'Step to next firing' }).click();
  await page.getByRole('tab', { name: 'Results' }).click();
  const table = page.getByRole('table', { name: 'Results of Results' });
  const rows = table.getByRole('row');
  await expect(rows.nth(1)).toBeVisible();
  const key = (await rows.nth(1).getByRole('cell').nth(0).textContent())!.trim();
  const value = Number((await rows.nth(1).getByRole('cell').nth(1).textContent())!.trim());

  // Keyboard: the row's origin button, by its name, then Enter.
  const origin = table.getByRole('button', { name: /^Show origin of row \d+$/ }).first();
  await origin.focus();
  await page.keyboard.press('Enter');
  const sentence = inspector(page).getByText(/^From window \[/);
  await expect(sentence).toHaveText(
    new RegExp(
      `^From window \\[(\\d+), (\\d+)\\) of key ${key} at 5 s window\\[\\d\\], fired on-time at \\d+ ms: \\d+ records?\\.$`,
    ),
  );
  const [, start, end] = /\[(\d+), (\d+)\)/.exec((await sentence.textContent())!)!;
  const records = inspector(page)
    .getByRole('list', { name: 'Records in this firing' })
    .getByRole('button');
  const count = await records.count();
  expect(count).toBeGreaterThan(0);
  await expect(sentence).toContainText(`: ${count} record`);
  // The example doubles each click, then sums: the records' values doubled add up to the row.
  let sum = 0;
  for (let i = 0; i < count; i++) {
    const text = (await records.nth(i).textContent())!;
    expect(text).toMatch(/^Record #\d+ of Clicks\[\d\]: \d+/);
    sum += 2 * Number(/: (\d+)/.exec(text)![1]);
  }
  expect(sum).toBe(value);
  await page.screenshot({ path: '/work/wt/shots/result-origin-window.png' });

  // One record of it: its fate names the same window.
  await records.first().click();
  await expect(inspector(page)).toContainText(/^.*Record #\d+ of Clicks\[\d\]/);
  await expect(inspector(page).locator('.sentence')).toContainText(
    `window [${start}, ${end}) of key ${key}`,
  );
  await expect(
    inspector(page).getByRole('list', { name: 'Path through the operators' }),
  ).toContainText('5 s window');
  await page.screenshot({ path: '/work/wt/shots/result-origin-record.png' });

  // Back to the row's origin, then Close.
  await inspector(page).getByRole('button', { name: '← Back to the row’s origin' }).click();
  await expect(inspector(page).getByText(/^From window \[/)).toBeVisible();
  await inspector(page).getByRole('button', { name: 'Close' }).click();
  await expect(inspector(page)).toBeHidden();

  // A mouse click anywhere on a row opens its origin too.
  await rows.nth(2).getByRole('cell').nth(1).click();
  await expect(inspector(page).getByText(/^From window \[/)).toBeVisible();
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: '/work/wt/shots/result-origin-window-dark.png' });
});

test('a row of the late side output is one record passed along: its origin is that record’s fate', async ({
  page,
}) => {
  await openLatenessExample(page);
  await controls(page).getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('status', { name: 'Processing time' })).toContainText('finished', {
    timeout: 30_000,
  });
  await page.getByRole('tab', { name: 'Results' }).click();
  await page.getByRole('tab', { name: 'Late records (late data)' }).click();
  const table = page.getByRole('table', { name: 'Results of Late records' });
  await table.getByRole('button', { name: 'Show origin of row 1' }).click();
  await expect(inspector(page)).toContainText('e@4s (too late)');
  await expect(inspector(page)).toContainText('late side output');
  // No window result here: no window origin, and no way "back" to one.
  await expect(inspector(page).getByText(/^From window/)).toHaveCount(0);
  await expect(inspector(page).getByRole('button', { name: /Back to the row/ })).toHaveCount(0);

  // A window result of the same run lists the on-time records of its firing.
  await page.getByRole('tab', { name: 'Window results' }).click();
  const results = page.getByRole('table', { name: 'Results of Window results' });
  await results.getByRole('button', { name: 'Show origin of row 1' }).click();
  await expect(inspector(page).getByText(/^From window \[0, 5000\) of key k/)).toBeVisible();
  await expect(
    inspector(page).getByRole('list', { name: 'Records in this firing' }).getByRole('button'),
  ).toHaveText([/a@1s/, /b@3s/]);
});
