/**
 * BATCH runtime mode: every exchange that is not chained is blocking, as in Flink's BATCH mode
 * (execution.batch-shuffle-mode ALL_EXCHANGES_BLOCKING): a consumer starts only once all its
 * producers have ended, so the stages of a job run one after another.
 */
import { describe, expect, it } from 'vitest';
import { createSimulation, type SimulationOptions, type TraceEvent } from '../../src/lib/engine';
import type { PipelineDocument } from '../../src/lib/pipeline';
import { explainOperator, factsOf } from '../../src/lib/engine/explain';
import { edgeFigures } from '../../src/lib/ui/run/metrics';
import { canonical } from './checkpoints-helpers';
import { adv, end, makeDoc, rec, type N } from './engine-helpers';

type Mode = 'BATCH' | 'STREAMING';

const generator = (parallelism: number, count: number): N => ({
  id: 'gen',
  kind: 'generator',
  parallelism,
  config: {
    rate: 20,
    count,
    keys: { count: 4, prefix: 'k' },
    values: { min: 1, max: 9, integer: true },
    outOfOrderness: { distribution: 'uniform', max: 0 },
    watermarks: { type: 'boundedOutOfOrderness', maxOutOfOrderness: 0 },
  },
});

/** gen (2) → rebalance → map (3) → rebalance → sink (1): two blocking exchanges. */
function rebalanced(mode: Mode, settings: Record<string, unknown> = {}, mapCost?: number) {
  return makeDoc(
    [
      generator(2, 30),
      {
        id: 'm',
        kind: 'map',
        parallelism: 3,
        config: { expression: 'value * 10' },
        ...(mapCost ? { costMs: mapCost } : {}),
      },
      { id: 'out', kind: 'tableSink', parallelism: 1 },
    ],
    [
      { from: 'gen', to: 'm', partitioning: 'rebalance' },
      { from: 'm', to: 'out', partitioning: 'rebalance' },
    ],
    { runtimeMode: mode, ...settings },
  );
}

/** gen (2) → rebalance → map (3) → keyBy (3, chained) → hash → 1 s tumbling sum (2) → sink (2, chained). */
function stages(mode: Mode, settings: Record<string, unknown> = {}) {
  return makeDoc(
    [
      generator(2, 40),
      // A cost per record: the map stage takes time (about 14 records × 20 ms per subtask).
      { id: 'm', kind: 'map', parallelism: 3, costMs: 20, config: { expression: 'value * 10' } },
      { id: 'k', kind: 'keyBy', parallelism: 3, config: { expression: 'key' } },
      {
        id: 'w',
        kind: 'tumblingWindow',
        parallelism: 2,
        config: { size: 1000, function: { type: 'sum' } },
      },
      { id: 'out', kind: 'tableSink', parallelism: 2 },
    ],
    [
      { from: 'gen', to: 'm', partitioning: 'rebalance' },
      { from: 'm', to: 'k' },
      { from: 'k', to: 'w', partitioning: 'hash' },
      { from: 'w', to: 'out' },
    ],
    { runtimeMode: mode, ...settings },
  );
}

function run(doc: PipelineDocument, opts: SimulationOptions = {}) {
  const sim = createSimulation(doc, { trace: true, ...opts });
  sim.run();
  expect(sim.errors()).toEqual([]);
  return sim;
}

/** Positions in the trace (event order) of a node's emits and receives. */
function positions(events: TraceEvent[], node: string, type: 'emit' | 'receive'): number[] {
  return events.flatMap((e, i) => (e.type === type && e.node === node ? [i] : []));
}

/** The producer's last emit comes before the consumer's first receive, in order and in time. */
function expectStageAfter(events: TraceEvent[], producer: string, consumer: string) {
  const emits = positions(events, producer, 'emit');
  const receives = positions(events, consumer, 'receive');
  expect(emits.length).toBeGreaterThan(0);
  expect(receives.length).toBeGreaterThan(0);
  const lastEmit = emits[emits.length - 1];
  expect(receives[0]).toBeGreaterThan(lastEmit);
  expect(events[receives[0]].time).toBeGreaterThanOrEqual(events[lastEmit].time);
}

/** Some record reaches the consumer before the producer's last emit (records stream). */
function expectInterleaved(events: TraceEvent[], producer: string, consumer: string) {
  const emits = positions(events, producer, 'emit');
  expect(positions(events, consumer, 'receive')[0]).toBeLessThan(emits[emits.length - 1]);
}

