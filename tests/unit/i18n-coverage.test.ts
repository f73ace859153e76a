import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hasTranslation, loadLocale, setLocale, t } from '../../src/lib/i18n';
import { EXAMPLES, KINDS, exampleDocumentOf, validateDocument } from '../../src/lib/pipeline';
import { engineText } from '../../src/lib/ui/engine-text';
import { problemText } from '../../src/lib/ui/problem-text';
import { GROUP_TITLE } from '../../src/lib/ui/editor/icons';
import { STEP_TYPES } from '../../src/lib/ui/editor/forms/timeline-steps';
import { SPEEDS } from '../../src/lib/ui/run/format';
import { sourceTexts } from './i18n-keys';
import { FORMS } from '../../src/lib/ui/editor/forms';
import type { FormField } from '../../src/lib/ui/editor/forms/types';
import { SETTINGS_FIELDS } from '../../src/lib/ui/editor/forms/settings';

/** Every text a form shows: labels, help, units, placeholders, option labels, nested fields. */
function formTexts(fields: readonly FormField[]): string[] {
  return fields.flatMap((f) => {
    const own = [f.label, f.help];
    if (f.type === 'duration') own.push(f.empty);
    if (f.type === 'number') own.push(f.unit, f.empty);
    if (f.type === 'text') own.push(f.placeholder, f.empty);
    if (f.type === 'select') own.push(...f.options.map((o) => o.label));
    if (f.type === 'group') own.push(...formTexts(f.fields));
    if (f.type === 'list') own.push(f.itemLabel, ...formTexts(f.item));
    if (f.type === 'variant') {
      own.push(f.none);
      for (const o of f.options) own.push(o.label, o.help, ...formTexts(o.fields));
    }
    return own.filter((s): s is string => typeof s === 'string' && s !== '');
  });
}

const CJK = /[\u4e00-\u9fff]/;
/** Three Latin words in a row: English prose, not a code word or a unit. */
const PROSE = /\b[A-Za-z]{2,}\s+[A-Za-z]{2,}\s+[A-Za-z]{2,}\b/;

beforeAll(() => loadLocale('zh-CN'));
afterEach(() => setLocale('en'));

describe('every English text of the UI has a Simplified Chinese entry', () => {
  it('every t() literal and form text in src/', async () => {
    const texts = sourceTexts(process.cwd());
    expect(texts.length).toBeGreaterThan(400);
    const missing = texts.filter((x) => !hasTranslation(x.text, 'zh-CN'));
    expect(missing.map((x) => `${x.file}: ${x.text}`)).toEqual([]);
  });

  it('every inspector form of every operator kind, and the pipeline settings form', async () => {
    const texts = [
      ...Object.values(FORMS).flatMap((form) => [
        ...formTexts(form.fields),
        ...(form.parallelism ? [form.parallelism] : []),
      ]),
      ...formTexts(SETTINGS_FIELDS),
    ];
    expect(texts.length).toBeGreaterThan(150);
    expect([...new Set(texts.filter((x) => !hasTranslation(x, 'zh-CN')))]).toEqual([]);
  });

  it('operator kinds, palette groups, examples, timeline steps and speeds (data the UI translates)', async () => {
    const texts = [
      ...KINDS.flatMap((k) => [k.label, k.description]),
      ...Object.values(GROUP_TITLE),
      ...EXAMPLES.flatMap((e) => [e.title, e.summary, ...e.concepts]),
      ...EXAMPLES.flatMap((e) => [exampleDocumentOf(e).description]),
      ...STEP_TYPES.flatMap((s) => [s.label, s.value]),
      ...SPEEDS.map((s) => s.label),
    ];
    expect(texts.filter((x) => !hasTranslation(x, 'zh-CN'))).toEqual([]);
  });
});

function problemsOf(nodes: Record<string, unknown>[], edges: Record<string, unknown>[]) {
  const r = validateDocument({
    version: 1,
    settings: { timeCharacteristic: 'processing' },
    nodes,
    edges: edges.map((e, i) => ({ id: `e${i}`, ...e })),
  });
  return r.ok ? [] : r.problems;
}

