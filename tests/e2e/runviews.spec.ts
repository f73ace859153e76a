import { expect, test, type Locator, type Page } from '@playwright/test';

function controls(page: Page) {
  return page.getByRole('region', { name: 'Run controls' });
}

test('a fired window appears in the results with its bounds and an on-time firing', async ({
  page,
}) => {
  await page.goto('./');
  await controls(page).getByRole('button', { name: 'Step to next firing' }).click();
  await expect(page.getByRole('status', { name: 'Last step' })).toContainText('fired');
  const note = await page.getByRole('status', { name: 'Last step' }).textContent();
  const [, start, end, key] = /window \[(\d+), (\d+)\) of key (\S+)/.exec(note ?? '')!;

  await page.getByRole('tab', { name: 'Results' }).click();
  const table = page.getByRole('table', { name: 'Results of Results' });
  const row = table.getByRole('row').filter({ hasText: key }).first();
  await expect(row.getByRole('cell').nth(2)).toHaveText(`[${start}, ${end})`);
  await expect(row.getByRole('cell').nth(3)).toHaveText(String(Number(end) - 1));
  await expect(row.getByRole('cell').nth(4)).toHaveText('on-time');

  // Numeric results can be drawn as a chart, one line per key.
  await page.getByRole('group', { name: 'Show as' }).getByRole('button', { name: 'Chart' }).click();
  await expect(
    page.getByRole('img', { name: /^Chart of Results: value against event time for \d keys?$/ }),
  ).toBeVisible();
});

test('the state view shows the open windows of the selected operator with their contents', async ({
  page,
}) => {
  await page.goto('./');
  await page.getByRole('group', { name: 'Tumbling window: 5 s window' }).click();
  await page.getByRole('tab', { name: 'State' }).click();
  const state = page.getByRole('region', { name: 'State' });
  await expect(state).toContainText('Not started');

  await controls(page).getByLabel('Run to processing time (ms)').fill('1500');
  await controls(page).getByRole('button', { name: 'Go' }).click();
  const windows = state.getByRole('table', { name: 'Open windows of subtask 0' });
  await expect(windows).toBeVisible();
  // Every open window is [0, 5000) this early, with the doubled click values as its contents.
  const rows = windows.locator('tbody tr');
  expect(await rows.count()).toBeGreaterThan(0);
  for (const text of await rows.allTextContents()) expect(text).toContain('[0, 5000)');
  // The window sums incrementally, so it keeps only its running sum of the doubled clicks.
  const contents = await rows.first().getByRole('cell').nth(2).textContent();
  expect(contents).toMatch(/^running result \d+$/);
  expect(Number(contents!.replace('running result ', '')) % 2).toBe(0);
  await expect(state.getByRole('list', { name: 'Timers of subtask 0' })).toContainText(
    'event-time timer at 4999',
  );
});

test('the physical graph shows every subtask and the channels between them', async ({ page }) => {
  await page.goto('./');
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  for (const node of ['Tumbling window: 5 s window', 'Table sink: Results']) {
    await page.getByRole('group', { name: node }).click();
    await inspector.getByLabel('Parallelism').fill('2');
    await inspector.getByLabel('Parallelism').press('Enter');
  }
  await controls(page).getByRole('button', { name: 'Step to next firing' }).click();
  await expect(page.getByRole('status', { name: 'Last step' })).toContainText('fired');

  await page.getByRole('button', { name: 'Physical graph' }).click();
  const physical = page.getByRole('region', { name: 'Physical graph' });
  await expect(physical).toBeVisible();
  await expect(physical.getByRole('group', { name: 'Double subtask 0' })).toBeVisible();
  await expect(physical.getByRole('group', { name: 'Double subtask 1' })).toHaveCount(0);
  for (const name of ['5 s window subtask 0', '5 s window subtask 1', 'Results subtask 1'])
    await expect(physical.getByRole('group', { name })).toContainText('wm');
  // keyBy hashes each user to one of the two window subtasks: two channels from one sender;
  // each window subtask forwards to its own sink subtask.
  await expect(physical.locator('path.channel.hash')).toHaveCount(2);
  await expect(physical.locator('path.channel.forward')).toHaveCount(2 + 2);
  // Flink's operator chains, named as its job graph names a chained vertex.
  await expect(
    physical.getByText(
      'Chained, one task per subtask as in Flink: Clicks → Double → By user; 5 s window → Results',
    ),
  ).toBeVisible();
  await physical.getByRole('button', { name: 'Back to the logical graph' }).click();
  await expect(physical).toBeHidden();
});

