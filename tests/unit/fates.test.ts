import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../src/lib/engine';
import { FateTracker, type RecordFate } from '../../src/lib/engine/fates';
import { EXAMPLES, exampleDocumentOf } from '../../src/lib/pipeline/examples';
import { validateDocument, type PipelineDocument } from '../../src/lib/pipeline';
import { RunSession } from '../../src/lib/worker/session';
import { adv, end, makeDoc, rec } from './engine-helpers';

function fates(doc: PipelineDocument): FateTracker {
  const sim = createSimulation(doc, { trace: true });
  sim.run();
  const t = new FateTracker(doc);
  t.feed(sim.trace().events);
  return t;
}

const byValue = (t: FateTracker) => new Map(t.all().map((r) => [String(r.value), r]));

function lateness(withSideOutput: boolean): PipelineDocument {
  const json = structuredClone(
    EXAMPLES.find((e) => e.id === 'watermarks-lateness')!.json,
  ) as unknown as PipelineDocument;
  if (!withSideOutput) {
    json.edges = json.edges.filter((e) => e.fromPort !== 'late');
    json.nodes = json.nodes.filter((n) => n.id !== 'late');
  }
  const r = validateDocument(json);
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return r.doc;
}

/**
 * Ten records, one a second, through a map into a sink with `guarantee`; checkpoints every
 * 2500 ms and the map fails at 5500 ms, so the records after checkpoint 2 are replayed.
 */
function failingMapDoc(guarantee: 'at-least-once' | 'exactly-once') {
  const steps: unknown[] = [];
  for (let i = 0; i < 10; i++) steps.push(rec(i * 1000, i, 'k'), adv(1000));
  steps.push(end);
  return makeDoc(
    [
      { id: 'src', kind: 'timeline', config: { steps } },
      { id: 'm', kind: 'map', config: { expression: 'value * 10' } },
      { id: 'out', kind: 'tableSink', config: { guarantee } },
    ],
    [
      { from: 'src', to: 'm' },
      { from: 'm', to: 'out' },
    ],
    {
      checkpointing: { enabled: true, interval: 2500 },
      failures: [{ at: 5500, node: 'm' }],
      restartStrategy: { type: 'fixedDelay', attempts: 3, delay: 100 },
    },
  );
}

