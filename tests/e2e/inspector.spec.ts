import { expect, test, type Page } from '@playwright/test';
import { columnTexts } from './table-columns';

async function runToEnd(page: Page) {
  const controls = page.getByRole('region', { name: 'Run controls' });
  await controls.getByLabel('Speed').selectOption({ label: 'As fast as possible' });
  await controls.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('status', { name: 'Processing time' })).toContainText('finished');
  await page.getByRole('tab', { name: 'Results' }).click();
  const table = page.getByRole('table', { name: 'Results of Results' });
  const timestamps = (await columnTexts(table, 'timestamp')).map(Number);
  expect(timestamps.length).toBeGreaterThan(0);
  return timestamps;
}

test('a window size in seconds and minutes: the document, the node and a run follow', async ({
  page,
}) => {
  await page.goto('./');
  const windowNode = page.getByRole('group', { name: 'Tumbling window: 5 s window' });
  await windowNode.click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  const size = inspector.getByLabel('Size', { exact: true });
  const unit = inspector.getByLabel('Size unit');
  // 5000 ms is shown as 5 s.
  await expect(size).toHaveValue('5');
  await expect(unit).toHaveValue('s');
  await expect(inspector.getByText('What the window computes')).toBeVisible();

  // 2 s: the node's summary and a run's window ends (timestamp = end − 1) follow.
  await size.fill('2');
  await size.press('Enter');
  await expect(windowNode).toContainText('2 s');
  await expect(inspector.getByText('= 2000 ms')).toBeVisible();
  const ends = await runToEnd(page);
  for (const t of ends) expect((t + 1) % 2000).toBe(0);
  expect(ends.some((t) => (t + 1) % 5000 !== 0)).toBe(true);

  // The unit select keeps the number and changes its unit: 2 min.
  await page.getByRole('button', { name: 'Reset' }).click();
  await windowNode.click();
  await unit.selectOption('min');
  await expect(windowNode).toContainText('2 min');
  await expect(inspector.getByText('= 120000 ms')).toBeVisible();

  // Undo twice (with the canvas focused): back to 2 s, then to 5 s; redo gives 2 s again.
  await windowNode.click();
  await page.keyboard.press('Control+z');
  await expect(windowNode).toContainText('2 s');
  await page.keyboard.press('Control+z');
  await expect(windowNode).toContainText('5 s');
  await expect(size).toHaveValue('5');
  await page.keyboard.press('Control+Shift+z');
  await expect(windowNode).toContainText('2 s');
  await expect(size).toHaveValue('2');
});

test('bad values are named on the field and in the problems list; undo restores', async ({
  page,
}) => {
  await page.goto('./');
  const windowNode = page.getByRole('group', { name: 'Tumbling window: 5 s window' });
  await windowNode.click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  const lateness = inspector.getByLabel('Allowed lateness', { exact: true });
  await lateness.fill('-5');
  await lateness.press('Enter');
  await expect(
    inspector
      .getByText('node perFiveSeconds, config.allowedLateness: must be 0 ms or more')
      .first(),
  ).toBeVisible();
  await expect(lateness).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('button', { name: /config\.allowedLateness/ })).toBeVisible();

  await windowNode.click();
  await page.keyboard.press('Control+z');
  await expect(page.getByText('No problems: the pipeline is valid.')).toBeVisible();
  await expect(lateness).toHaveValue('0');
});