test('the metrics panel shows throughput, event-time lag and latency', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('tab', { name: 'Metrics' }).click();
  await controls(page).getByLabel('Run to processing time (ms)').fill('100');
  await controls(page).getByRole('button', { name: 'Go' }).click();
  const metrics = page.getByRole('table', { name: 'Operator metrics' });
  // Before the first watermark the lag is said in words.
  await expect(metrics.getByRole('row', { name: /Double/ })).toContainText('no watermark yet');

  await controls(page).getByLabel('Run to processing time (ms)').fill('8000');
  await controls(page).getByRole('button', { name: 'Go' }).click();
  const double = metrics.getByRole('row', { name: /Double/ });
  // The generator makes 5 clicks per second of processing time; the map passes them all on.
  await expect(double.getByRole('cell').nth(0)).toHaveText(/^5\.\d\/s$/);
  await expect(double).toContainText('ms');
  await expect(page.getByRole('table', { name: 'Sink latency' })).toContainText('results');
});

async function resultsText(table: Locator): Promise<string[]> {
  return table.locator('tbody tr').allTextContents();
}

test('seeking back and forward returns to the same state', async ({ page }) => {
  await page.goto('./');
  await controls(page).getByLabel('Run to processing time (ms)').fill('9000');
  await controls(page).getByRole('button', { name: 'Go' }).click();
  const clock = page.getByRole('status', { name: 'Processing time' });
  await expect(clock).toContainText('9000 ms');
  await page.getByRole('tab', { name: 'Results' }).click();
  const table = page.getByRole('table', { name: 'Results of Results' });
  await expect(table).toBeVisible();
  const before = await resultsText(table);
  const clockBefore = await clock.textContent();
  const badge = page.getByLabel('Run figures of 5 s window');
  const badgeBefore = await badge.textContent();

  const seek = controls(page).getByLabel('Seek to event');
  const furthest = await seek.getAttribute('max');
  await seek.fill('10');
  await expect(clock).toContainText('10 events');
  await expect(page.getByText('No results yet')).toBeVisible();

  await seek.fill(furthest!);
  await expect(clock).toHaveText(clockBefore!);
  await expect(badge).toHaveText(badgeBefore!);
  expect(await resultsText(table)).toEqual(before);
});

/** The box of an element once it has stopped moving (the canvas may still be animating a fit). */
async function settledBox(locator: Locator) {
  let last = '';
  await expect
    .poll(async () => {
      const now = JSON.stringify(await locator.boundingBox());
      const settled = now === last;
      last = now;
      return settled;
    })
    .toBe(true);
  return JSON.parse(last) as { x: number; y: number; width: number; height: number };
}

async function dragBetween(page: Page, from: Locator, to: Locator) {
  const a = await settledBox(from);
  const b = await settledBox(to);
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 8 });
  await page.mouse.up();
}

