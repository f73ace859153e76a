/**
 * Seek points (issue #6): an image of the whole run restores to exactly the state of a fresh run
 * to the same event, and the run goes on from it exactly as the fresh one does.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createSimulation, type Simulation } from '../../src/lib/engine';
import { SeekPoints } from '../../src/lib/engine/seekPoints';
import { RunSession } from '../../src/lib/worker/session';
import { makeDoc, type E, type N } from './engine-helpers';

const SOURCE = (p: number, count: number): N => ({
  id: 'src',
  kind: 'generator',
  parallelism: p,
  config: {
    rate: 20,
    count,
    keys: { count: 4, prefix: 'k' },
    values: { min: 1, max: 9, integer: true },
    outOfOrderness: { distribution: 'uniform', max: 400 },
    late: { share: 0.1, by: 1500 },
    watermarks: { type: 'boundedOutOfOrderness', maxOutOfOrderness: 300, idleness: 700 },
    idle: [{ from: 2000, to: 3500 }],
  },
});

const OPS: Record<string, Omit<N, 'id' | 'parallelism'>> = {
  tumbling: {
    kind: 'tumblingWindow',
    config: { size: 1000, allowedLateness: 500, function: { type: 'sum' } },
  },
  sliding: {
    kind: 'slidingWindow',
    config: {
      size: 2000,
      slide: 500,
      function: { type: 'process', expression: 'elements.length' },
    },
  },
  session: { kind: 'sessionWindow', config: { gap: 400, function: { type: 'average' } } },
  count: { kind: 'countWindow', config: { size: 3, slide: 2, function: { type: 'max' } } },
  processing: {
    kind: 'tumblingWindow',
    config: { time: 'processing', size: 700, function: { type: 'count' } },
  },
  process: {
    kind: 'processFunction',
    config: {
      processElement: `const s = state.value('sum'); s.update((s.value() ?? 0) + value);
if (value > 5) ctx.timerService().registerEventTimeTimer(ctx.timestamp() + 500);
if (value < 3) ctx.timerService().registerProcessingTimeTimer(ctx.currentProcessingTime() + 300);`,
      onTimer: `out.collect([timestamp, state.value('sum').value()]);`,
    },
  },
};

interface Shape {
  p: number;
  op: keyof typeof OPS;
  cost: number;
  union: boolean;
  checkpoints: null | {
    interval: number;
    unaligned: boolean;
    exactlyOnce: boolean;
    failures: number[];
  };
}

function docOf(s: Shape) {
  const nodes: N[] = [
    SOURCE(s.p, 120),
    { id: 'key', kind: 'keyBy', parallelism: s.p, config: { expression: 'key' } },
    { id: 'op', ...OPS[s.op], parallelism: s.p, costMs: s.cost },
    {
      id: 'out',
      kind: 'tableSink',
      config: { guarantee: s.checkpoints?.exactlyOnce ? 'exactly-once' : 'at-least-once' },
    },
  ];
  const edges: E[] = [
    { from: 'src', to: 'key' },
    { from: 'key', to: 'op', partitioning: 'hash' as const },
  ];
  if (s.union) {
    nodes.push(
      { id: 'm', kind: 'map', parallelism: 2, config: { expression: 'value * 10' } },
      { id: 'u', kind: 'union', costMs: 5 },
    );
    edges.push(
      { from: 'op', to: 'u', partitioning: 'rebalance' as const },
      { from: 'src', to: 'm', partitioning: 'rebalance' as const },
      { from: 'm', to: 'u', partitioning: 'rebalance' as const },
      { from: 'u', to: 'out', partitioning: 'forward' as const },
    );
  } else edges.push({ from: 'op', to: 'out', partitioning: 'rebalance' as const });
  const c = s.checkpoints;
  return makeDoc(nodes, edges, {
    seed: 5,
    // No bufferCapacity: on main some backpressured runs never finish (sources stay blocked
    // with empty buffers, also after a restart); that is not what this test is about.
    bufferCapacity: null,
    checkpointing: {
      enabled: c !== null,
      interval: c?.interval ?? 1000,
      unaligned: c?.unaligned ?? false,
    },
    failures: (c?.failures ?? []).map((at, i) => ({ at, node: ['op', 'src', 'out'][i % 3] })),
    restartStrategy: { type: 'fixedDelay', attempts: 10, delay: 200 },
  });
}

const shapes: fc.Arbitrary<Shape> = fc.record({
  p: fc.integer({ min: 1, max: 3 }),
  op: fc.constantFrom(...(Object.keys(OPS) as (keyof typeof OPS)[])),
  cost: fc.constantFrom(0, 0, 30),
  union: fc.boolean(),
  checkpoints: fc.option(
    fc.record({
      interval: fc.constantFrom(300, 800),
      unaligned: fc.boolean(),
      exactlyOnce: fc.boolean(),
      failures: fc.uniqueArray(fc.integer({ min: 100, max: 6000 }), { maxLength: 2 }),
    }),
  ),
});

const OPTS = { trace: true, traceLimit: 400, sinkLimit: 50 };

/** Everything a person (or the UI) can see of a run. */
function seen(sim: Simulation) {
  return {
    now: sim.now,
    eventCount: sim.eventCount,
    finished: sim.finished,
    status: sim.status(),
    channels: sim.channels(),
    sinks: [...sim.sinkRecords()],
    pending: [...sim.pendingSinkRecords()],
    trace: sim.trace(),
    traceTotal: sim.traceTotal(),
    errors: sim.errors(),
    faultTolerance: sim.faultTolerance(),
    inspect: ['src', 'key', 'op', 'out', 'u'].map((n) => sim.inspect(n)),
  };
}

