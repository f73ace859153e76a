import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import lz from 'lz-string';

/** The idle-partition example: partition 1 of `clicks` goes quiet at 2 s, without idleness. */
const doc = readFileSync('docs/examples/idle-partition.json', 'utf8');
const SHOTS = '/work/wt/shots';

async function openStalled(page: Page) {
  await page.goto(`./#doc=${lz.compressToEncodedURIComponent(doc)}`);
  await page
    .getByRole('dialog', { name: /^Review the code/ })
    .getByRole('button', { name: 'Accept' })
    .click();
  await expect(page.getByLabel('Pipeline name')).toHaveText(/^Idle partition/);
  const controls = page.getByRole('region', { name: 'Run controls' });
  await controls.getByLabel('Run to processing time (ms)').fill('3500');
  await controls.getByRole('button', { name: 'Go' }).click();
  await page.getByRole('group', { name: 'Tumbling window: counts' }).click();
  await page.getByRole('tab', { name: 'State' }).click();
  const windows = page
    .getByRole('region', { name: 'State' })
    .getByRole('table', { name: 'Open windows of subtask 0' });
  await expect(windows).toContainText('[1000, 2000)');
  return windows;
}

test('the explanation of a stalled window names the quiet partition, and idleness makes it fire', async ({
  page,
}) => {
  const windows = await openStalled(page);
  await windows
    .getByRole('button', { name: 'Why hasn’t window [1000, 2000) of key-1 fired?' })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Why hasn’t this fired?' });
  await expect(dialog).toContainText(
    'It fires when the watermark reaches 1999 (the window’s end − 1). Now the watermark is 1899.',
  );
  await expect(dialog).toContainText('The input lane from byKey subtask 1 is the slowest');
  await expect(dialog).toContainText(
    'Source partition clicks subtask 1 has sent no record since 1900 ms while the other partitions moved on.',
  );
  await expect(dialog.getByRole('img', { name: 'Watermark 1899, needed 1999' })).toBeVisible();
  await dialog.screenshot({ path: `${SHOTS}/explain-window-light.png` });
  await page.emulateMedia({ colorScheme: 'dark' });
  await dialog.screenshot({ path: `${SHOTS}/explain-window-dark.png` });
  await page.emulateMedia({ colorScheme: 'light' });

  // The cause links to the node where it is fixed: the source, with its provoke controls.
  await dialog.getByRole('button', { name: 'Show clicks on the canvas' }).click();
  await expect(dialog).toBeHidden();
  const state = page.getByRole('region', { name: 'State' });
  const provoke = state.getByRole('region', { name: 'Provoke a watermark problem' });
  await expect(provoke.getByRole('button', { name: 'Resume partition 1' })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/explain-provoke-light.png` });
  await provoke.getByRole('checkbox', { name: 'Idleness timeout (off)' }).check();
  await expect(provoke.getByRole('checkbox', { name: 'Idleness timeout (1000 ms)' })).toBeChecked();

  // Re-run to the same time with idleness: the quiet partition is idle and the windows fired.
  await page.getByRole('tab', { name: 'Results' }).click();
  const results = page.getByRole('table', { name: 'Results of results' });
  await expect(results).toContainText('[1000, 2000)');
  await expect(results).toContainText('[2000, 3000)');
});

test('a window operator on the canvas explains each subtask’s next window', async ({ page }) => {
  await openStalled(page);
  await page
    .getByRole('group', { name: 'Tumbling window: counts' })
    .getByRole('button', { name: 'Why hasn’t counts fired?' })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Why hasn’t this fired?' });
  await expect(dialog).toContainText('counts: 3 open window(s)');
  await expect(dialog).toContainText('Window [1000, 2000) of key key-1');
  await expect(dialog.getByRole('table', { name: 'Input lanes of this subtask' })).toContainText(
    '← the minimum: holds it back',
  );
  await page.screenshot({ path: `${SHOTS}/explain-operator-light.png` });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: `${SHOTS}/explain-operator-dark.png` });
});

test('the physical graph shows each lane’s watermark and the lane that holds the minimum', async ({
  page,
}) => {
  await openStalled(page);
  await page.getByRole('button', { name: 'Physical graph' }).click();
  const physical = page.getByRole('region', { name: 'Physical graph' });
  await expect(physical.getByRole('group', { name: 'counts subtask 0' })).toContainText(
    'wm 1899 = min of 2',
  );
  // Two lanes into the window: byKey[0] at 3299, byKey[1] at 1899, which holds it back.
  await expect(physical.locator('path.channel.holding')).toHaveCount(1);
  await expect(physical.locator('text.lane.holding')).toHaveText('wm 1899');
  await physical.screenshot({ path: `${SHOTS}/explain-physical-light.png` });
  await page.emulateMedia({ colorScheme: 'dark' });
  await physical.screenshot({ path: `${SHOTS}/explain-physical-dark.png` });
});

test('raising the source parallelism above its partitions leaves a lane with no watermark', async ({
  page,
}) => {
  await openStalled(page);
  await page.getByRole('group', { name: 'Generator source: clicks' }).click();
  const state = page.getByRole('region', { name: 'State' });
  await state
    .getByRole('button', { name: 'Raise parallelism above the partitions (2 → 3)' })
    .click();
  await page.getByRole('group', { name: 'Tumbling window: counts' }).click();
  const windows = state.getByRole('table', { name: 'Open windows of subtask 0' });
  await windows
    .getByRole('button', { name: 'Why hasn’t window [0, 1000) of key-1 fired?' })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Why hasn’t this fired?' });
  await expect(dialog).toContainText('There is no watermark yet.');
  await expect(dialog).toContainText(
    'clicks subtask 2 has no partition to read: the source has 2 partition(s) but parallelism 3.',
  );
  await dialog.screenshot({ path: `${SHOTS}/explain-nopartition-light.png` });

  // The same explanation in Simplified Chinese.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
  // Names follow the language: the State view and its table are found by their Chinese names.
  await page
    .getByRole('region', { name: '状态' })
    .getByRole('table', { name: '子任务 0 的打开窗口' })
    .getByRole('button', { name: 'key-1 的窗口 [0, 1000) 为什么还没有触发？' })
    .click();
  const zh = page.getByRole('dialog', { name: '为什么还没有触发？' });
  await expect(zh).toContainText('clicks 子任务 2 没有可读的分区');
  await zh.screenshot({ path: `${SHOTS}/explain-nopartition-zh.png` });
});
