import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../src/lib/engine';
import { adv, end, makeDoc, rec, wm } from './engine-helpers';

/**
 * One scripted timeline split into two keyed streams by the value's side ('L' or 'R'):
 * src → filter → keyBy → join.left / join.right → sink. One script orders both sides exactly,
 * and both sides see the same watermarks.
 */
function joined(steps: unknown[], join: { kind: string; config: Record<string, unknown> }) {
  return makeDoc(
    [
      { id: 'src', kind: 'timeline', config: { steps } },
      { id: 'fl', kind: 'filter', config: { expression: "value.side === 'L'" } },
      { id: 'fr', kind: 'filter', config: { expression: "value.side === 'R'" } },
      { id: 'kl', kind: 'keyBy', config: { expression: 'key' } },
      { id: 'kr', kind: 'keyBy', config: { expression: 'key' } },
      { id: 'j', ...join },
      { id: 'out', kind: 'tableSink' },
    ],
    [
      { from: 'src', to: 'fl' },
      { from: 'src', to: 'fr' },
      { from: 'fl', to: 'kl' },
      { from: 'fr', to: 'kr' },
      { from: 'kl', to: 'j', partitioning: 'hash', toPort: 'left' },
      { from: 'kr', to: 'j', partitioning: 'hash', toPort: 'right' },
      { from: 'j', to: 'out' },
    ],
  );
}

const L = (ts: number, v: string, key = 'a') => rec(ts, { side: 'L', v }, key);
const R = (ts: number, v: string, key = 'a') => rec(ts, { side: 'R', v }, key);
const pair = 'left.v + "-" + right.v';

function results(doc: ReturnType<typeof joined>) {
  const sim = createSimulation(doc);
  sim.run();
  return (sim.sinkRecords().get('out') ?? []).map((r) => [r.key, r.value, r.timestamp]);
}

describe('window join', () => {
  const tumbling = {
    kind: 'windowJoin',
    config: { assigner: 'tumbling', size: 5000, expression: pair },
  };

  it('tumbling: the cross product of both sides per key and window, at window end − 1; a window with one side empty emits nothing', () => {
    const doc = joined(
      [
        L(1000, 'l1'),
        R(2000, 'r1'),
        L(3000, 'l2'),
        R(4000, 'r2'),
        L(1000, 'lb', 'b'), // b has no right element
        R(6000, 'r3'), // [5000, 10000) has no left element
        end,
      ],
      tumbling,
    );
    expect(results(doc)).toEqual([
      ['a', 'l1-r1', 4999],
      ['a', 'l1-r2', 4999],
      ['a', 'l2-r1', 4999],
      ['a', 'l2-r2', 4999],
    ]);
  });

  it('fires when the watermark reaches end − 1; an element for a window already passed is dropped', () => {
    const doc = joined(
      [L(1000, 'l1'), R(2000, 'r1'), wm(4998), wm(4999), R(3000, 'late'), L(5500, 'l2'), end],
      tumbling,
    );
    expect(results(doc)).toEqual([['a', 'l1-r1', 4999]]);
  });

  it('sliding: a pair in two windows is emitted once per window', () => {
    const doc = joined([L(6000, 'l'), R(7000, 'r'), end], {
      kind: 'windowJoin',
      config: { assigner: 'sliding', size: 10000, slide: 5000, expression: pair },
    });
    expect(results(doc)).toEqual([
      ['a', 'l-r', 9999],
      ['a', 'l-r', 14999],
    ]);
  });

  it('session: the sessions of both sides merge; a session with one side only emits nothing', () => {
    const doc = joined([L(1000, 'l'), R(2500, 'r'), R(9000, 'alone'), end], {
      kind: 'windowJoin',
      config: { assigner: 'session', gap: 2000, expression: pair },
    });
    expect(results(doc)).toEqual([['a', 'l-r', 4499]]);
  });

  it('an error in the join expression is reported on the node; the run goes on', () => {
    const doc = joined([L(1000, 'l1'), R(2000, 'r1'), L(6000, 'l2'), R(7000, 'r2'), end], {
      kind: 'windowJoin',
      config: { assigner: 'tumbling', size: 5000, expression: "left.v === 'l1' ? null.x : left.v" },
    });
    const sim = createSimulation(doc);
    sim.run();
    expect(
      sim
        .sinkRecords()
        .get('out')!
        .map((r) => r.value),
    ).toEqual(['l2']);
    expect(sim.errors().map((e) => e.node)).toEqual(['j']);
    expect(sim.errors()[0].message).toMatch(/the join expression threw TypeError/);
  });

  it('the watermark of the join is the minimum of its two inputs', () => {
    // Two sources: the left one is far ahead; the window fires only when the right one catches up.
    const doc = makeDoc(
      [
        { id: 'sl', kind: 'timeline', config: { steps: [rec(1000, 'l', 'a'), wm(20000)] } },
        {
          id: 'sr',
          kind: 'timeline',
          config: { steps: [rec(2000, 'r', 'a'), adv(100), wm(3000), adv(100), wm(5000)] },
        },
        { id: 'kl', kind: 'keyBy' },
        { id: 'kr', kind: 'keyBy' },
        {
          id: 'j',
          kind: 'windowJoin',
          config: { assigner: 'tumbling', size: 5000, expression: 'left + right' },
        },
        { id: 'out', kind: 'tableSink' },
      ],
      [
        { from: 'sl', to: 'kl' },
        { from: 'sr', to: 'kr' },
        { from: 'kl', to: 'j', partitioning: 'hash', toPort: 'left' },
        { from: 'kr', to: 'j', partitioning: 'hash', toPort: 'right' },
        { from: 'j', to: 'out' },
      ],
    );
    const sim = createSimulation(doc);
    sim.run();
    expect(
      sim
        .sinkRecords()
        .get('out')!
        .map((r) => [r.value, r.timestamp, r.processingTime]),
    ).toEqual([['lr', 4999, 200]]);
  });
});

