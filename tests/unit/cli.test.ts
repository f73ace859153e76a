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
      args: { file: 'p.json', seed: 3, until: 500, out: 'out', trace: true },
    });
    expect(parseSimArgs(['p.json', '--seed', 'x']).ok).toBe(false);
    expect(parseSimArgs([]).ok).toBe(false);
    expect(parseSimArgs(['p.json', '--bogus']).ok).toBe(false);
  });

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
});
