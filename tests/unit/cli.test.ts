import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSimArgs } from '../../src/cli/args';
import { validateDocument } from '../../src/lib/pipeline';

const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const sim = (args: string[]) => spawnSync(tsx, ['src/cli/sim.ts', ...args], { encoding: 'utf8' });

describe('sim command line', () => {
  it('parses flags and rejects bad ones', () => {
    expect(parseSimArgs(['p.json', '--seed', '3', '--until', '500', '--trace'])).toEqual({
      ok: true,
      args: {
        file: 'p.json',
        seed: 3,
        until: 500,
        out: 'out',
        trace: true,
        failAt: [],
        checkpointInterval: undefined,
        explain: undefined,
        savepointAt: [],
        fromSavepoint: undefined,
        allowNonRestoredState: false,
      },
    });
    expect(parseSimArgs(['p.json', '--seed', 'x']).ok).toBe(false);
    expect(parseSimArgs([]).ok).toBe(false);
    expect(parseSimArgs(['p.json', '--bogus']).ok).toBe(false);
  });

  it(
    '--explain names the idle partition that holds back each open window',
    { timeout: 30_000 },
    () => {
      const out = mkdtempSync(join(tmpdir(), 'sim-'));
      const r = sim([
        'docs/examples/idle-partition.json',
        '--until',
        '3500',
        '--explain',
        'counts',
        '--out',
        out,
      ]);
      expect(r.status).toBe(0);
      const tail = r.stdout.slice(r.stdout.indexOf('Why has it not fired?'));
      expect(tail.split('\n').slice(0, 5)).toEqual([
        'Why has it not fired? (at 3500 ms)',
        '  counts: 3 open windows',
        '  counts[0] key key-1, window [1000, 2000): watermark 1899, needs a watermark of 1999 (end − 1).',
        '    - the lane byKey[1] → counts[0] is the slowest, at watermark 1899 (it comes from clicks[1]); the subtask takes the minimum over its lanes.',
        '    - source partition clicks[1] has sent no record since 1900 ms while the others moved on, and its watermark strategy has no idleness: set idleness on clicks.',
      ]);
      const bad = sim(['docs/examples/idle-partition.json', '--until', '10', '--explain', 'byKey']);
      expect(bad.status).toBe(2);
      expect(bad.stderr).toContain('byKey is a keyBy, not a window operator');
    },
  );

  it('every documented example validates', () => {
    for (const f of readdirSync('docs/examples')) {
      const r = validateDocument(JSON.parse(readFileSync(join('docs/examples', f), 'utf8')));
      expect(r.problems, f).toEqual([]);
    }
  });

  it(
    'runs the late-data example and writes one JSON-lines file per sink',
    { timeout: 30_000 },
    () => {
      const out = mkdtempSync(join(tmpdir(), 'sim-'));
      const r = sim(['docs/examples/late-data.json', '--out', out, '--trace']);
      expect(r.status).toBe(0);
      const lines = (f: string) =>
        readFileSync(join(out, f), 'utf8')
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l));
      expect(lines('results.jsonl')).toEqual([
        {
          key: 'a',
          value: 3,
          timestamp: 4999,
          processingTime: 1000,
          subtask: 0,
          window: { start: 0, end: 5000 },
          firing: 'on-time',
        },
      ]);
      // The side-output sink lists the dropped late record as it arrived: not a window result.
      expect(lines('late.jsonl')).toEqual([
        {
          key: 'a',
          value: 7,
          timestamp: 2000,
          processingTime: 2000,
          subtask: 0,
          window: null,
          firing: null,
        },
      ]);
      expect(lines('trace.jsonl').some((e) => e.type === 'drop')).toBe(true);
      expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'))).toMatchObject({
        format: 1,
        sinks: { results: 1, late: 1 },
      });
      // Same document and seed, same output.
      const out2 = mkdtempSync(join(tmpdir(), 'sim-'));
      execFileSync(tsx, [
        'src/cli/sim.ts',
        'docs/examples/late-data.json',
        '--out',
        out2,
        '--trace',
      ]);
      expect(readFileSync(join(out2, 'trace.jsonl'), 'utf8')).toBe(
        readFileSync(join(out, 'trace.jsonl'), 'utf8'),
      );
    },
  );

  it(
    'writes window bounds and early, on-time and late firings; the late sink lists the dropped record',
    { timeout: 30_000 },
    () => {
      const out = mkdtempSync(join(tmpdir(), 'sim-'));
      const r = sim(['docs/examples/late-firings.json', '--out', out]);
      expect(r.status).toBe(0);
      const lines = (f: string) =>
        readFileSync(join(out, f), 'utf8')
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l));
      const window = { start: 0, end: 10000 };
      expect(lines('results.jsonl').map((x) => [x.value, x.timestamp, x.window, x.firing])).toEqual(
        [
          [3, 9999, window, 'early'],
          [7, 9999, window, 'early'],
          [7, 9999, window, 'early'],
          [7, 9999, window, 'on-time'],
          [15, 9999, window, 'late'],
        ],
      );
      expect(lines('late.jsonl')).toEqual([
        {
          key: 'a',
          value: 16,
          timestamp: 6000,
          processingTime: 4000,
          subtask: 0,
          window: null,
          firing: null,
        },
      ]);
    },
  );

  it('an invalid document exits 1 naming the node and field', { timeout: 30_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-'));
    const doc = JSON.parse(readFileSync('docs/examples/late-data.json', 'utf8'));
    doc.nodes[2].config.size = -5;
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(doc));
    const r = sim([join(dir, 'bad.json')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('bad.json: node window, config.size: must be at least 1 ms');
    expect(sim(['does-not-exist.json']).status).toBe(2);
  });

  it('prints window problems: a slide larger than the size', { timeout: 30_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-'));
    const doc = JSON.parse(readFileSync('docs/examples/late-data.json', 'utf8'));
    doc.nodes[2] = { ...doc.nodes[2], kind: 'slidingWindow' };
    doc.nodes[2].config.slide = 6000;
    writeFileSync(join(dir, 'slide.json'), JSON.stringify(doc));
    const r = sim([join(dir, 'slide.json')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      'slide.json: node window, config.slide: must be at most the size (5000 ms)',
    );
  });

  it('parses --fail-at (repeatable) and --checkpoint-interval', () => {
    const r = parseSimArgs([
      'p.json',
      '--checkpoint-interval',
      '1000',
      '--fail-at',
      '5000',
      '--fail-at',
      '7000:window:1',
    ]);
    expect(r.ok && r.args.failAt).toEqual([{ at: 5000 }, { at: 7000, node: 'window', subtask: 1 }]);
    expect(r.ok && r.args.checkpointInterval).toBe(1000);
    expect(parseSimArgs(['p.json', '--fail-at', 'soon']).ok).toBe(false);
  });

  it(
    'runs with checkpoints and failures and reports checkpoints, restarts and replayed duplicates',
    { timeout: 30_000 },
    () => {
      const out = mkdtempSync(join(tmpdir(), 'sim-'));
      const r = sim(['docs/examples/checkpoints.json', '--out', out, '--fail-at', '9000:window']);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('atLeastOnce: 24 records (6 replayed duplicates)');
      expect(r.stdout).toContain(
        'checkpoints: 7 completed, 0 failed; failures: 2; restarts: 2; job FINISHED',
      );
      expect(r.stdout).toContain('restore at 5800 ms: restored checkpoint 3');
      const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
      expect(summary).toMatchObject({
        job: 'FINISHED',
        restarts: 2,
        replayed: { exactlyOnce: 0, atLeastOnce: 6 },
      });
      const rows = (f: string) =>
        readFileSync(join(out, f), 'utf8')
          .trim()
          .split('\n')
          .map(
            (l) =>
              JSON.parse(l) as {
                key: string;
                value: number;
                timestamp: number;
                replayed?: boolean;
              },
          );
      const text = (x: { key: string; value: number; timestamp: number }) =>
        `${x.key}@${x.timestamp}=${x.value}`;
      // Without the replayed duplicates, at-least-once shows what exactly-once shows.
      expect(
        rows('atLeastOnce.jsonl')
          .filter((x) => !x.replayed)
          .map(text)
          .sort(),
      ).toEqual(rows('exactlyOnce.jsonl').map(text).sort());
    },
  );
});