describe('BATCH: every exchange that is not chained is blocking', () => {
  it('rebalance into a map of another parallelism: the map starts after the generator has emitted its last record, with the same results as STREAMING', () => {
    const batch = run(rebalanced('BATCH'));
    const streaming = run(rebalanced('STREAMING'));
    const events = batch.trace().events;
    expectStageAfter(events, 'gen', 'm');
    expectStageAfter(events, 'm', 'out');
    // In STREAMING the same exchanges are pipelined: records flow while the input is read.
    expectInterleaved(streaming.trace().events, 'gen', 'm');
    expectInterleaved(streaming.trace().events, 'm', 'out');

    const rows = streaming.sinkRecords().get('out')!;
    expect(rows.length).toBe(30);
    expect(canonical(batch.sinkRecords().get('out')!)).toEqual(canonical(rows));
  });

  it('no backpressure on a blocking exchange: the whole output waits, the producer is never slowed', () => {
    // A slow map and a small buffer: in STREAMING the generator is backpressured.
    const settings = { bufferCapacity: 2 };
    const lastEmit = (doc: PipelineDocument) => {
      const events = run(doc).trace().events;
      const emits = events.filter((e) => e.type === 'emit' && e.node === 'gen');
      return Math.max(...emits.map((e) => e.time));
    };
    const free = lastEmit(rebalanced('BATCH'));
    expect(lastEmit(rebalanced('BATCH', settings, 200))).toBe(free);
    expect(lastEmit(rebalanced('STREAMING', settings, 200))).toBeGreaterThan(free);

    // All 30 records waited in the map's channels at once (more than the capacity of 2).
    const sim = createSimulation(rebalanced('BATCH', settings, 200));
    sim.runUntil(free);
    const buffered = sim
      .channels()
      .filter((c) => c.edge === 'e0')
      .reduce((a, c) => a + c.buffered, 0);
    expect(buffered).toBe(30);
    sim.run();
    expect(sim.sinkRecords().get('out')!.length).toBe(30);
  });

  it('a job of several stages runs them one after another and ends with the results of STREAMING', () => {
    const batch = run(stages('BATCH'));
    const streaming = run(stages('STREAMING'));
    expect(batch.finished).toBe(true);
    const events = batch.trace().events;
    // Stage 1: the generator; stage 2: map → keyBy (chained); stage 3: window → sink (chained).
    expectStageAfter(events, 'gen', 'm');
    expectStageAfter(events, 'k', 'w');
    // Within a stage, chained operators hand records over at once.
    expectInterleaved(events, 'm', 'k');

    const rows = streaming.sinkRecords().get('out')!;
    expect(rows.length).toBeGreaterThan(0);
    expect(canonical(batch.sinkRecords().get('out')!)).toEqual(canonical(rows));
  });

  it('a failure in a later stage restarts the whole job: the stages run again, in order, to the same results', () => {
    const clean = run(stages('BATCH'));
    // The generator ends at 950 ms (40 records, 20/s from each of 2 subtasks); the map stage
    // then takes about 280 ms, and one of its subtasks fails while it runs.
    const doc = stages('BATCH', { failures: [{ at: 1_100, node: 'm', subtask: 1 }] });
    const sim = createSimulation(doc, { trace: true });
    sim.runUntil(1_099);
    const early = sim.trace().events;
    expectStageAfter(early, 'gen', 'm');
    sim.run();
    expect(sim.errors()).toEqual([]);
    const ft = sim.faultTolerance();
    expect(ft.restarts).toBe(1);
    expect(ft.restores.map((r) => r.checkpoint)).toEqual([null]);
    expect(sim.finished).toBe(true);
    // After the restart, the map again waits for the generator's whole (replayed) output.
    const events = sim.trace().events;
    const restart = events.findIndex((e) => e.type === 'failure');
    expect(restart).toBeGreaterThan(0);
    const after = events.slice(restart);
    expectStageAfter(after, 'gen', 'm');
    expectStageAfter(after, 'k', 'w');
    expect(canonical(sim.sinkRecords().get('out')!)).toEqual(
      canonical(clean.sinkRecords().get('out')!),
    );
  });
});

describe('BATCH: what the run views show of a blocking edge', () => {
  it('edgeFigures marks the edges that are not chained as blocking, never full, with their waiting records', () => {
    const settings = { bufferCapacity: 2 };
    const doc = rebalanced('BATCH', settings, 200);
    const sim = createSimulation(doc);
    sim.runUntil(500);
    const f = edgeFigures(doc, sim.channels());
    expect(f.get('e0')).toMatchObject({ blocking: true, full: false });
    expect(f.get('e0')!.buffered).toBeGreaterThan(2);
    expect(f.get('e1')).toMatchObject({ blocking: true, buffered: 0 });
    // In STREAMING the same small buffers fill up and backpressure the generator.
    const streaming = rebalanced('STREAMING', settings, 200);
    const s2 = createSimulation(streaming);
    s2.runUntil(500);
    const f2 = edgeFigures(streaming, s2.channels()).get('e0')!;
    expect(f2.blocking).toBeUndefined();
    expect(f2.full).toBe(true);
  });
});

