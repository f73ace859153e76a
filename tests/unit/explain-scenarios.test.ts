/**
 * "Why hasn't this fired?": one pipeline per cause, built to stall for that reason, and the exact
 * explanation the engine gives (src/lib/engine/explain.ts).
 */
import { describe, expect, test } from 'vitest';
import { createSimulation, type Simulation } from '../../src/lib/engine';
import { explainLanes, explainOperator, factsOf } from '../../src/lib/engine/explain';
import type { PipelineDocument } from '../../src/lib/pipeline';
import { adv, makeDoc, rec, wm, type E, type N } from './engine-helpers';

/** A generator of one key, 10 records a second, event time = processing time, unbounded. */
const gen = (config: Record<string, unknown> = {}, parallelism = 1, id = 'gen'): N => ({
  id,
  kind: 'generator',
  parallelism,
  config: {
    rate: 10,
    count: null,
    keys: { count: 1 },
    outOfOrderness: { distribution: 'none' },
    watermarks: { type: 'monotonous', idleness: null },
    ...config,
  },
});

/** source → keyBy (same parallelism) → window `w` (parallelism 1) → sink. */
function pipeline(source: N, window: Record<string, unknown>, kind = 'tumblingWindow') {
  return makeDoc(
    [
      source,
      { id: 'k', kind: 'keyBy', parallelism: source.parallelism ?? 1 },
      { id: 'w', kind, config: window },
      { id: 'out', kind: 'tableSink' },
    ],
    [
      { from: source.id, to: 'k' },
      { from: 'k', to: 'w', partitioning: 'hash' },
      { from: 'w', to: 'out' },
    ],
  );
}

function at(doc: PipelineDocument, time: number | null): Simulation {
  const sim = createSimulation(doc);
  if (time === null) sim.run();
  else sim.runUntil(time);
  return sim;
}

const explain = (doc: PipelineDocument, time: number | null, node = 'w') =>
  explainOperator(doc, factsOf(at(doc, time), node), node);

const place = (node: string, subtask = 0) => ({ node, subtask });
const laneRef = (
  from: string,
  fromSub: number,
  to = 'w',
  toSub = 0,
  edge = 'e1',
  port = 'main',
) => ({
  edge,
  port,
  from: place(from, fromSub),
  to: place(to, toSub),
});

