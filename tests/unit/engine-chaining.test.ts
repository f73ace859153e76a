/**
 * Operator chaining: with trace off, chained map and filter subtasks run inside the hand-over
 * (runtime chainEmit); with trace on, or without chaining, every record goes through the
 * operators' processRecord. All three must give the same run: outputs, counters, errors,
 * watermarks, checkpoints and recovery.
 */
import { describe, expect, it } from 'vitest';
import { createSimulation, type Simulation, type SimulationOptions } from '../../src/lib/engine';
import { chainName, operatorChains } from '../../src/lib/engine/chains';
import { decodeState } from '../../src/lib/engine/checkpoints/format';
import { physicalLayout } from '../../src/lib/ui/run/physical';
import { makeDoc } from './engine-helpers';

/**
 * generator (2 subtasks) → map (throws on 7) → filter → keyBy → tumbling sum → filter → sink,
 * checkpoints every second and a failure of the map at 2.5 s.
 */
const doc = makeDoc(
  [
    {
      id: 'src',
      kind: 'generator',
      parallelism: 2,
      config: {
        rate: 50,
        count: 400,
        keys: { count: 3, prefix: 'k' },
        values: { min: 1, max: 9, integer: true },
        outOfOrderness: { distribution: 'uniform', max: 300 },
        watermarks: { type: 'boundedOutOfOrderness', maxOutOfOrderness: 300 },
      },
    },
    {
      id: 'times10',
      kind: 'map',
      parallelism: 2,
      config: { expression: 'value === 7 ? value.no.such : value * 10' },
    },
    { id: 'big', kind: 'filter', parallelism: 2, config: { expression: 'value > 20' } },
    { id: 'byKey', kind: 'keyBy', parallelism: 2, config: { expression: 'key' } },
    {
      id: 'w',
      kind: 'tumblingWindow',
      parallelism: 2,
      config: { size: 1000, function: { type: 'sum' } },
    },
    { id: 'some', kind: 'filter', parallelism: 2, config: { expression: 'value % 20 === 0' } },
    { id: 'out', kind: 'tableSink', parallelism: 2 },
  ],
  [
    { from: 'src', to: 'times10' },
    { from: 'times10', to: 'big' },
    { from: 'big', to: 'byKey' },
    { from: 'byKey', to: 'w', partitioning: 'hash' },
    { from: 'w', to: 'some' },
    { from: 'some', to: 'out' },
  ],
  {
    seed: 3,
    timeCharacteristic: 'event',
    checkpointing: { enabled: true, interval: 1000 },
    failures: [{ at: 2500, node: 'times10' }],
    restartStrategy: { type: 'fixedDelay', attempts: 3, delay: 200 },
  },
);

function run(opts: SimulationOptions): Simulation {
  const sim = createSimulation(doc, opts);
  sim.run();
  return sim;
}

/** Everything a run shows besides its trace. */
function outcome(sim: Simulation) {
  const ft = sim.faultTolerance();
  return {
    sinks: sim.sinkRecords(),
    status: sim.status(),
    channels: sim.channels().map(({ chained: _, ...c }) => c),
    errors: sim.errors(),
    checkpoints: ft.checkpoints.map((c) => [c.id, c.status, c.size]),
    restores: ft.restores,
    replayed: ft.replayed,
  };
}