test('a scripted late record: the watermark steps to 6000, the record is flagged and goes to the side output', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 1000 });
  await page.goto('./');
  // Start from an empty canvas and build: timeline → non-keyed 5 s window → results, late → sink.
  await page.getByRole('group', { name: 'Map: Double' }).click();
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');
  await expect(page.locator('.svelte-flow__node')).toHaveCount(0);
  for (const item of [/^Timeline source/, /^Tumbling window/, /^Table sink/, /^Table sink/])
    await page.getByRole('button', { name: item }).click();
  await page
    .getByRole('toolbar', { name: 'Canvas tools' })
    .getByRole('button', { name: 'Fit view' })
    .click();

  const source = page.getByRole('group', { name: 'Timeline source: Timeline source 1' });
  const window = page.getByRole('group', { name: 'Tumbling window: Tumbling window 1' });
  const results = page.getByRole('group', { name: 'Table sink: Table sink 1' });
  const late = page.getByRole('group', { name: 'Table sink: Table sink 2' });
  await dragBetween(
    page,
    source.locator('.svelte-flow__handle.source'),
    window.locator('.svelte-flow__handle.target'),
  );
  await dragBetween(
    page,
    window.locator('.svelte-flow__handle.source').first(),
    results.locator('.svelte-flow__handle.target'),
  );
  await dragBetween(
    page,
    window.locator('.svelte-flow__handle.late-handle'),
    late.locator('.svelte-flow__handle.target'),
  );
  await expect(page.locator('.svelte-flow__edge')).toHaveCount(3);

  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await source.click();
  const steps = [
    { type: 'record', key: 'a', value: 1, timestamp: 1000 },
    { type: 'record', key: 'a', value: 2, timestamp: 2000 },
    { type: 'advance', by: 100 },
    { type: 'watermark', timestamp: 6000 },
    { type: 'advance', by: 100 },
    { type: 'record', key: 'a', value: 9, timestamp: 1500 },
    { type: 'end' },
  ];
  // Type the script into the timeline source's row editor, one step at a time.
  const add = inspector.getByRole('group', { name: 'Add a step' });
  const label = {
    record: 'Record',
    watermark: 'Watermark',
    advance: 'Advance clock',
    end: 'End of stream',
  };
  for (const [i, step] of steps.entries()) {
    await add.getByRole('button', { name: `+ ${label[step.type as keyof typeof label]}` }).click();
    const row = inspector.getByRole('listitem', { name: `Step ${i + 1}: ${step.type}` });
    const set = async (field: string, value: string) => {
      await row.getByLabel(field).fill(value);
      await row.getByLabel(field).press('Tab');
    };
    if (step.type === 'record') {
      await set('Key', String(step.key));
      await set('Event time (ms)', String(step.timestamp));
      await set('Value (a number, text or JSON)', String(step.value));
    } else if (step.type === 'watermark') await set('Watermark time (ms)', String(step.timestamp));
    else if (step.type === 'advance') await set('Advance processing time by (ms)', String(step.by));
  }
  await expect(source).toContainText(`${steps.length} scripted steps`);
  await window.click();
  await inspector.getByLabel('Non-keyed (windowAll)').check();
  await expect(page.getByText('No problems: the pipeline is valid.')).toBeVisible();

  // Step to the next watermark: the source's watermark is the scripted 6000.
  await controls(page).getByRole('button', { name: 'Step to next watermark' }).click();
  await expect(page.getByRole('status', { name: 'Last step' })).toContainText(
    'watermark of timeline1[0] advanced to 6000',
  );
  await expect(page.getByLabel('Run figures of Timeline source 1')).toContainText('wm 6000');
  // The forward edge is chained: the window gets the watermark in the same step, and fires.
  await expect(page.getByLabel('Run figures of Tumbling window 1')).toContainText('wm 6000');
  await expect(page.getByLabel('Run figures of Tumbling window 1')).toContainText('out 1');

  await controls(page).getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('status', { name: 'Processing time' })).toContainText('finished');
  // The late record is flagged on the window node and in the timeline of the window.
  await expect(page.getByLabel('Run figures of Tumbling window 1')).toContainText('late 1');
  await window.click();
  await page.getByRole('tab', { name: 'Timeline' }).click();
  await expect(
    page.getByRole('img', { name: /Timeline of Tumbling window 1/ }),
  ).toHaveAccessibleName(/1 late record flagged/);

  await page.getByRole('tab', { name: 'Results' }).click();
  const resultsTable = page.getByRole('table', { name: 'Results of Table sink 1' });
  await expect(resultsTable.locator('tbody tr')).toHaveCount(1);
  // The window counts (the default function) the two records that were on time.
  await expect(resultsTable.locator('tbody tr').getByRole('cell').nth(1)).toHaveText('2');
  await expect(resultsTable.locator('tbody tr').getByRole('cell').nth(2)).toHaveText('[0, 5000)');
  await page.getByRole('tab', { name: 'Table sink 2 (late data)' }).click();
  const lateTable = page.getByRole('table', { name: 'Results of Table sink 2' });
  await expect(lateTable.locator('tbody tr')).toHaveCount(1);
  // key, value, timestamp of the late record itself.
  await expect(lateTable.locator('tbody tr')).toContainText('a91500');
});
