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
  | { op: 'reload'; keep: number };

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

const time = fc.oneof(
  fc.integer({ min: 0, max: 1e6 }),
  fc.double({ min: 0, max: 1e6, noNaN: true }),
);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    op: fc.constant('flow' as const),
    time,
    at: fc.integer({ min: 0, max: 2 }),
    from: fc.option(fc.integer({ min: 0, max: 2 })),
    key: fc.oneof(fc.constant(null), fc.string({ maxLength: 3 }), fc.integer()),
    value: fc.oneof(fc.integer(), fc.string({ maxLength: 3 }), fc.constant(undefined)),
    ts: fc.option(fc.oneof(fc.integer({ min: -1e9, max: 1e9 }), fc.constant(-Infinity))),
    late: fc.boolean(),
    replayed: fc.boolean(),
  }),
  fc.record({
    op: fc.constant('add' as const),
    time,
    at: fc.integer({ min: 0, max: 2 }),
    key: fc.oneof(fc.constant(null), fc.string({ maxLength: 3 })),
    start: fc.integer({ min: -100, max: 100 }),
    value: fc.option(fc.integer(), { nil: undefined }),
  }),
  fc.record({ op: fc.constant('object' as const), time, at: fc.integer({ min: 0, max: 2 }) }),
  fc.record({ op: fc.constant('read' as const), back: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ op: fc.constant('reload' as const), keep: fc.integer({ min: 0, max: 40 }) }),
);

describe('trace ring', () => {
  it('gives back exactly the newest events of a plain list, across reads and reloads', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.array(opArb, { maxLength: 80 }),
        (limit, ops) => {
          let ring = new TraceRing(limit);
          // The reference: every event recorded, as objects.
          const all: TraceEvent[] = [];
          const windows = new Map<number, { start: number; end: number }>();
          for (const o of ops) {
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
              const next = new TraceRing(limit);
              next.load(tail);
              ring = next;
              expect(ring.dropped + ring.size).toBe(all.length);
            }
            const ev = expected(o);
            if (ev) all.push(ev);
          }
          const total = all.length;
          expect(ring.dropped + ring.size).toBe(total);
          expect(ring.size).toBeLessThanOrEqual(limit);
          expect(ring.events()).toEqual(all.slice(total - ring.size));
          // Read twice: the same objects.
          const again = ring.events();
          ring.events().forEach((e, i) => expect(e).toBe(again[i]));
        },
      ),
      { numRuns: 300 },
    );
  });
});