describe('interval join', () => {
  const interval = (config: Record<string, unknown> = {}) => ({
    kind: 'intervalJoin',
    config: { lowerBound: -1000, upperBound: 1000, expression: pair, ...config },
  });
  const around = [
    L(5000, 'l'),
    R(3999, 'r-1001'),
    R(4000, 'r-1000'),
    R(6000, 'r+1000'),
    R(6001, 'r+1001'),
    end,
  ];

  it('bounds are inclusive by default; the result timestamp is the larger of the two', () => {
    expect(results(joined(around, interval()))).toEqual([
      ['a', 'l-r-1000', 5000],
      ['a', 'l-r+1000', 6000],
    ]);
  });

  it('exclusive bounds leave out the elements exactly on them', () => {
    expect(results(joined(around, interval({ lowerBoundExclusive: true })))).toEqual([
      ['a', 'l-r+1000', 6000],
    ]);
    expect(results(joined(around, interval({ upperBoundExclusive: true })))).toEqual([
      ['a', 'l-r-1000', 5000],
    ]);
  });

  it('joins in both arrival orders, only within a key', () => {
    const doc = joined(
      [R(4500, 'r1'), L(5000, 'l1'), L(5200, 'l2'), R(5100, 'rb', 'b'), R(5300, 'r2'), end],
      interval(),
    );
    expect(results(doc)).toEqual([
      ['a', 'l1-r1', 5000],
      ['a', 'l2-r1', 5200],
      ['a', 'l1-r2', 5300],
      ['a', 'l2-r2', 5300],
    ]);
  });

  it('an element behind the watermark is ignored', () => {
    const doc = joined([R(5000, 'r'), wm(5200), L(5100, 'late'), L(5200, 'l'), end], interval());
    expect(results(doc)).toEqual([['a', 'l-r', 5200]]);
  });

  it('state is cleaned up once the watermark passes the last time an element can join', () => {
    // The left element at 5000 can join rights up to 6000: its cleanup timer is at 6000.
    const kept = joined([L(5000, 'l'), wm(5999), R(6000, 'r'), end], interval());
    expect(results(kept)).toEqual([['a', 'l-r', 6000]]);
    const cleaned = joined([L(5000, 'l'), wm(6000), R(6000, 'r'), end], interval());
    expect(results(cleaned)).toEqual([]);
  });

  it('inspect() shows the buffers; each side is removed at its own cleanup time', () => {
    const sim = createSimulation(
      joined([L(5000, 'l'), R(5500, 'r'), adv(10), wm(6000), adv(10), wm(6500)], interval()),
    );
    const buffers = () => sim.inspect('j')[0].state;
    sim.runUntil(0);
    expect(buffers()).toEqual({
      keys: [
        {
          key: 'a',
          left: [{ timestamp: 5000, values: [{ side: 'L', v: 'l' }] }],
          right: [{ timestamp: 5500, values: [{ side: 'R', v: 'r' }] }],
        },
      ],
    });
    sim.runUntil(10); // left: 5000 + upper 1000 = 6000 has passed
    expect(buffers()).toEqual({
      keys: [{ key: 'a', left: [], right: [{ timestamp: 5500, values: [{ side: 'R', v: 'r' }] }] }],
    });
    sim.runUntil(20); // right: 5500 − lower (−1000) = 6500 has passed
    expect(buffers()).toEqual({ keys: [] });
  });

  it('negative and positive intervals (between(-2 ms, 1 ms) of Flink\u2019s docs)', () => {
    const doc = joined(
      [L(0, 'l0'), L(2, 'l2'), L(3, 'l3'), R(0, 'r0'), R(1, 'r1'), R(5, 'r5'), end],
      interval({ lowerBound: -2, upperBound: 1 }),
    );
    // Each right element joins the buffered lefts in l − 2 <= r <= l + 1, lefts in time order.
    expect(results(doc)).toEqual([
      ['a', 'l0-r0', 0],
      ['a', 'l2-r0', 2],
      ['a', 'l0-r1', 1],
      ['a', 'l2-r1', 2],
      ['a', 'l3-r1', 3],
    ]);
  });
});
