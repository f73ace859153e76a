import { expect, test, type Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';
import { KINDS, exampleDocument } from '../../src/lib/pipeline';

/**
 * Walks every view in Simplified Chinese and checks that no English UI text leaks: no visible
 * text or accessible name is an English text of the catalog, and none holds English prose
 * (three Latin words in a row) once user content, code and product names are taken out.
 */

const ZH_DIR = join(process.cwd(), 'src/lib/i18n/zh-CN');
const catalog: Record<string, string> = Object.assign(
  {},
  ...readdirSync(ZH_DIR).map((f) => JSON.parse(readFileSync(join(ZH_DIR, f), 'utf8'))),
);
/** English texts whose Chinese differs (a product name or a unit reads the same in both). */
const ENGLISH = new Set(Object.keys(catalog).filter((k) => catalog[k] !== k && k.length > 1));

/** The example pipeline's own words (node names, expressions): user content, not UI text. */
const example = exampleDocument();
const USER_CONTENT = [
  example.name,
  ...example.nodes.flatMap((n) => [n.name, n.id]),
  ...example.nodes.flatMap((n) =>
    Object.values(n.config as Record<string, unknown>).filter(
      (v): v is string => typeof v === 'string',
    ),
  ),
  // The default expressions of new nodes (`value`, `key`, …), shown as the node's summary.
  ...KINDS.flatMap((k) =>
    Object.values(v.parse(k.config as v.GenericSchema, {}) as Record<string, unknown>).filter(
      (x): x is string => typeof x === 'string',
    ),
  ),
].filter((s) => s.length > 0);

/** Words that stay as they are in Chinese: product names, API names, units, keys. */
const KEEP =
  /\b(Flink|Streamlab|Java|JavaScript|SQL|JSON|CSV|Beam|TestStream|Zipf|Ctrl|Shift|Enter|Tab|ms|min|KB|Watermark|Watermarks|KeyBy|Union|Map|Filter|FlatMap|Reduce|Aggregate|Process|Sink|forward|rebalance|hash|broadcast|keyBy|main|left|right|event|processing|count|sum|average|default|purging|none|at-least-once|exactly-once)\b/g;
/** Code: identifiers with dots, brackets, underscores or inner capitals. */
const CODE = /[\w$]*(?:[._()[\]{}]|[a-z][A-Z])[\w$.()[\]{}]*/g;
const PROSE = /\b[A-Za-z]{2,}\s+[A-Za-z]{2,}\s+[A-Za-z]{2,}\b/;

/** Every visible text and accessible name on the page (code and editors left out). */
async function screenTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    // Export notes are the generated code's NOTE comments: English on purpose (the dialog says so).
    const skip = (el: Element) =>
      !!el.closest('code, pre, .cm-editor, .svelte-flow__attribution, .notes li');
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const s = n.textContent?.trim();
      if (!s || !el || skip(el) || el.closest('script, style')) continue;
      if (el.closest('option') ? !el.closest('select')?.checkVisibility() : !el.checkVisibility())
        continue;
      out.push(s);
    }
    for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
      if (skip(el) || !el.checkVisibility()) continue;
      for (const a of ['aria-label', 'title', 'placeholder', 'alt']) {
        const v = el.getAttribute(a);
        if (v) out.push(v);
      }
    }
    return out;
  });
}

function leaks(texts: string[]): string[] {
  return [...new Set(texts)].filter((text) => {
    if (USER_CONTENT.includes(text)) return false;
    if (ENGLISH.has(text)) return true;
    let rest = text;
    for (const u of USER_CONTENT) rest = rest.split(u).join(' ');
    rest = rest.replace(CODE, ' ').replace(KEEP, ' ');
    return PROSE.test(rest);
  });
}

async function expectNoEnglish(page: Page, where: string) {
  await page.screenshot({ path: `/work/wt/shots/i18n-zh-${where}.png` });
  expect(leaks(await screenTexts(page)), where).toEqual([]);
}

async function switchToChinese(page: Page) {
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
  await expect(page.getByRole('navigation', { name: '算子面板' })).toBeVisible();
}

test('the language choice survives a reload', async ({ page }) => {
  await page.goto('./');
  await switchToChinese(page);
  await page.reload();
  await expect(page.getByRole('navigation', { name: '算子面板' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: '语言' })).toHaveValue('zh-CN');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.getByRole('combobox', { name: '语言' }).selectOption('en');
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Palette' })).toBeVisible();
});

