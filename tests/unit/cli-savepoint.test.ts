import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSimArgs } from '../../src/cli/args';
import { createSimulation } from '../../src/lib/engine';
import {
  parseSavepointFile,
  savepointFileText,
} from '../../src/lib/engine/checkpoints/savepointFile';
import { parseDocumentText } from '../../src/lib/pipeline';

const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const sim = (args: string[]) => spawnSync(tsx, ['src/cli/sim.ts', ...args], { encoding: 'utf8' });
const EXAMPLE = 'docs/examples/checkpoints.json';

interface Row {
  key: string;
  value: number;
  processingTime: number;
  replayed?: boolean;
}
const rows = (dir: string, sink: string): Row[] =>
  readFileSync(join(dir, `${sink}.jsonl`), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Row);

describe('savepoint files', () => {
  it('a savepoint survives its file: the same state bytes come back', () => {
    const parsed = parseDocumentText(readFileSync(EXAMPLE, 'utf8'));
    if (!parsed.ok) throw new Error('example does not parse');
    const run = createSimulation(parsed.doc, { savepoints: true });
    run.runUntil(3500);
    const sp = run.takeSavepoint();
    const back = parseSavepointFile(savepointFileText(sp));
    expect(back).toEqual({ ok: true, savepoint: sp });
  });

  it('a bad file is refused with what is wrong and where', () => {
    expect(parseSavepointFile('{')).toMatchObject({ ok: false });
    const r = parseSavepointFile(
      JSON.stringify({
        streamlabSavepoint: 2,
        time: 1,
        eventCount: 1,
        nodes: [],
        subtasks: { 'w#0': '***' },
      }),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toContain('at streamlabSavepoint: must be 1 (the only savepoint format)');
    expect(r.problems).toContain('at subtasks.w#0: must be base64 text');
  });

  it('--savepoint-at and --from-savepoint parse', () => {
    const r = parseSimArgs([
      'p.json',
      '--savepoint-at',
      '900',
      '--savepoint-at',
      '300',
      '--from-savepoint',
      'sp.json',
      '--allow-non-restored-state',
    ]);
    expect(r).toMatchObject({
      ok: true,
      args: { savepointAt: [300, 900], fromSavepoint: 'sp.json', allowNonRestoredState: true },
    });
    expect(parseSimArgs(['p.json', '--allow-non-restored-state'])).toEqual({
      ok: false,
      message: '--allow-non-restored-state needs --from-savepoint <file>',
    });
  });
});

describe('sim with savepoints', () => {
  it(
    'takes a savepoint, and a run from it goes on where the first run stood',
    { timeout: 60_000 },
    () => {
      const a = mkdtempSync(join(tmpdir(), 'sp-a-'));
      const first = sim([EXAMPLE, '--savepoint-at', '3500', '--out', a]);
      expect(first.status, first.stderr).toBe(0);
      expect(first.stdout).toContain(`savepoint at 3500 ms → ${join(a, 'savepoint-3500.json')}`);
      const summary = JSON.parse(readFileSync(join(a, 'summary.json'), 'utf8')) as {
        savepoints: unknown;
      };
      expect(summary.savepoints).toEqual([{ at: 3500, file: 'savepoint-3500.json' }]);

      const b = mkdtempSync(join(tmpdir(), 'sp-b-'));
      const second = sim([EXAMPLE, '--from-savepoint', join(a, 'savepoint-3500.json'), '--out', b]);
      expect(second.status, second.stderr).toBe(0);
      expect(second.stdout).toContain('restore at 3500 ms: restored savepoint');
      // The exactly-once sink commits the same sums: transactions pre-committed before the
      // savepoint are in it and are committed when the new run restores it, as Flink's
      // two-phase-commit sinks do. (The new job's periodic watermarks start at 3500 ms, so
      // windows after it may fire at other times, as in Flink.)
      const sums = (r: Row[]) => r.map((x) => `${x.key}=${x.value}`);
      expect(sums(rows(b, 'exactlyOnce'))).toEqual(sums(rows(a, 'exactlyOnce')));
      // The at-least-once sink wrote its first results before the savepoint in the first run
      // only; the new run writes every later sum, in the same order.
      const fresh = (r: Row[]) => sums(r.filter((x) => !x.replayed));
      const before = rows(a, 'atLeastOnce').filter((r) => r.processingTime <= 3500);
      expect(fresh(rows(b, 'atLeastOnce'))).toEqual(
        fresh(rows(a, 'atLeastOnce')).slice(before.length),
      );
    },
  );

  it(
    'a savepoint whose node was removed needs --allow-non-restored-state',
    { timeout: 60_000 },
    () => {
      const a = mkdtempSync(join(tmpdir(), 'sp-a-'));
      expect(sim([EXAMPLE, '--savepoint-at', '2000', '--out', a]).status).toBe(0);
      const doc = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as {
        nodes: { id: string }[];
        edges: { from: string; to: string }[];
      };
      doc.nodes = doc.nodes.filter((n) => n.id !== 'atLeastOnce');
      doc.edges = doc.edges.filter((e) => e.to !== 'atLeastOnce');
      const edited = join(a, 'edited.json');
      writeFileSync(edited, JSON.stringify(doc));
      const sp = join(a, 'savepoint-2000.json');
      const refused = sim([edited, '--from-savepoint', sp, '--out', a]);
      expect(refused.status).toBe(3);
      expect(refused.stderr).toContain(
        'savepoint-2000.json: the savepoint has state that the document cannot take: node atLeastOnce (tableSink) was removed; give --allow-non-restored-state to start anyway, without that state',
      );
      const allowed = sim([
        edited,
        '--from-savepoint',
        sp,
        '--allow-non-restored-state',
        '--out',
        a,
      ]);
      expect(allowed.status, allowed.stderr).toBe(0);
    },
  );
});
