/**
 * The tumbling/sliding window operator against a plain model of Flink's WindowOperator with the
 * default event-time trigger and a sum: random scripts of records and watermarks, out of order,
 * with allowed lateness. A large lateness keeps more windows of a key open than its ring of
 * panes has slots (the operator's own fallback), and keys come and go as their windows clean up.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { end, rec, wm } from './engine-helpers';
import { run, windowed } from './window-helpers';

const KEYS = ['a', 'b', 'c'];

type Step =
  { type: 'record'; ts: number; v: number; key: string } | { type: 'watermark'; t: number };

interface Out {
  key: string;
  start: number;
  value: number;
  firing: string;
}

/**
 * What Flink emits for `script`: window results, and the late side output. `count`: a
 * CountTrigger of that many elements (it fires on counts only, never on time) instead of the
 * default event-time trigger.
 */
function model(
  script: Step[],
  size: number,
  slide: number,
  offset: number,
  lateness: number,
  count: number | null = null,
) {
  const out: Out[] = [];
  const late: string[] = [];
  /** `${key}@${start}` → sum, for windows with state. */
  const acc = new Map<string, number>();
  /** `${key}@${start}` → elements so far (the count trigger's state). */
  const n = new Map<string, number>();
  /** Pending timers: on-time firings (end − 1) and cleanups (end − 1 + lateness). */
  const timers: { time: number; key: string; start: number; cleanup: boolean }[] = [];
  const has = (t: (typeof timers)[number]) =>
    timers.some(
      (x) => x.time === t.time && x.key === t.key && x.start === t.start && x.cleanup === t.cleanup,
    );
  let watermark = -Infinity;
  const advance = (to: number) => {
    if (to <= watermark) return;
    watermark = to;
    for (;;) {
      const due = timers.filter((t) => t.time <= to).sort((x, y) => x.time - y.time);
      if (due.length === 0) return;
      const t = due[0];
      timers.splice(timers.indexOf(t), 1);
      const id = `${t.key}@${t.start}`;
      if (count === null && t.time === t.start + size - 1 && acc.has(id))
        out.push({ key: t.key, start: t.start, value: acc.get(id)!, firing: 'on-time' });
      if (t.cleanup) {
        acc.delete(id);
        n.delete(id);
      }
    }
  };
  for (const s of script) {
    if (s.type === 'watermark') {
      advance(s.t);
      continue;
    }
    const lastStart = s.ts - ((((s.ts - offset) % slide) + slide) % slide);
    let taken = false;
    for (let start = lastStart; start > s.ts - size; start -= slide) {
      const maxTs = start + size - 1;
      if (maxTs + lateness <= watermark) continue;
      taken = true;
      const id = `${s.key}@${start}`;
      acc.set(id, (acc.get(id) ?? 0) + s.v);
      if (count !== null) {
        n.set(id, (n.get(id) ?? 0) + 1);
        if (n.get(id)! >= count) {
          n.set(id, 0);
          const firing = maxTs <= watermark ? 'late' : 'early';
          out.push({ key: s.key, start, value: acc.get(id)!, firing });
        }
        // Only the cleanup timer (end − 1 + lateness, at least end − 1).
        const cleanup = { time: maxTs + lateness, key: s.key, start, cleanup: true };
        if (!has(cleanup)) timers.push(cleanup);
      } else if (maxTs <= watermark)
        out.push({ key: s.key, start, value: acc.get(id)!, firing: 'late' });
      else {
        const onTime = { time: maxTs, key: s.key, start, cleanup: lateness === 0 };
        if (!has(onTime)) timers.push(onTime);
      }
      if (count === null && lateness > 0) {
        const cleanup = { time: maxTs + lateness, key: s.key, start, cleanup: true };
        if (!has(cleanup)) timers.push(cleanup);
      }
    }
    if (!taken && s.ts + lateness <= watermark) late.push(`${s.key} ${s.v} ${s.ts}`);
  }
  advance(Number.MAX_SAFE_INTEGER);
  return { out, late };
}

const sortOut = (xs: Out[]) => xs.map((o) => `${o.key} ${o.start} ${o.value} ${o.firing}`).sort();

describe('tumbling and sliding windows match a model of Flink’s window operator', () => {
  it('sums, firings and late output, over random out-of-order scripts with allowed lateness', () => {
    const step: fc.Arbitrary<Step> = fc.oneof(
      {
        weight: 3,
        arbitrary: fc.record({
          type: fc.constant('record' as const),
          ts: fc.integer({ min: 0, max: 20_000 }),
          v: fc.integer({ min: 1, max: 100 }),
          key: fc.constantFrom(...KEYS),
        }),
      },
      {
        weight: 1,
        arbitrary: fc
          .integer({ min: 0, max: 20_000 })
          .map((t) => ({ type: 'watermark' as const, t })),
      },
    );
    const shape = fc.constantFrom(
      { size: 1000, slide: 1000 },
      { size: 3000, slide: 1000 },
      { size: 3000, slide: 250 },
      { size: 1000, slide: 100 },
    );
    fc.assert(
      fc.property(
        fc.array(step, { maxLength: 80 }),
        shape,
        fc.nat(),
        fc.constantFrom(0, 500, 6000),
        // The sum as an aggregation (an accumulator per window) or over the kept elements.
        fc.constantFrom(
          { type: 'sum' },
          { type: 'process', expression: 'elements.reduce((a, b) => a + b, 0)' },
        ),
        fc.constantFrom(null, 2, 3),
        (script, { size, slide }, off, lateness, fn, count) => {
          const offset = off % slide;
          const kind = size === slide ? 'tumblingWindow' : 'slidingWindow';
          const common = {
            offset,
            allowedLateness: lateness,
            function: fn,
            ...(count === null ? {} : { trigger: { type: 'count', count } }),
          };
          const config =
            kind === 'tumblingWindow' ? { size, ...common } : { size, slide, ...common };
          const steps = [
            ...script.map((s) => (s.type === 'record' ? rec(s.ts, s.v, s.key) : wm(s.t))),
            end,
          ];
          const sim = run(windowed(steps, { kind, config }, { late: true }));
          const got = (sim.sinkRecords().get('out') ?? []).map((r) => {
            expect(r.timestamp).toBe(r.window!.end - 1);
            expect(r.window!.end - r.window!.start).toBe(size);
            return {
              key: String(r.key),
              start: r.window!.start,
              value: r.value as number,
              firing: r.firing!,
            };
          });
          const want = model(script, size, slide, offset, lateness, count);
          expect(sortOut(got)).toEqual(sortOut(want.out));
          const gotLate = (sim.sinkRecords().get('lateOut') ?? [])
            .map((r) => `${String(r.key)} ${String(r.value)} ${r.timestamp}`)
            .sort();
          expect(gotLate).toEqual([...want.late].sort());
        },
      ),
      { numRuns: 250 },
    );
  });
});