test('the code editor highlights, shows a compile error inline, and one edit is one undo step', async ({
  page,
}) => {
  await page.goto('./');
  const mapNode = page.getByRole('group', { name: 'Map: Double' });
  await mapNode.click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  const editor = inspector.getByRole('textbox', { name: 'Map expression' });
  await expect(editor).toHaveText('value * 2');
  // Syntax highlighting: the number is its own token.
  await expect(editor.locator('span', { hasText: /^2$/ })).toHaveCount(1);

  // Typing a broken expression shows the engine's compile error under the editor at once.
  await editor.click();
  await page.keyboard.press('End');
  await page.keyboard.type(' *');
  const error = inspector.getByText(/Map expression: the expression does not compile/);
  await expect(error).toBeVisible();
  await expect(editor).toHaveAttribute('aria-invalid', 'true');
  await expect(inspector.getByText('Applied when you leave the editor')).toBeVisible();
  // …and marks where the parser gave up: the dangling operator.
  await expect(editor.locator('.cm-syntax-error')).toHaveText('*');
  await page.screenshot({ path: '/work/wt/shots/inspector-code-error.png' });

  // Leaving the editor stores it: the problems list and the Run button know.
  await page.keyboard.press('Tab');
  await expect(
    page.getByRole('button', {
      name: /node double, config\.expression: the expression does not compile/,
    }),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeDisabled();

  // Fix it: the error goes away as it is typed.
  await editor.click();
  await page.keyboard.press('End');
  await page.keyboard.type(' 3');
  await expect(error).toHaveCount(0);
  await expect(editor).toHaveAttribute('aria-invalid', 'false');
  await expect(editor.locator('.cm-syntax-error')).toHaveCount(0);
  await page.keyboard.press('Tab');
  await expect(inspector.getByText(/does not compile/)).toHaveCount(0);
  await expect(inspector.getByText('Applied when you leave the editor')).toHaveCount(0);
  await expect(mapNode).toContainText('value * 2 * 3');
  await expect(page.getByText('No problems: the pipeline is valid.')).toBeVisible();

  // Each visit of the editor was one undo step, not one per keystroke.
  await mapNode.click();
  await page.keyboard.press('Control+z');
  await expect(mapNode).toContainText('value * 2 *');
  await expect(editor).toHaveText('value * 2 *');
  await page.keyboard.press('Control+z');
  await expect(mapNode).toContainText('value * 2');
  await expect(editor).toHaveText('value * 2');
  await page.keyboard.press('Control+Shift+z');
  await page.keyboard.press('Control+Shift+z');
  await expect(editor).toHaveText('value * 2 * 3');
});

test('a timeline script is edited as rows, with the keyboard', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('button', { name: /^Timeline source/ }).click();
  const node = page.getByRole('group', { name: 'Timeline source: Timeline source 1' });
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  const add = inspector.getByRole('group', { name: 'Add a step' });
  await expect(inspector.getByText('No steps yet')).toBeVisible();

  // Add a record, a watermark and a clock advance with the keyboard.
  await add.getByRole('button', { name: '+ Record' }).focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(node).toContainText('3 scripted steps');
  const steps = inspector.getByRole('list').getByRole('listitem');
  await expect(steps).toHaveCount(3);
  await expect(steps.nth(0)).toHaveAccessibleName('Step 1: record');
  await expect(inspector.getByLabel('Event time (ms)')).toHaveValue('1000');
  await expect(inspector.getByLabel('Watermark time (ms)')).toHaveValue('1000');

  // Edit the record: a later event time, typed, and a JSON value.
  const time = inspector.getByLabel('Event time (ms)');
  await time.focus();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('4500');
  await page.keyboard.press('Tab');
  await expect(time).toHaveValue('4500');
  await page.keyboard.type('{"temp": 21}');
  await page.keyboard.press('Tab');
  await expect(inspector.getByLabel('Value (a number, text or JSON)')).toHaveValue('{"temp":21}');

  // Move the watermark above the record, then remove the advance.
  await inspector.getByRole('button', { name: 'Move step 2 up' }).focus();
  await page.keyboard.press('Enter');
  await expect(steps.nth(0)).toHaveAccessibleName('Step 1: watermark');
  await inspector.getByRole('button', { name: 'Remove step 3' }).focus();
  await page.keyboard.press('Enter');
  await expect(node).toContainText('2 scripted steps');
  await page.screenshot({ path: '/work/wt/shots/inspector-timeline-rows.png' });

  // Reselecting the node shows the same script; the record kept its JSON value.
  await page.getByRole('group', { name: 'Map: Double' }).click();
  await node.click();
  await expect(inspector.getByLabel('Value (a number, text or JSON)')).toHaveValue('{"temp":21}');
  await expect(steps.nth(1)).toHaveAccessibleName('Step 2: record');
});

test('with nothing selected, the inspector edits the pipeline settings', async ({ page }) => {
  await page.goto('./');
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await expect(inspector.getByRole('heading', { name: 'Pipeline settings' })).toBeVisible();
  await expect(inspector.getByText(/one of this many key groups/)).toBeVisible();
  const maxParallelism = inspector.getByLabel('Max parallelism (key groups)');
  await expect(maxParallelism).toHaveValue('128');
  await maxParallelism.fill('0');
  await maxParallelism.press('Enter');
  await expect(
    inspector.getByText('settings.maxParallelism: must be at least 1').first(),
  ).toBeVisible();
  await inspector.getByLabel('Watermark interval unit').selectOption('s');
  await expect(inspector.getByLabel('Watermark interval', { exact: true })).toHaveValue('200');
  await expect(inspector.getByText('= 200000 ms')).toBeVisible();
  await page.screenshot({ path: '/work/wt/shots/inspector-settings.png' });
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(maxParallelism).toHaveValue('128');
  await expect(inspector.getByLabel('Watermark interval unit')).toHaveValue('ms');
});

test('an expression typed and left by selecting another node is kept on its own node', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./');
  const mapNode = page.getByRole('group', { name: 'Map: Double' });
  const keyBy = page.getByRole('group', { name: 'KeyBy: By user' });
  await mapNode.click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await inspector.getByRole('textbox', { name: 'Map expression' }).click();
  await page.keyboard.press('End');
  await page.keyboard.type(' + 1');
  await keyBy.click();
  await expect(inspector.getByRole('heading', { name: 'By user' })).toBeVisible();
  await expect(mapNode).toContainText('value * 2 + 1');
  await expect(keyBy).toContainText('key');
  await expect(inspector.getByRole('textbox', { name: 'Key selector' })).toHaveText('key');
  expect(errors).toEqual([]);
});

test('nested configs are sub-forms: a window function and a trigger', async ({ page }) => {
  await page.goto('./');
  const windowNode = page.getByRole('group', { name: 'Tumbling window: 5 s window' });
  await windowNode.click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  const fn = inspector.getByRole('group', { name: 'Window function' });
  await fn.getByRole('combobox', { name: 'Window function' }).selectOption('Reduce');
  await expect(windowNode).toContainText('reduce');
  const reduce = fn.getByRole('textbox', { name: 'Reduce expression' });
  await expect(reduce).toHaveText('a + b');
  await expect(fn.getByText('ReduceFunction: combines two elements')).toBeVisible();

  const trigger = inspector.getByRole('group', { name: 'Trigger' });
  await trigger.getByRole('combobox', { name: 'Trigger' }).selectOption('Count trigger');
  const elements = trigger.getByLabel('Elements');
  await expect(elements).toHaveValue('3');
  await elements.fill('4');
  await elements.press('Enter');
  await trigger.getByLabel('Purge after firing').check();
  await page.screenshot({ path: '/work/wt/shots/inspector-subforms.png' });

  // Three changes, three undo steps, back to the default trigger.
  await windowNode.click();
  for (let i = 0; i < 3; i++) await page.keyboard.press('Control+z');
  await expect(trigger.getByRole('combobox', { name: 'Trigger' })).toHaveValue('default');
  await expect(reduce).toHaveText('a + b');
});
