/**
 * The trace ring (src/lib/engine/trace.ts) stores per-record events as columns; what it gives
 * back must be exactly the events as a plain list would hold them: the newest `limit`, in
 * order, with the dropped ones counted, also read in between, and after a tail was loaded into
 * a new ring that then goes on recording.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Key, Place, TraceEvent } from '../../src/lib/engine';
import { TraceRing } from '../../src/lib/engine/trace';

type Op =
  | {
      op: 'flow';
      time: number;
      at: number;
      from: number | null;
      key: Key;
      value: number | string | undefined;
      ts: number | null;
      late: boolean;
      replayed: boolean;
    }
  | { op: 'add'; time: number; at: number; key: Key; start: number; value: number | undefined }
  | { op: 'object'; time: number; at: number }
  | { op: 'read'; back: number }
  /** Into a new ring (as a seek image is), `shrink` events smaller. */
  | { op: 'reload'; keep: number; shrink: number }
  /** The previous flow's or add's record once more (as a hop or a window would record it). */
  | { op: 'again'; at: number; from: number | null; add: boolean; start: number };

/** `again` made concrete: the same time, key, value and timestamp as the record before. */
type Concrete = Exclude<Op, { op: 'again' }>;

function concrete(ops: Op[]): Concrete[] {
  const out: Concrete[] = [];
  let last: {
    time: number;
    key: Key;
    value: number | string | undefined;
    ts: number | null;
  } | null = null;
  for (const o of ops) {
    if (o.op === 'again') {
      if (last === null) continue;
      if (o.add && typeof last.value !== 'string')
        out.push({
          op: 'add',
          time: last.time,
          at: o.at,
          key: last.key,
          start: o.start,
          value: last.value,
        });
      else out.push({ op: 'flow', ...last, at: o.at, from: o.from, late: false, replayed: false });
      continue;
    }
    if (o.op === 'flow') last = { time: o.time, key: o.key, value: o.value, ts: o.ts };
    // An add carries no timestamp: what follows it as a flow gets one of its own.
    if (o.op === 'add') last = { time: o.time, key: o.key, value: o.value, ts: null };
    out.push(o);
  }
  return out;
}

const PLACES: Place[] = [
  { node: 'gen', subtask: 0 },
  { node: 'win', subtask: 1 },
  { node: 'out', subtask: 0 },
];

/** The event as the operators and the runtime would build it as an object. */
function expected(o: Op): TraceEvent | null {
  if (o.op === 'flow') {
    const at = PLACES[o.at];
    if (o.from !== null)
      return {
        type: 'receive',
        time: o.time,
        node: at.node,
        subtask: at.subtask,
        from: { ...PLACES[o.from] },
        key: o.key,
        value: o.value,
        timestamp: o.ts,
      };
    const ev: TraceEvent = {
      type: 'emit',
      time: o.time,
      node: at.node,
      subtask: at.subtask,
      key: o.key,
      value: o.value,
      timestamp: o.ts,
    };
    if (o.late) ev.late = true;
    if (o.replayed) ev.replayed = true;
    return ev;
  }
  if (o.op === 'add') {
    const at = PLACES[o.at];
    const ev: TraceEvent = {
      type: 'window',
      time: o.time,
      node: at.node,
      subtask: at.subtask,
      key: o.key,
      action: 'add',
      start: o.start,
      end: o.start + 10,
    };
    if (o.value !== undefined) ev.value = o.value;
    return ev;
  }
  if (o.op === 'object') {
    const at = PLACES[o.at];
    return { type: 'end', time: o.time, node: at.node, subtask: at.subtask };
  }
  return null;
}

// Small domains, so that consecutive events often carry the same record (stored as SAME), with
// 0 and -0 told apart.
const time = fc.constantFrom(0, 1, 2.5);
const key = fc.constantFrom<Key>(null, 'a', 'b', 0, -0);
const value = fc.constantFrom(1, 0, -0, 'x', undefined);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    op: fc.constant('flow' as const),
    time,
    at: fc.integer({ min: 0, max: 2 }),
    from: fc.option(fc.integer({ min: 0, max: 2 })),
    key,
    value,
    ts: fc.constantFrom(null, 0, -0, 5, -Infinity),
    late: fc.boolean(),
    replayed: fc.boolean(),
  }),
  fc.record({
    op: fc.constant('add' as const),
    time,
    at: fc.integer({ min: 0, max: 2 }),
    key,
    start: fc.integer({ min: -1, max: 1 }),
    value: fc.constantFrom(1, 0, -0, undefined),
  }),
  fc.record({ op: fc.constant('object' as const), time, at: fc.integer({ min: 0, max: 2 }) }),
  fc.record({ op: fc.constant('read' as const), back: fc.integer({ min: 1, max: 5 }) }),
  fc.record({
    op: fc.constant('reload' as const),
    keep: fc.integer({ min: 0, max: 15 }),
    shrink: fc.integer({ min: 0, max: 3 }),
  }),
  fc.record({
    op: fc.constant('again' as const),
    at: fc.integer({ min: 0, max: 2 }),
    from: fc.option(fc.integer({ min: 0, max: 2 })),
    add: fc.boolean(),
    start: fc.integer({ min: -1, max: 1 }),
  }),
);

describe('trace ring', () => {
  it('gives back exactly the newest events of a plain list, across reads and reloads', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.array(opArb, { maxLength: 80 }),
        (limit, ops) => {
          let lim = limit;
          let ring = new TraceRing(lim);
          // The reference: every event recorded, as objects.
          const all: TraceEvent[] = [];
          const windows = new Map<number, { start: number; end: number }>();
          for (const o of concrete(ops)) {
            if (o.op === 'flow') {
              ring.flow(
                o.time,
                PLACES[o.at],
                o.from === null ? null : PLACES[o.from],
                o.key,
                o.value,
                o.ts,
                o.late,
                o.replayed,
              );
            } else if (o.op === 'add') {
              let w = windows.get(o.start);
              if (!w) windows.set(o.start, (w = { start: o.start, end: o.start + 10 }));
              ring.windowAdd(o.time, PLACES[o.at], o.key, w, o.value);
            } else if (o.op === 'object') {
              ring.push(expected(o)!);
            } else if (o.op === 'read') {
              // Reading some events in between (they are then kept as objects) changes nothing.
              const total = ring.dropped + ring.size;
              for (let i = Math.max(ring.dropped, total - o.back); i < total; i++)
                expect(ring.eventAt(i)).toEqual(all[i]);
            } else {
              const tail = ring.tail(o.keep);
              lim = Math.max(1, lim - o.shrink);
              const next = new TraceRing(lim);
              next.load(tail);
              ring = next;
              expect(ring.dropped + ring.size).toBe(all.length);
            }
            const ev = expected(o);
            if (ev) all.push(ev);
          }
          const total = all.length;
          expect(ring.dropped + ring.size).toBe(total);
          expect(ring.size).toBeLessThanOrEqual(lim);
          expect(ring.events()).toEqual(all.slice(total - ring.size));
          // Read twice: the same objects.
          const again = ring.events();
          ring.events().forEach((e, i) => expect(e).toBe(again[i]));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
