import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../src/lib/engine';
import { exampleDocument } from '../../src/lib/pipeline';
import { FiringIndex } from '../../src/lib/ui/run/firings';
import {
  RateTracker,
  edgeFigures,
  formatLag,
  operatorMetrics,
  sinkLatency,
} from '../../src/lib/ui/run/metrics';
import { physicalLayout } from '../../src/lib/ui/run/physical';
import { RunSession } from '../../src/lib/worker/session';
import { end, makeDoc, rec, wm } from './engine-helpers';

/** timeline → keyBy → 5 s tumbling sum with 2 s allowed lateness → sink, late → lateOut. */
function lateness() {
  return makeDoc(
    [
      {
        id: 'src',
        kind: 'timeline',
        config: {
          steps: [
            rec(1000, 1, 'a'),
            wm(5000),
            rec(2000, 7, 'a'),
            rec(8000, 2, 'b'),
            wm(7000),
            rec(3000, 9, 'a'),
            end,
          ],
        },
      },
      { id: 'k', kind: 'keyBy', config: { expression: 'key' } },
      {
        id: 'w',
        kind: 'tumblingWindow',
        config: { size: 5000, allowedLateness: 2000, function: { type: 'sum' } },
      },
      { id: 'out', kind: 'tableSink' },
      { id: 'lateOut', kind: 'tableSink' },
    ],
    [
      { from: 'src', to: 'k' },
      { from: 'k', to: 'w', partitioning: 'hash' },
      { from: 'w', to: 'out' },
      { from: 'w', to: 'lateOut', fromPort: 'late' } as never,
    ],
  );
}

describe('window and firing of sink rows, from the trace', () => {
  it('tells on-time firings (by the watermark) from late ones (by a late record)', () => {
    const sim = createSimulation(lateness(), { trace: true });
    sim.run();
    const index = new FiringIndex();
    index.add(sim.trace().events);
    const rows = sim.sinkRecords().get('out')!;
    expect(rows.map((r) => [r.key, r.value, index.describe(r)])).toEqual([
      ['a', 1, { window: { start: 0, end: 5000 }, firing: 'on-time' }],
      ['a', 8, { window: { start: 0, end: 5000 }, firing: 'late' }],
      ['b', 2, { window: { start: 5000, end: 10000 }, firing: 'on-time' }],
    ]);
    // The record at 3000 came after the cleanup time 4999 + 2000: side output.
    expect(
      sim
        .sinkRecords()
        .get('lateOut')!
        .map((r) => r.value),
    ).toEqual([9]);
  });

  it('prefers what a row carries itself', () => {
    const index = new FiringIndex();
    const row = {
      sink: 's',
      subtask: 0,
      key: 'a',
      value: 1,
      timestamp: 4999,
      processingTime: 0,
      window: { start: 0, end: 5000 },
      firing: 'late' as const,
    };
    expect(index.describe(row)).toEqual({ window: { start: 0, end: 5000 }, firing: 'late' });
  });
});

describe('metrics', () => {
  it('measures throughput in records per second of processing time and the event-time lag', () => {
    const doc = exampleDocument();
    const sim = createSimulation(doc);
    const rates = new RateTracker();
    for (let t = 0; t <= 6000; t += 500) {
      sim.runUntil(t);
      rates.add(sim.now, sim.status());
    }
    const m = operatorMetrics(doc, sim.now, sim.status(), rates);
    const double = m.find((x) => x.node === 'double')!;
    // 5 clicks per second, over the last 2 s.
    expect(double.inRate).toBeCloseTo(5, 0);
    expect(double.watermark).not.toBeNull();
    expect(double.lag).toBe(6000 - double.watermark!);
    expect(formatLag(null, null)).toBe('no watermark yet');
  });

  it('sink latency is arrival − event timestamp', () => {
    expect(
      sinkLatency([
        { timestamp: 4999, processingTime: 7000 },
        { timestamp: null, processingTime: 1 },
        { timestamp: 9999, processingTime: 11000 },
      ]),
    ).toEqual({ rows: 2, last: 1001, mean: 1501, max: 2001 });
  });

  it('edge figures count records per document edge; a broadcast record counts once', () => {
    const doc = makeDoc(
      [
        { id: 'src', kind: 'timeline', config: { steps: [rec(1), rec(2), rec(3), end] } },
        { id: 'm', kind: 'map', parallelism: 2, config: { expression: 'value' } },
        { id: 'out', kind: 'tableSink', parallelism: 2 },
      ],
      [
        { from: 'src', to: 'm', partitioning: 'broadcast' },
        { from: 'm', to: 'out' },
      ],
    );
    const sim = createSimulation(doc);
    sim.run();
    const f = edgeFigures(doc, sim.channels());
    expect(f.get('e0')).toEqual({ records: 3, buffered: 0, full: false });
    expect(f.get('e1')!.records).toBe(6);
  });
});