describe('operator chaining', () => {
  const off = run({ trace: false });
  const on = run({ trace: true });

  it('chains the forward edges into single-input nodes', () => {
    const chained = (from: string) =>
      off.channels().find((c) => c.from.node === from && c.from.subtask === 0)!.chained;
    expect(['src', 'times10', 'big', 'w', 'some'].map(chained)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(chained('byKey')).toBe(false);
  });

  it('the run really exercises errors, filtering, window results, checkpoints and a restore', () => {
    const o = outcome(off);
    expect(o.errors.length).toBeGreaterThan(0);
    expect(o.errors[0].message).toContain('record dropped');
    const big = o.status.filter((s) => s.node === 'big');
    expect(big.reduce((a, s) => a + s.recordsIn - s.recordsOut, 0)).toBeGreaterThan(0);
    const rows = o.sinks.get('out')!;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.window !== undefined && r.firing !== undefined)).toBe(true);
    expect(o.restores.length).toBe(1);
    expect(o.checkpoints.length).toBeGreaterThan(3);
  });

  it('trace off (fused hand-overs) gives the same run as trace on (every operator called)', () => {
    expect(outcome(off)).toEqual(outcome(on));
  });

  it('a sink that keeps nothing (sinkLimit 0, no checkpoints) counts as one that keeps all', () => {
    // Without checkpoints, failures or trace, such a sink only counts (Operator.fuse 'count').
    const plain = {
      ...doc,
      settings: {
        ...doc.settings,
        checkpointing: { ...doc.settings.checkpointing, enabled: false },
        failures: [],
      },
    };
    const counted = createSimulation(plain, { sinkLimit: 0 });
    counted.run();
    const traced = createSimulation(plain, { trace: true });
    traced.run();
    expect(counted.sinkRecords().get('out')).toEqual([]);
    expect(traced.sinkRecords().get('out')!.length).toBeGreaterThan(0);
    const { sinks: _, ...rest } = outcome(counted);
    const { sinks: __, ...full } = outcome(traced);
    expect(rest).toEqual(full);
    // The sink's positions (what it wrote per subtask, as its checkpoints record) are the same.
    const written = (sim: Simulation) =>
      (
        sim.captureImage() as unknown as {
          ledgers: [string, { written: number[]; total: number }][];
        }
      ).ledgers.map(([node, l]) => [node, l.written, l.total]);
    expect(written(counted)).toEqual(written(traced));
  });

  it('without chaining, the same records reach the sink and every counter is the same', () => {
    const plain = run({ trace: false, chaining: false });
    const counters = (sim: Simulation) =>
      sim.status().map((s) => [s.node, s.subtask, s.recordsIn, s.recordsOut, s.watermark]);
    expect(counters(plain)).toEqual(counters(off));
    const rows = (sim: Simulation) =>
      sim
        .sinkRecords()
        .get('out')!
        .map((r) => `${String(r.key)}@${r.timestamp}=${String(r.value)}`)
        .sort();
    expect(rows(plain)).toEqual(rows(off));
    expect(plain.errors().length).toBe(off.errors().length);
  });

  it('what a map or filter offers for fusing is code, not state: their snapshots stay empty', () => {
    const sim = createSimulation(doc, { trace: false });
    sim.runUntil(1500);
    const sp = sim.takeSavepoint();
    for (const node of ['times10', 'big', 'some'])
      expect((decodeState(sp.subtasks[`${node}#0`]) as { op: unknown }).op).toBeNull();
  });

  it('a run restored from a seek image mid-way goes on as the uninterrupted one', () => {
    const sim = createSimulation(doc, { trace: false });
    sim.runUntil(1700);
    const image = sim.captureImage();
    sim.run();
    const again = createSimulation(doc, { trace: false });
    again.restoreImage(image);
    again.run();
    expect(outcome(again)).toEqual(outcome(sim));
    expect(outcome(sim)).toEqual(outcome(off));
  });
});

describe('which operators are chained', () => {
  const name = (d: typeof doc) => operatorChains(d).map((c) => chainName(c, (id) => id));

  it('follows Flink: forward, same parallelism, a single input (and here: no cost)', () => {
    expect(name(doc)).toEqual(['src → times10 → big → byKey', 'w → some → out']);
    const costly = {
      ...doc,
      nodes: doc.nodes.map((n) => (n.id === 'big' ? { ...n, costMs: 2 } : n)),
    };
    expect(name(costly)).toEqual(['src → times10', 'big → byKey', 'w → some → out']);
  });

  it('names a fork as Flink names a chained vertex with two outputs', () => {
    const fork = makeDoc(
      [
        { id: 'g', kind: 'generator', config: { rate: 10, count: 10 } },
        { id: 'm', kind: 'map', config: { expression: 'value' } },
        { id: 'a', kind: 'tableSink' },
        { id: 'b', kind: 'logSink' },
      ],
      [
        { from: 'g', to: 'm' },
        { from: 'm', to: 'a' },
        { from: 'm', to: 'b' },
      ],
    );
    expect(name(fork)).toEqual(['g → m → (a, b)']);
    // The runtime chains both outputs, and each sink gets every record.
    const sim = createSimulation(fork);
    sim.run();
    expect(sim.channels().map((c) => [c.to.node, c.chained, c.records])).toEqual([
      ['m', true, 10],
      ['a', true, 10],
      ['b', true, 10],
    ]);
  });

  it('the physical graph lists the chains before a run and as the run has them', () => {
    const group = () => 'transformation';
    const before = physicalLayout(doc, null, null, group);
    const sim = createSimulation(doc);
    sim.runUntil(500);
    const during = physicalLayout(doc, sim.status(), sim.channels(), group);
    for (const layout of [before, during]) {
      expect(layout.chains.map((c) => chainName(c, (id) => id))).toEqual(name(doc));
      expect(layout.channels.filter((c) => c.chained).map((c) => c.edge)).toEqual(
        layout.channels.filter((c) => c.edge !== 'e3').map((c) => c.edge),
      );
    }
  });
});