describe('record fates', () => {
  it('on time, late within the allowed lateness, late to the side output: each with its window and watermark', () => {
    const t = fates(exampleDocumentOf(EXAMPLES.find((e) => e.id === 'watermarks-lateness')!));
    const r = byValue(t);
    expect([...r].map(([v, f]) => [v, f.fate])).toEqual([
      ['a@1s', 'on-time'],
      ['b@3s', 'on-time'],
      ['c@6s', 'on-time'],
      ['d@2s (late, allowed)', 'late-fired'],
      ['e@4s (too late)', 'side-output'],
      ['f@8s', 'on-time'],
    ]);
    expect(r.get('a@1s')!.windows).toEqual([
      {
        node: 'window',
        subtask: 0,
        key: 'k',
        start: 0,
        end: 5000,
        addedAt: 0,
        firing: 'on-time',
        firedAt: 2000,
        causedLateFiring: false,
      },
    ]);
    // d arrived at 3000 ms, after the watermark 5500 had passed 4999: it fired [0, 5000) again.
    expect(r.get('d@2s (late, allowed)')!.windows[0]).toMatchObject({
      start: 0,
      end: 5000,
      addedAt: 3000,
      firing: 'late',
      firedAt: 3000,
      causedLateFiring: true,
    });
    // a and b were in the late firing's result too; their own first firing stays on time.
    expect(r.get('a@1s')!.results.map((x) => x.firing)).toEqual(['on-time', 'late']);
    expect(r.get('e@4s (too late)')!.sideOutput).toEqual({
      node: 'window',
      subtask: 0,
      time: 5000,
      watermark: 7500,
      window: { start: 0, end: 5000 },
      allowedLateness: 2000,
    });
    expect(r.get('e@4s (too late)')!.sinks.map((s) => s.node)).toEqual(['late']);
    expect(r.get('d@2s (late, allowed)')!.hops.map((h) => `${h.node}@${h.time}`)).toEqual([
      'events@3000',
      'byKey@3000',
      'window@3000',
    ]);
    expect(t.counters().window).toMatchObject({
      'on-time': 4,
      'late-fired': 1,
      'side-output': 1,
      'late-dropped': 0,
    });
    expect(t.counters().late).toMatchObject({ delivered: 1 });
  });

  it('dropped as late when the window has no late side output, with the watermark and window end', () => {
    const r = byValue(fates(lateness(false)));
    const e = r.get('e@4s (too late)')!;
    expect(e.fate).toBe('late-dropped');
    expect(e.sideOutput).toBeNull();
    expect(e.drop).toEqual({
      node: 'window',
      subtask: 0,
      time: 5000,
      cause: 'late',
      watermark: 7500,
      window: { start: 0, end: 5000 },
      allowedLateness: 2000,
    });
  });

  it('filtered by a named filter node; the others are delivered to the sink', () => {
    const doc = makeDoc(
      [
        {
          id: 'src',
          kind: 'timeline',
          config: { steps: [...[1, 2, 3, 4].flatMap((i) => [rec(i, i), adv(10)]), end] },
        },
        { id: 'evens', kind: 'filter', config: { expression: 'value % 2 === 0' } },
        { id: 'out', kind: 'tableSink' },
      ],
      [
        { from: 'src', to: 'evens' },
        { from: 'evens', to: 'out' },
      ],
    );
    const t = fates(doc);
    expect(t.all().map((r) => [r.value, r.fate])).toEqual([
      [1, 'filtered'],
      [2, 'delivered'],
      [3, 'filtered'],
      [4, 'delivered'],
    ]);
    expect(t.all()[0].drop).toMatchObject({ node: 'evens', cause: 'filtered', time: 0 });
    expect(t.counters().evens.filtered).toBe(2);
    expect(t.counters().out.delivered).toBe(2);
  });

  it('replayed after a recovery and duplicated by an at-least-once sink', () => {
    const doc = failingMapDoc('at-least-once');
    const t = fates(doc);
    const all = t.all();
    // Checkpoint 2 (5000 ms) holds offset 5; the failure at 5500 ms replays offset 6 at 5600 ms.
    const replay = all.filter((r) => r.replayed);
    expect(replay.map((r) => [r.offset, r.value, r.replayOf])).toEqual([[6, 5, 6]]);
    const first = t.get(replay[0].replayOf!)!;
    expect(first.duplicated).toBe(true);
    expect(replay[0].sinks).toEqual([{ node: 'out', subtask: 0, time: 5600, duplicate: true }]);
    expect(all.every((r) => r.fate === 'delivered')).toBe(true);
    expect(t.counters().src.replayed).toBe(1);
    expect(t.counters().out).toMatchObject({ delivered: 10, duplicated: 1 });
  });

  it('an exactly-once sink delivers what it commits: an aborted transaction delivers nothing', () => {
    const doc = failingMapDoc('exactly-once');
    const t = fates(doc);
    const all = t.all();
    // Value 5 (at 5000 ms) went into the transaction after checkpoint 2; the failure at 5500 ms
    // aborted it and the replay delivered it once more, committed at the end.
    const replay = all.filter((r) => r.replayed);
    expect(replay.map((r) => [r.offset, r.value, r.replayOf])).toEqual([[6, 5, 6]]);
    const first = t.get(replay[0].replayOf!)!;
    expect(first.sinks).toEqual([]);
    expect(first.duplicated).toBe(false);
    expect(replay[0].sinks).toEqual([{ node: 'out', subtask: 0, time: 5600, duplicate: false }]);
    // Ten rows committed, ten delivered (eleven records received).
    expect(t.counters().out).toMatchObject({ delivered: 10, duplicated: 0 });
    const sim = createSimulation(doc);
    sim.run();
    expect(sim.sinkRecords().get('out')).toHaveLength(10);
  });

  it('follows every record through hash and rebalance channels: none is lost on the way', () => {
    const doc = makeDoc(
      [
        {
          id: 'src',
          kind: 'generator',
          parallelism: 2,
          config: {
            rate: 50,
            count: 300,
            keys: { count: 5, prefix: 'k' },
            outOfOrderness: { distribution: 'uniform', max: 800 },
            watermarks: { type: 'boundedOutOfOrderness', maxOutOfOrderness: 200 },
          },
        },
        { id: 'spread', kind: 'map', parallelism: 3, config: { expression: 'value' } },
        { id: 'key', kind: 'keyBy', parallelism: 3, config: { expression: 'key' } },
        {
          id: 'w',
          kind: 'tumblingWindow',
          parallelism: 2,
          config: { size: 1000, function: { type: 'count' } },
        },
        { id: 'out', kind: 'tableSink' },
      ],
      [
        { from: 'src', to: 'spread', partitioning: 'rebalance' },
        { from: 'spread', to: 'key' },
        { from: 'key', to: 'w', partitioning: 'hash' },
        { from: 'w', to: 'out', partitioning: 'rebalance' },
      ],
      { seed: 3 },
    );
    const t = fates(doc);
    const all = t.all();
    expect(all).toHaveLength(300);
    const count = (f: RecordFate['fate']) => all.filter((r) => r.fate === f).length;
    expect(count('in-flight')).toBe(0);
    const c = t.counters().w;
    expect(count('on-time')).toBe(c['on-time']);
    expect(count('late-dropped')).toBe(c['late-dropped']);
    expect(count('on-time') + count('late-dropped') + count('late-fired')).toBe(300);
    // Each record went src → spread → key → w: four hops, the window's subtask by its key.
    expect(all.every((r) => r.hops.map((h) => h.node).join() === 'src,spread,key,w')).toBe(true);
  });
});