describe('physical graph', () => {
  it('has every subtask and one channel per sender–receiver pair the partitioning uses', () => {
    const doc = exampleDocument();
    doc.nodes.find((n) => n.id === 'perFiveSeconds')!.parallelism = 2;
    doc.nodes.find((n) => n.id === 'results')!.parallelism = 2;
    const sim = createSimulation(doc);
    sim.run();
    const layout = physicalLayout(doc, sim.status(), sim.channels(), () => 'transformation');
    expect(layout.operators.map((o) => [o.node, o.subtasks.length])).toEqual([
      ['clicks', 1],
      ['double', 1],
      ['byUser', 1],
      ['perFiveSeconds', 2],
      ['results', 2],
    ]);
    const hash = layout.channels.filter((c) => c.edge === 'e3');
    expect(hash.map((c) => c.to.subtask).sort()).toEqual([0, 1]);
    // All 60 clicks went through the hash edge, split by key between the two subtasks.
    expect(hash.reduce((a, c) => a + c.records, 0)).toBe(60);
    // Before a run the channels are planned from the partitioning.
    const planned = physicalLayout(doc, null, null, () => 'transformation');
    expect(planned.channels.filter((c) => c.edge === 'e4')).toHaveLength(2);
  });
});

describe('state snapshots', () => {
  it('the session sends the watched node’s open windows and timers, and nothing else', () => {
    const session = new RunSession(exampleDocument());
    session.runTo(1500);
    expect(session.snapshot(false).state).toBeNull();
    const snap = session.snapshot(false, 'perFiveSeconds');
    const sub = snap.state!.subtasks[0];
    const windows = (sub.state as { windows: { start: number; accumulator?: unknown }[] }).windows;
    expect(windows.length).toBeGreaterThan(0);
    // The example sums incrementally: each open window keeps its running sum, not its elements.
    expect(windows.every((w) => w.start === 0 && typeof w.accumulator === 'number')).toBe(true);
    expect(sub.timers.some((t) => t.domain === 'event' && t.time === 4999)).toBe(true);
  });
});

describe('trace since an index', () => {
  it('returns the same events as the full trace, also after the ring buffer wrapped', () => {
    const sim = createSimulation(exampleDocument(), { trace: true, traceLimit: 50 });
    sim.run(300);
    const all = sim.trace().events;
    const total = sim.traceTotal();
    expect(total).toBeGreaterThan(50);
    expect(sim.traceSince(total - 20)).toEqual(all.slice(-20));
    expect(sim.traceSince(0)).toEqual(all);
    expect(sim.traceSince(0, 5)).toEqual(all.slice(-5));
  });
});

describe('backpressure, as the canvas shows it', () => {
  it('a full buffer marks the edge full and its sender blocked', () => {
    const doc = makeDoc(
      [
        { id: 'g', kind: 'generator', config: { count: 50, rate: 1000 } },
        { id: 'm', kind: 'map' },
        { id: 's', kind: 'tableSink' },
      ],
      [
        { from: 'g', to: 'm', partitioning: 'rebalance' },
        { from: 'm', to: 's' },
      ],
      { bufferCapacity: 2 },
    );
    const sim = createSimulation(doc, { costs: { m: 10 } });
    let sawFull = false;
    let sawBlocked = false;
    while (sim.step()) {
      if (edgeFigures(doc, sim.channels()).get('e0')!.full) sawFull = true;
      const m = operatorMetrics(doc, sim.now, sim.status(), new RateTracker());
      if (m.find((x) => x.node === 'g')!.blocked) sawBlocked = true;
    }
    expect(sawFull).toBe(true);
    expect(sawBlocked).toBe(true);
    expect(edgeFigures(doc, sim.channels()).get('e0')).toEqual({
      records: 50,
      buffered: 0,
      full: false,
    });
  });
});

describe('snapshots of a fast run', () => {
  it('carry every window firing even when records in passing are left out', () => {
    const doc = exampleDocument();
    const g = doc.nodes[0] as unknown as { config: { count: number; rate: number } };
    g.config.count = 3000;
    g.config.rate = 50;
    const session = new RunSession(doc);
    const index = new FiringIndex();
    let snap = session.snapshot(true);
    let truncated = false;
    while (!session.simulation.finished) {
      const before = session.simulation.traceTotal();
      session.advance('max');
      snap = session.snapshot(true);
      if (session.simulation.traceTotal() - before > snap.trace.length) truncated = true;
      index.add(snap.trace);
    }
    expect(truncated).toBe(true);
    const rows = snap.sinks.find((s) => s.node === 'results')!.rows;
    expect(rows.length).toBeGreaterThan(30);
    for (const r of rows) {
      const { window, firing } = index.describe(r);
      expect(window!.end - 1).toBe(r.timestamp);
      expect(firing).toBe('on-time');
    }
  });
});