test('no English UI text leaks on any screen in Simplified Chinese', async ({ page }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('./');
  await switchToChinese(page);
  await expectNoEnglish(page, 'start');

  // The run bar and every run view, on the example pipeline.
  const controls = page.getByRole('region', { name: '运行控制' });
  await controls.getByRole('button', { name: '步进到下一条水位线' }).click();
  await expect(page.getByRole('status', { name: '上一步' })).toContainText('水位线');
  await controls.getByRole('button', { name: '步进到下一次触发' }).click();
  await expect(page.getByRole('status', { name: '上一步' })).toContainText('已触发');
  await expectNoEnglish(page, 'timeline');
  await page.getByRole('tab', { name: '结果' }).click();
  await expect(page.getByRole('table', { name: /的结果$/ })).toBeVisible();
  await expectNoEnglish(page, 'results');
  await page.getByRole('group', { name: '滚动窗口: 5 s window' }).click();
  await page.getByRole('tab', { name: '状态' }).click();
  await expect(page.getByRole('table', { name: '子任务 0 的打开窗口' })).toBeVisible();
  await expectNoEnglish(page, 'state');
  await page.getByRole('tab', { name: '指标' }).click();
  await expect(page.getByRole('table', { name: '算子指标' })).toBeVisible();
  await expectNoEnglish(page, 'metrics');
  await page.getByRole('tab', { name: '检查点' }).click();
  await page.getByRole('checkbox', { name: '启用检查点' }).check();
  await page.getByRole('spinbutton', { name: '检查点间隔（ms）' }).fill('500');
  await page.getByRole('spinbutton', { name: '检查点间隔（ms）' }).press('Enter');
  await controls.getByLabel('运行到处理时间（ms）').fill('3000');
  await controls.getByRole('button', { name: '执行' }).click();
  await expect(page.getByRole('table', { name: '检查点历史' })).toBeVisible();
  await page.getByRole('button', { name: '注入故障' }).click();
  await expect(page.getByRole('list', { name: '故障与恢复' })).toBeVisible();
  await expectNoEnglish(page, 'checkpoints');
  await page.getByRole('button', { name: '物理执行图' }).click();
  await expect(page.getByRole('heading', { name: '物理执行图' })).toBeVisible();
  await expectNoEnglish(page, 'physical');
  await page.getByRole('button', { name: '返回逻辑图' }).click();

  // Dialogs.
  await page.getByRole('button', { name: '文档' }).click();
  await expect(page.getByRole('dialog', { name: '文档' })).toBeVisible();
  await expectNoEnglish(page, 'documents');
  await page.getByRole('dialog', { name: '文档' }).getByRole('button', { name: '关闭' }).click();
  await page.getByRole('button', { name: '示例' }).click();
  await expect(page.getByRole('dialog', { name: '示例' })).toBeVisible();
  await expectNoEnglish(page, 'examples');
  await page.getByRole('dialog', { name: '示例' }).getByRole('button', { name: '关闭' }).click();
  await page.getByRole('button', { name: '分享' }).click();
  await expect(page.getByRole('dialog', { name: '分享' })).toBeVisible();
  await expectNoEnglish(page, 'share');
  await page.getByRole('dialog', { name: '分享' }).getByRole('button', { name: '关闭' }).click();
  await page.getByRole('button', { name: '导出到 Flink' }).click();
  const exportDialog = page.getByRole('dialog', { name: '导出到 Flink' });
  await expect(exportDialog.getByRole('tab').first()).toBeVisible();
  await expectNoEnglish(page, 'export');
  await exportDialog.getByRole('button', { name: '关闭' }).click();

  // The inspector form of every operator kind: each palette item adds a node and selects it.
  const palette = page.getByRole('navigation', { name: '算子面板' });
  const inspector = page.getByRole('complementary', { name: '检查器' });
  const items = palette.getByRole('button');
  const count = await items.count();
  expect(count).toBeGreaterThan(15);
  for (let i = 0; i < count; i++) {
    const label = (await items.nth(i).locator('.name').textContent())!.trim();
    await items.nth(i).click();
    await expect(inspector.getByRole('heading', { level: 3 })).toContainText(label);
    await expectNoEnglish(page, `inspector-${i}`);
  }
  // The new nodes have no inputs: the problems list names each of them.
  await expect(page.getByRole('region', { name: /^问题/ })).toContainText('需要输入');
  await page
    .getByRole('toolbar', { name: '画布工具' })
    .getByRole('button', { name: '适应视图' })
    .click();
  await expectNoEnglish(page, 'problems');
  // An edge's inspector.
  // Selected from the keyboard, as the canvas offers ("press enter or space to select an edge").
  await page
    .getByRole('group', { name: /的 hash 边$/ })
    .first()
    .focus();
  await page.keyboard.press('Enter');
  await expect(inspector.getByRole('group', { name: '分区方式' })).toBeVisible();
  await expectNoEnglish(page, 'edge');
});
