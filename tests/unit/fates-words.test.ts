import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../src/lib/engine';
import { FateTracker } from '../../src/lib/engine/fates';
import { EXAMPLES, exampleDocumentOf } from '../../src/lib/pipeline/examples';
import { fateSentence } from '../../src/lib/ui/run/fateWords';

/** The Chinese table as the app merges it: every area's file. */
const ZH_DIR = 'src/lib/i18n/zh-CN';
const zh: Record<string, string> = Object.assign(
  {},
  ...readdirSync(ZH_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(`${ZH_DIR}/${f}`, 'utf8')) as Record<string, string>),
);

describe('record fates in words', () => {
  it('says each fate of the lateness example with its numbers', () => {
    const doc = exampleDocumentOf(EXAMPLES.find((e) => e.id === 'watermarks-lateness')!);
    const sim = createSimulation(doc, { trace: true });
    sim.run();
    const t = new FateTracker(doc);
    t.feed(sim.trace().events);
    const says = new Map(t.all().map((r) => [r.value, fateSentence(r)]));
    expect(says.get('b@3s')).toBe(
      'On time: it went into window [0, 5000) of key k at window and was in its on-time firing at 2000 ms.',
    );
    expect(says.get('d@2s (late, allowed)')).toBe(
      'Late, but within the allowed lateness: it reached window at 3000 ms, after the watermark had reached 4999, the last moment of window [0, 5000). It went in and fired the window again: a late firing with the corrected result.',
    );
    expect(says.get('e@4s (too late)')).toBe(
      'Too late at window at 5000 ms: the watermark was 7500, and window [0, 5000) only takes records until the watermark passes 6999 (end − 1 + allowed lateness 2000 ms). It went to the late side output, which delivered it to late.',
    );
  });

  it('every text of the fate and breakpoint views has a Chinese entry', () => {
    const files = [
      'BreakpointsView.svelte',
      'FateCounters.svelte',
      'FateLegend.svelte',
      'RecordInspector.svelte',
      'fateMarks.ts',
      'fateWords.ts',
    ];
    const missing: string[] = [];
    for (const f of files) {
      const src = readFileSync(`src/lib/ui/run/${f}`, 'utf8');
      for (const m of src.matchAll(/\bt\(\s*'((?:[^'\\]|\\.)*)'/g))
        if (!(m[1] in zh)) missing.push(m[1]);
    }
    expect(missing).toEqual([]);
  });
});