describe('explanations, one pipeline per cause', () => {
  test('no watermark strategy upstream: the source to fix', () => {
    const doc = pipeline(gen({ watermarks: { type: 'none' } }), { size: 1000 });
    const e = explain(doc, 2500);
    expect(e.windows.map((w) => w.window)).toEqual([
      { start: 0, end: 1000 },
      { start: 1000, end: 2000 },
      { start: 2000, end: 3000 },
    ]);
    expect(e.windows[0]).toEqual({
      node: 'w',
      subtask: 0,
      key: 'key-1',
      window: { start: 0, end: 1000 },
      watermark: null,
      needs: { type: 'watermark', watermark: 999 },
      lanes: [
        {
          ...laneRef('k', 0),
          watermark: null,
          status: 'active',
          counted: true,
          holding: true,
        },
      ],
      causes: [
        { type: 'noWatermarkYet', lane: laneRef('k', 0), source: place('gen') },
        { type: 'noWatermarkStrategy', source: 'gen', fix: 'gen', action: 'setStrategy' },
      ],
    });
    expect(e.subtasks).toEqual([
      {
        subtask: 0,
        watermark: null,
        lanes: e.windows[0].lanes,
        openWindows: 3,
        next: e.windows[0],
      },
    ]);
  });

  test('a Timeline source without watermarks: where a Watermarks node should go', () => {
    const doc = pipeline(
      {
        id: 'tl',
        kind: 'timeline',
        config: { steps: [rec(100, 1, 'a'), adv(50), rec(300, 2, 'a')] },
      },
      { size: 1000 },
    );
    expect(explain(doc, null).windows[0].causes).toEqual([
      { type: 'noWatermarkYet', lane: laneRef('k', 0), source: place('tl') },
      { type: 'noWatermarkStrategy', source: 'tl', fix: 'tl', action: 'addWatermarksNode' },
    ]);
  });

  test('parallelism above the number of source partitions: a subtask with no input and no watermark', () => {
    const doc = pipeline(gen({ partitions: 1 }, 2), { size: 1000 });
    const e = explain(doc, 2500);
    expect(e.windows[0].watermark).toBeNull();
    expect(e.windows[0].lanes).toEqual([
      { ...laneRef('k', 0), watermark: 2299, status: 'active', counted: true, holding: false },
      { ...laneRef('k', 1), watermark: null, status: 'active', counted: true, holding: true },
    ]);
    expect(e.windows[0].causes).toEqual([
      { type: 'noWatermarkYet', lane: laneRef('k', 1), source: place('gen', 1) },
      { type: 'noPartition', source: place('gen', 1), partitions: 1, parallelism: 2, fix: 'gen' },
    ]);
  });

  test('an idle source partition without idleness: the slowest lane, and the partition to fix', () => {
    const doc = pipeline(gen({ idle: [{ from: 2000, to: 1e9, subtask: 1 }] }, 2), { size: 1000 });
    const e = explain(doc, 6000);
    expect(e.windows[0].window).toEqual({ start: 1000, end: 2000 });
    expect(e.windows[0].watermark).toBe(1899);
    expect(e.windows[0].causes).toEqual([
      { type: 'slowestLane', lane: laneRef('k', 1), watermark: 1899, source: place('gen', 1) },
      { type: 'idleWithoutIdleness', source: place('gen', 1), since: 1900, fix: 'gen' },
    ]);
  });

  test('with idleness configured the quiet partition is excluded and the windows fire', () => {
    const doc = pipeline(
      gen(
        {
          idle: [{ from: 2000, to: 1e9, subtask: 1 }],
          watermarks: { type: 'monotonous', idleness: 1000 },
        },
        2,
      ),
      { size: 1000 },
    );
    // Quiet, before the idleness timeout: the partition is about to be marked idle, at 3400 ms.
    expect(explain(doc, 3000).windows[0].causes).toEqual([
      { type: 'slowestLane', lane: laneRef('k', 1), watermark: 1899, source: place('gen', 1) },
      {
        type: 'idlenessPending',
        source: place('gen', 1),
        since: 1900,
        idleness: 1000,
        at: 3400,
      },
    ]);
    expect(explain(doc, 3399).windows[0].lanes.map((l) => l.status)).toEqual(['active', 'active']);
    expect(explain(doc, 3400).windows[0].lanes.map((l) => l.status)).toEqual(['active', 'idle']);
    const later = explain(doc, 5950);
    expect(later.windows.map((w) => w.window)).toEqual([{ start: 5000, end: 6000 }]);
    expect(later.windows[0].lanes.map((l) => l.status)).toEqual(['active', 'idle']);
    expect(later.windows[0].causes).toEqual([
      { type: 'waitingForRecord', source: place('gen', 0), needsTimestamp: 6000 },
    ]);
  });

  test('a quiet unbounded source: waiting for a later record', () => {
    const doc = pipeline(gen({ idle: [{ from: 2000, to: 1e9 }] }), { size: 1000 });
    const e = explain(doc, 6000);
    expect(e.windows.map((w) => w.window)).toEqual([{ start: 1000, end: 2000 }]);
    expect(e.windows[0].causes).toEqual([
      {
        type: 'quietSource',
        sources: [place('gen')],
        needsTimestamp: 2000,
        bounded: false,
        fix: 'gen',
      },
    ]);
  });

  test('every partition idle: idleness cannot help, the window waits for any later record', () => {
    const doc = pipeline(
      gen(
        { idle: [{ from: 2000, to: 1e9 }], watermarks: { type: 'monotonous', idleness: 1000 } },
        2,
      ),
      { size: 1000 },
    );
    const e = explain(doc, 6000);
    expect(e.windows.map((w) => w.window)).toEqual([{ start: 1000, end: 2000 }]);
    expect(e.windows[0].lanes.map((l) => [l.status, l.watermark])).toEqual([
      ['idle', 1899],
      ['idle', 1899],
    ]);
    expect(e.windows[0].causes).toEqual([
      {
        type: 'quietSource',
        sources: [place('gen', 0), place('gen', 1)],
        needsTimestamp: 2000,
        bounded: false,
        fix: 'gen',
      },
    ]);
  });

  test('a quiet bounded source still open: it will end', () => {
    const doc = pipeline(gen({ idle: [{ from: 2000, to: 1e9 }], endAt: 20000 }), { size: 1000 });
    expect(explain(doc, 6000).windows[0].causes).toEqual([
      {
        type: 'quietSource',
        sources: [place('gen')],
        needsTimestamp: 2000,
        bounded: true,
        fix: 'gen',
      },
    ]);
    // Its end sends the max watermark: every window fires, none is left open.
    expect(explain(doc, 20000).windows).toEqual([]);
  });

  test('records keep coming: a normal wait for the watermark', () => {
    const doc = pipeline(gen(), { size: 1000 });
    const e = explain(doc, 1500);
    expect(e.windows[0]).toMatchObject({
      window: { start: 1000, end: 2000 },
      watermark: 1299,
      causes: [{ type: 'waitingForRecord', source: place('gen'), needsTimestamp: 2000 }],
    });
  });

  test('a count trigger that needs more elements', () => {
    const doc = pipeline(
      {
        id: 'tl',
        kind: 'timeline',
        config: { steps: [rec(1, 1, 'a'), rec(2, 2, 'a'), rec(3, 3, 'b')] },
      },
      { size: 3 },
      'countWindow',
    );
    const e = explain(doc, null);
    expect(e.windows.map((w) => [w.key, w.window, w.needs, w.causes])).toEqual([
      [
        'a',
        null,
        { type: 'count', count: 3, have: 2, more: 1 },
        [{ type: 'countNeeded', count: 3, have: 2, more: 1 }],
      ],
      [
        'b',
        null,
        { type: 'count', count: 3, have: 1, more: 2 },
        [{ type: 'countNeeded', count: 3, have: 1, more: 2 }],
      ],
    ]);
  });

  test('a processing-time window waits for the clock', () => {
    const doc = pipeline(gen({ count: null }), { size: 1000, time: 'processing' });
    const e = explain(doc, 1500);
    expect(e.windows[0]).toMatchObject({
      window: { start: 1000, end: 2000 },
      needs: { type: 'processingTime', time: 1999 },
      causes: [{ type: 'clock', now: 1500, time: 1999 }],
    });
  });

  test('a global window with the default trigger never fires', () => {
    const doc = pipeline(
      { id: 'tl', kind: 'timeline', config: { steps: [rec(1, 1, 'a')] } },
      { trigger: { type: 'default' } },
      'globalWindow',
    );
    expect(explain(doc, null).windows[0]).toMatchObject({
      window: null,
      needs: { type: 'never' },
      causes: [{ type: 'neverTrigger', fix: 'w' }],
    });
  });

  test('a fired window kept for allowed lateness', () => {
    const doc = pipeline(
      {
        id: 'tl',
        kind: 'timeline',
        config: { steps: [rec(100, 1, 'a'), wm(1500), adv(10)] },
      },
      { size: 1000, allowedLateness: 2000 },
    );
    expect(explain(doc, null).windows[0]).toMatchObject({
      window: { start: 0, end: 1000 },
      watermark: 1500,
      causes: [{ type: 'firedKeptForLateness', cleanup: 2999 }],
    });
  });

  test('a two-input join: the right input has sent no watermark yet', () => {
    const left: N = { id: 'l', kind: 'timeline', config: { steps: [rec(100, 1, 'a'), wm(3000)] } };
    const right: N = { id: 'r', kind: 'timeline', config: { steps: [rec(200, 2, 'a')] } };
    const doc = makeDoc(
      [
        left,
        right,
        { id: 'kl', kind: 'keyBy' },
        { id: 'kr', kind: 'keyBy' },
        { id: 'j', kind: 'windowJoin', config: { size: 1000 } },
        { id: 'out', kind: 'tableSink' },
      ],
      [
        { from: 'l', to: 'kl' },
        { from: 'r', to: 'kr' },
        { from: 'kl', to: 'j', partitioning: 'hash', toPort: 'left' },
        { from: 'kr', to: 'j', partitioning: 'hash', toPort: 'right' },
        { from: 'j', to: 'out' },
      ] as E[],
    );
    const facts = factsOf(at(doc, null), 'j');
    expect(explainLanes(doc, facts, place('j'))).toEqual([
      {
        ...laneRef('kl', 0, 'j', 0, 'e2', 'left'),
        watermark: 3000,
        status: 'active',
        counted: true,
        holding: false,
      },
      {
        ...laneRef('kr', 0, 'j', 0, 'e3', 'right'),
        watermark: null,
        status: 'active',
        counted: true,
        holding: true,
      },
    ]);
  });
});