describe('seek points', () => {
  it('property: restoring the nearest point and running forward equals a fresh run to the target, and goes on the same', () => {
    fc.assert(
      fc.property(
        shapes,
        fc.array(fc.tuple(fc.nat(2), fc.integer({ min: 1, max: 400 })), {
          minLength: 1,
          maxLength: 12,
        }),
        fc.array(fc.nat(5000), { minLength: 1, maxLength: 3 }),
        (shape, moves, targets) => {
          const doc = docOf(shape);
          const full = createSimulation(doc, OPTS);
          full.run();
          const total = full.eventCount;
          // Play the run as the Worker does (runs of events, steps, clock moves), taking points.
          const sim = createSimulation(doc, OPTS);
          const points = new SeekPoints({ spacing: 40, maxPoints: 5, traceKeep: 400 });
          points.offer(sim, true);
          for (const [how, n] of moves) {
            if (how === 0) sim.run(n);
            else if (how === 1) for (let i = 0; i < n % 20; i++) sim.step();
            else sim.runUntil(sim.now + n * 10);
            points.offer(sim, how !== 2);
          }
          expect(points.size).toBeLessThanOrEqual(5);
          for (const t of targets) {
            const target = t % total;
            const image = points.nearest(target);
            expect(image).not.toBeNull();
            sim.restoreImage(image!);
            sim.run(target - image!.eventCount);
            const fresh = createSimulation(doc, OPTS);
            fresh.run(target);
            expect(seen(sim)).toEqual(seen(fresh));
            // And from there on, the same run to the end.
            const more = 1 + (t % 300);
            sim.run(more);
            fresh.run(more);
            expect(seen(sim)).toEqual(seen(fresh));
          }
          sim.run();
          expect(seen(sim)).toEqual(seen(full));
        },
      ),
      { numRuns: 25, seed: 20261125 },
    );
  }, 120_000);

  it('keeps at most maxPoints images, spread over the whole run', () => {
    const doc = docOf({ p: 2, op: 'tumbling', cost: 0, union: false, checkpoints: null });
    const sim = createSimulation(doc);
    const points = new SeekPoints({ spacing: 10, maxPoints: 8 });
    points.offer(sim, true);
    while (!sim.finished) {
      sim.run(7);
      points.offer(sim, true);
    }
    const counts = points.eventCounts();
    expect(counts.length).toBeLessThanOrEqual(8);
    expect(counts[0]).toBe(0);
    // Evenly spread: the gaps are at least the (doubled) spacing, and the last is near the end.
    for (let i = 1; i < counts.length; i++)
      expect(counts[i] - counts[i - 1]).toBeGreaterThanOrEqual(points.spacing);
    expect(sim.eventCount - counts.at(-1)!).toBeLessThan(2 * points.spacing + 7);
  });
});

describe('the run session (what the Worker runs) seeks through its points', () => {
  it('seek back and forth gives what a fresh session run to the same event shows', () => {
    const doc = docOf({
      p: 2,
      op: 'session',
      cost: 0,
      union: true,
      checkpoints: { interval: 500, unaligned: true, exactlyOnce: true, failures: [2500] },
    });
    const session = new RunSession(doc);
    while (!session.simulation.finished) session.advance('max');
    const end = session.simulation.eventCount;
    expect(session.seekPoints.size).toBeGreaterThan(0);
    const view = (s: RunSession) => {
      // Record fates are followed from the trace a seek point keeps, not from the start (a
      // known limit of seeking back), so they are left out here; fates.test.ts covers them.
      const { fates: _f, fateCounts: _c, record: _r, ...snap } = s.snapshot(false, 'op');
      return { ...snap, faultTolerance: snap.faultTolerance, trace: snap.trace.slice(-200) };
    };
    for (const target of [Math.floor(end / 3), 17, end - 5, Math.floor(end / 2), 0]) {
      session.seek(target);
      const fresh = new RunSession(doc);
      fresh.simulation.run(target);
      expect(view(session)).toEqual(view(fresh));
    }
  });
});