describe('BATCH: why a window has not fired', () => {
  it('before its blocking input has ended, a window subtask waits for its senders; while it reads, its windows wait for the end of their key', () => {
    const doc = stages('BATCH');
    doc.nodes.find((n) => n.id === 'w')!.costMs = 5;
    const sim = createSimulation(doc);
    sim.runUntil(500); // the generator still runs
    let ex = explainOperator(doc, factsOf(sim, 'w'), 'w');
    expect(ex.windows).toEqual([]);
    // Each window subtask reads from the 3 keyBy subtasks (chained to the map), none ended yet.
    expect(ex.subtasks.map((s) => s.batchInput)).toEqual([
      { senders: 3, ended: 0 },
      { senders: 3, ended: 0 },
    ]);
    while (ex.windows.length === 0 && sim.step()) ex = explainOperator(doc, factsOf(sim, 'w'), 'w');
    // Reading its sorted input: the open windows of the current key wait for the key's end.
    expect(ex.windows.length).toBeGreaterThan(0);
    for (const w of ex.windows) expect(w.causes).toEqual([{ type: 'batchEndOfKey' }]);
    expect(ex.subtasks.every((s) => s.batchInput === undefined)).toBe(true);

    // STREAMING explains the same operator with watermarks, and nothing waits for its senders.
    const streaming = stages('STREAMING');
    const s2 = createSimulation(streaming);
    s2.runUntil(500);
    const ex2 = explainOperator(streaming, factsOf(s2, 'w'), 'w');
    expect(ex2.windows.length).toBeGreaterThan(0);
    expect(ex2.windows.some((w) => w.causes.some((c) => c.type === 'batchEndOfKey'))).toBe(false);
    expect(ex2.subtasks.every((s) => s.batchInput === undefined)).toBe(true);
  });
});

describe('BATCH: which exchanges are blocking', () => {
  /** gen (2) → forward → map (2, with a cost) → rebalance → sink (1). */
  const forwardDoc = (mode: Mode) =>
    makeDoc(
      [
        generator(2, 20),
        { id: 'm', kind: 'map', parallelism: 2, costMs: 10, config: { expression: 'value' } },
        { id: 'out', kind: 'tableSink', parallelism: 1 },
      ],
      [
        { from: 'gen', to: 'm' },
        { from: 'm', to: 'out', partitioning: 'rebalance' },
      ],
      { runtimeMode: mode },
    );

  it('a forward edge Flink would chain stays pipelined, even where the cost keeps it a channel here', () => {
    const sim = run(forwardDoc('BATCH'));
    const events = sim.trace().events;
    expectInterleaved(events, 'gen', 'm');
    expectStageAfter(events, 'm', 'out');
    // What the run views read: the forward channels are neither chained nor blocking.
    const byEdge = (edge: string) => sim.channels().filter((c) => c.edge === edge);
    expect(byEdge('e0').map((c) => [c.chained, c.blocking])).toEqual([
      [false, undefined],
      [false, undefined],
    ]);
    expect(byEdge('e1').every((c) => c.blocking === true)).toBe(true);
  });

  it('with chaining off every exchange is blocking, the forward one too (Flink: every edge is a job edge)', () => {
    const events = run(forwardDoc('BATCH'), { chaining: false }).trace().events;
    expectStageAfter(events, 'gen', 'm');
    expectStageAfter(events, 'm', 'out');
  });

  it('a subtask with several producers starts when the last of them has ended', () => {
    const doc = makeDoc(
      [
        { id: 'a', kind: 'timeline', config: { steps: [rec(1), rec(2), end] } },
        {
          id: 'b',
          kind: 'timeline',
          config: { steps: [rec(10), adv(1000), rec(20), adv(1000), rec(30), end] },
        },
        { id: 'm', kind: 'union' },
        { id: 'out', kind: 'tableSink' },
      ],
      [
        { from: 'a', to: 'm', partitioning: 'rebalance' },
        { from: 'b', to: 'm', partitioning: 'rebalance' },
        { from: 'm', to: 'out' },
      ],
      { runtimeMode: 'BATCH' },
    );
    const sim = run(doc);
    const events = sim.trace().events;
    expectStageAfter(events, 'a', 'm');
    expectStageAfter(events, 'b', 'm');
    expect(events.find((e) => e.type === 'receive' && e.node === 'm')!.time).toBe(2000);
    expect(
      sim
        .sinkRecords()
        .get('out')!
        .map((r) => r.value as number)
        .sort((x, y) => x - y),
    ).toEqual([1, 2, 10, 20, 30]);
  });
});
