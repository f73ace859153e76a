/** Property tests of the window operator (fast-check) over scripted timelines. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MIN_WATERMARK } from '../../src/lib/engine';
import { sliding } from '../../src/lib/engine/windows/assigners';
import { end, rec, wm } from './engine-helpers';
import { results, run, windowed, type Row } from './window-helpers';

const KEYS = ['a', 'b', 'c'];
const element = fc.record({
  ts: fc.integer({ min: 0, max: 30_000 }),
  v: fc.integer({ min: 1, max: 100 }),
  key: fc.constantFrom(...KEYS),
});

/** In timestamp order, each record followed by the watermark ts − 1: no record is ever late. */
function inOrder(els: { ts: number; v: unknown; key: string }[]) {
  const sorted = [...els].sort((a, b) => a.ts - b.ts);
  return [...sorted.flatMap((e) => [rec(e.ts, e.v, e.key), wm(Math.max(0, e.ts - 1))]), end];
}

const byKeyWindow = (a: Row, b: Row) =>
  String(a.key).localeCompare(String(b.key)) ||
  (a.window?.start ?? 0) - (b.window?.start ?? 0) ||
  JSON.stringify(a.value).localeCompare(JSON.stringify(b.value));

describe('window properties', () => {
  it('tumbling windows with no late data: the window sums add up to the total, per key', () => {
    fc.assert(
      fc.property(
        fc.array(element, { maxLength: 60 }),
        fc.constantFrom(1000, 2500, 5000),
        fc.nat(),
        (els, size, off) => {
          const offset = off % size;
          const out = results(
            windowed(inOrder(els), {
              kind: 'tumblingWindow',
              config: { size, offset, function: { type: 'sum' } },
            }),
          );
          for (const key of KEYS) {
            const total = els.filter((e) => e.key === key).reduce((s, e) => s + e.v, 0);
            const fired = out.filter((r) => r.key === key).reduce((s, r) => s + Number(r.value), 0);
            expect(fired).toBe(total);
          }
          for (const r of out) {
            expect(r.firing).toBe('on-time');
            expect(r.window!.end - r.window!.start).toBe(size);
            expect(r.timestamp).toBe(r.window!.end - 1);
            expect((((r.window!.start - offset) % size) + size) % size).toBe(0);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('every on-time element is in exactly the windows its assigner gives (sliding)', () => {
    fc.assert(
      fc.property(
        fc.array(element, { maxLength: 40 }),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom(500, 1000, 1500),
        fc.nat(),
        (els, ratio, slide, off) => {
          const size = slide * ratio;
          const offset = off % slide;
          // Values are the elements' indexes, so each can be traced into the windows.
          const indexed = els.map((e, i) => ({ ...e, v: i }));
          const out = results(
            windowed(inOrder(indexed), {
              kind: 'slidingWindow',
              config: {
                size,
                slide,
                offset,
                function: { type: 'process', expression: 'elements' },
              },
            }),
          );
          const seen = new Map<number, string[]>();
          for (const r of out)
            for (const i of r.value as number[])
              seen.set(i, [...(seen.get(i) ?? []), `${r.key}@${r.window!.start}`]);
          indexed.forEach((e, i) => {
            const expected = sliding(e.ts, size, slide, offset).map((w) => `${e.key}@${w.start}`);
            expect((seen.get(i) ?? []).sort()).toEqual(expected.sort());
          });
        },
      ),
      { numRuns: 60 },
    );
  });

  it('session windows of one key never overlap (nor touch) after merging, and hold every element', () => {
    fc.assert(
      fc.property(
        fc.array(element, { maxLength: 40 }),
        fc.integer({ min: 1, max: 3000 }),
        (els, gap) => {
          // Out of order, with no watermark before the end: everything merges as it can.
          const steps = [...els.map((e) => rec(e.ts, e.v, e.key)), end];
          const out = results(
            windowed(steps, {
              kind: 'sessionWindow',
              config: { gap, function: { type: 'count' } },
            }),
          );
          for (const key of KEYS) {
            const ws = out
              .filter((r) => r.key === key)
              .map((r) => ({ ...r.window!, n: r.value as number }))
              .sort((a, b) => a.start - b.start);
            for (let i = 1; i < ws.length; i++) expect(ws[i - 1].end).toBeLessThan(ws[i].start);
            expect(ws.reduce((s, w) => s + w.n, 0)).toBe(els.filter((e) => e.key === key).length);
            for (const e of els.filter((x) => x.key === key))
              expect(ws.some((w) => w.start <= e.ts && e.ts + gap <= w.end)).toBe(true);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('with allowed lateness L, no window fires once the watermark reached end − 1 + L', () => {
    const step = fc.oneof(
      element.map((e) => ({ type: 'record' as const, ...e })),
      fc.integer({ min: 0, max: 30_000 }).map((t) => ({ type: 'watermark' as const, t })),
    );
    fc.assert(
      fc.property(
        fc.array(step, { maxLength: 60 }),
        fc.constantFrom(0, 500, 2000),
        (script, lateness) => {
          const steps = [
            ...script.map((s) => (s.type === 'record' ? rec(s.ts, s.v, s.key) : wm(s.t))),
            end,
          ];
          const sim = run(
            windowed(
              steps,
              {
                kind: 'tumblingWindow',
                config: { size: 1000, allowedLateness: lateness, function: { type: 'sum' } },
              },
              { late: true },
            ),
            { trace: true },
          );
          let watermark = MIN_WATERMARK;
          let fired = 0;
          for (const e of sim.trace().events) {
            if (e.node !== 'w') continue;
            if (e.type === 'watermark') watermark = e.watermark;
            if (e.type === 'window' && e.action === 'fire') {
              fired++;
              expect(watermark).toBeLessThan(e.end - 1 + lateness);
              // A late firing happens only after the watermark passed end − 1.
              if (e.firing === 'late') expect(watermark).toBeGreaterThanOrEqual(e.end - 1);
            }
            if (e.type === 'emit' && e.late)
              expect(e.timestamp! + lateness).toBeLessThanOrEqual(watermark);
          }
          // Nothing is lost: every record is in a result or in the late output.
          const late = sim.sinkRecords().get('lateOut')!;
          const total = script.reduce((s, x) => s + (x.type === 'record' ? x.v : 0), 0);
          const lastPerWindow = new Map<string, number>();
          for (const r of sim.sinkRecords().get('out')!)
            lastPerWindow.set(`${r.key}@${r.window!.start}`, r.value as number);
          const inWindows = [...lastPerWindow.values()].reduce((s, v) => s + v, 0);
          expect(inWindows + late.reduce((s, r) => s + (r.value as number), 0)).toBe(total);
          expect(fired).toBe(sim.sinkRecords().get('out')!.length);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('results are the same whatever the parallelism of the window', () => {
    const kinds = fc.constantFrom(
      { kind: 'tumblingWindow', config: { size: 2000, function: { type: 'sum' } } },
      { kind: 'sessionWindow', config: { gap: 700, function: { type: 'sum' } } },
      {
        kind: 'slidingWindow',
        config: {
          size: 3000,
          slide: 1000,
          allowedLateness: 1000,
          trigger: { type: 'continuousEventTime', interval: 400 },
          function: { type: 'sum' },
        },
      },
    );
    fc.assert(
      fc.property(
        fc.array(element, { maxLength: 40 }),
        fc.array(fc.integer({ min: 0, max: 30_000 }), { maxLength: 5 }),
        kinds,
        (els, marks, win) => {
          const steps = [
            ...els.flatMap((e, i) => [
              rec(e.ts, e.v, e.key),
              ...(i < marks.length ? [wm(marks[i])] : []),
            ]),
            end,
          ];
          const outOf = (parallelism: number) =>
            results(windowed(steps, { ...win, parallelism })).sort(byKeyWindow);
          const one = outOf(1);
          for (const p of [2, 3, 4]) expect(outOf(p)).toEqual(one);
        },
      ),
      { numRuns: 40 },
    );
  });
});