describe('record fates: errors and memory', () => {
  it('a record its user function threw on is dropped with the error at that node', () => {
    const doc = makeDoc(
      [
        {
          id: 'src',
          kind: 'timeline',
          config: { steps: [...[1, 2, 3].flatMap((i) => [rec(i, i), adv(10)]), end] },
        },
        {
          id: 'm',
          kind: 'map',
          config: { expression: "value === 2 ? (() => { throw new Error('two') })() : value" },
        },
        { id: 'out', kind: 'tableSink' },
      ],
      [
        { from: 'src', to: 'm' },
        { from: 'm', to: 'out' },
      ],
    );
    const t = fates(doc);
    expect(t.all().map((r) => [r.value, r.fate])).toEqual([
      [1, 'delivered'],
      [2, 'error'],
      [3, 'delivered'],
    ]);
    expect(t.all()[1].drop).toMatchObject({ node: 'm', cause: 'error', time: 10 });
    expect(t.counters().m.error).toBe(1);
  });
});

describe('record fates after a recovery with windows', () => {
  it('a window that fired before the failure fires again after the restore: its records are duplicated at the at-least-once sink only', () => {
    const doc = exampleDocumentOf(EXAMPLES.find((e) => e.id === 'checkpoints')!);
    const session = new RunSession(doc);
    session.runTo(7000);
    session.injectFailure('totals');
    while (!session.simulation.finished) session.advance('max');
    const snap = session.snapshot(false);
    const atLeastOnce = session.simulation.sinkRecords().get('atLeastOnce')!;
    const replayedWrites = atLeastOnce.filter((r) => r.replayed).length;
    expect(replayedWrites).toBe(3);
    expect(snap.fateCounts!.atLeastOnce.duplicated).toBe(replayedWrites);
    expect(snap.fateCounts!.exactlyOnce?.duplicated ?? 0).toBe(0);
    const t = session.fateTracker;
    // The duplicated records are exactly those of the windows written twice.
    const twice = new Set(
      atLeastOnce.filter((r) => r.replayed).map((r) => `${r.key}|${r.window!.start}`),
    );
    const dup = t.all().filter((r) => r.duplicated);
    expect(dup.length).toBeGreaterThan(0);
    for (const r of dup) expect(r.windows.some((w) => twice.has(`${w.key}|${w.start}`))).toBe(true);
    expect(t.all().filter((r) => r.replayed).length).toBe(snap.fateCounts!.payments.replayed);
  });
});