describe('problems and engine sentences are worded in Chinese, still naming node and field', () => {
  it('validation problems of invalid documents', async () => {
    const problems = [
      // Field values the schema refuses.
      ...problemsOf([{ id: 'w', kind: 'tumblingWindow', config: { size: 0 } }], []),
      ...problemsOf([{ id: 'g', kind: 'generator', parallelism: 0 }], []),
      // Graph problems: inputs, partitioning, parallelism, windows against settings.
      ...problemsOf(
        [
          { id: 'g', kind: 'generator' },
          { id: 'm', kind: 'map', parallelism: 2 },
          {
            id: 'w',
            kind: 'slidingWindow',
            config: { size: 1000, slide: 2000, allowedLateness: 5 },
          },
          { id: 'u', kind: 'tableSink' },
          { id: 'x', kind: 'filter' },
          { id: 'p', kind: 'processFunction' },
          { id: 'j', kind: 'windowJoin' },
        ],
        [
          { from: 'g', to: 'm' },
          { from: 'm', to: 'w', partitioning: 'hash' },
          { from: 'w', to: 'u' },
          { from: 'u', to: 'x' },
          { from: 'g', to: 'p' },
          { from: 'g', to: 'j' },
        ],
      ),
      ...problemsOf(
        [
          { id: 'a', kind: 'map' },
          { id: 'b', kind: 'map' },
        ],
        [
          { from: 'a', to: 'b' },
          { from: 'b', to: 'a' },
        ],
      ),
    ];
    expect(problems.length).toBeGreaterThan(10);
    await setLocale('zh-CN');
    for (const p of problems) {
      const zh = problemText(p);
      expect(zh, p.message).toMatch(CJK);
      expect(zh, p.message).not.toMatch(PROSE);
      if (p.nodeId) expect(zh).toContain(p.nodeId);
      if (p.field && p.message.includes(p.field)) expect(zh).toContain(p.field);
    }
  });

  it('engine sentences: drop reasons, failures, restores', async () => {
    await setLocale('zh-CN');
    for (const s of [
      'late: watermark 4999 had passed the window [0, 5000) end − 1 + allowed lateness 0',
      "late: the left element's timestamp 10 is behind the watermark 200",
      'failure injected into w[0] at 4200 ms; the job fails: fixed-delay restart strategy: 3 restart attempts used up',
      'checkpoint 2 is unusable (the checksum does not match (the stored value is damaged)); restored checkpoint 1',
      'no completed checkpoint: restarted from the beginning',
      'onTimer keeps registering event-time timers that are already due: stopped after 100000 of them, the due ones left are dropped (Flink would loop here forever)',
    ]) {
      const zh = engineText(s);
      expect(zh, s).toMatch(CJK);
      expect(zh, s).not.toMatch(PROSE);
    }
  });

  it("a user function's own error stays as JavaScript said it; the engine's part is translated", async () => {
    await setLocale('zh-CN');
    expect(
      engineText("TypeError: Cannot read properties of undefined (reading 'b'); record dropped"),
    ).toBe("TypeError: Cannot read properties of undefined (reading 'b'); 记录被丢弃");
  });

  it('plural forms: English singular from en/, Chinese has one form', async () => {
    const key = 'Opened “{{name}}” from {{source}}; it has {{count}} problems to fix.';
    expect(t(key, { name: 'x', source: 's', count: 1 })).toBe(
      'Opened “x” from s; it has 1 problem to fix.',
    );
    expect(t(key, { name: 'x', source: 's', count: 2 })).toBe(
      'Opened “x” from s; it has 2 problems to fix.',
    );
    await setLocale('zh-CN');
    expect(t(key, { name: 'x', source: 's', count: 1 })).toBe(
      '已从s打开“x”；有 1 个问题需要修复。',
    );
  });
});

describe('English plural forms where the UI said "1 row", "1 subtask", …', () => {
  it('singular and plural', async () => {
    expect(t('{{count}} rows', { count: 1 })).toBe('1 row');
    expect(t('{{count}} rows', { count: 3 })).toBe('3 rows');
    expect(t('{{count}} subtasks', { count: 1 })).toBe('1 subtask');
    expect(t('{{count}} problems', { count: 1 })).toBe('1 problem');
    expect(t('{{count}} checkpoints completed', { count: 1 })).toBe('1 checkpoint completed');
    expect(t('{{count}} restarts', { count: 0 })).toBe('0 restarts');
    await setLocale('zh-CN');
    expect(t('{{count}} rows', { count: 1 })).toBe('1 行');
  });
});
