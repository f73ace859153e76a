import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../src/lib/engine';
import { exampleDocument } from '../../src/lib/pipeline';
import { sliding, tumbling, windowStart } from '../../src/lib/engine/windows/assigners';
import { adv, end, makeDoc, rec, wm } from './engine-helpers';
import { res, results as paneResults, windowed } from './window-helpers';

/** Results as {key, value, timestamp}. */
function results(doc: ReturnType<typeof windowed>, sink = 'out') {
  return paneResults(doc, sink).map(({ key, value, timestamp }) => ({ key, value, timestamp }));
}

/** Results with their window and firing. */
const paneRows = (doc: ReturnType<typeof windowed>) => paneResults(doc);

describe('window assigners (Flink TimeWindow rules)', () => {
  it('tumbling windows start at multiples of the size, shifted by the offset, also for negative times', () => {
    expect(tumbling(4999, 5000, 0)).toEqual([{ start: 0, end: 5000 }]);
    expect(tumbling(5000, 5000, 0)).toEqual([{ start: 5000, end: 10000 }]);
    expect(tumbling(1200, 5000, 1000)).toEqual([{ start: 1000, end: 6000 }]);
    expect(windowStart(-1, 0, 5000)).toBe(-5000);
  });
  it('sliding windows: each element is in size / slide windows', () => {
    expect(sliding(7000, 10000, 5000, 0)).toEqual([
      { start: 5000, end: 15000 },
      { start: 0, end: 10000 },
    ]);
  });
});

describe('window scenarios', () => {
  const tumble = { kind: 'tumblingWindow', config: { size: 5000, function: { type: 'sum' } } };

  it('a tumbling sum fires when the watermark reaches end − 1, with timestamp end − 1', () => {
    const doc = windowed(
      [rec(1000, 1, 'a'), rec(3000, 2, 'a'), rec(6000, 5, 'a'), wm(4998), wm(4999), end],
      tumble,
    );
    expect(results(doc)).toEqual([
      { key: 'a', value: 3, timestamp: 4999 },
      { key: 'a', value: 5, timestamp: 9999 },
    ]);
  });

  it('a record behind the watermark with no allowed lateness goes to the late side output', () => {
    const doc = windowed([rec(1000, 1, 'a'), wm(5000), rec(2000, 7, 'a'), end], tumble, {
      late: true,
    });
    expect(results(doc)).toEqual([{ key: 'a', value: 1, timestamp: 4999 }]);
    expect(results(doc, 'lateOut')).toEqual([{ key: 'a', value: 7, timestamp: 2000 }]);
  });

  it('with allowed lateness a late record causes a late firing with the updated result', () => {
    const doc = windowed(
      [
        rec(1000, 1, 'a'),
        wm(5000),
        rec(2000, 7, 'a'),
        wm(6998),
        rec(3000, 10, 'a'),
        wm(6999),
        rec(4000, 100, 'a'),
        end,
      ],
      {
        kind: 'tumblingWindow',
        config: { size: 5000, allowedLateness: 2000, function: { type: 'sum' } },
      },
      { late: true },
    );
    // Cleanup at 4999 + 2000 = 6999: the last record is past it.
    expect(results(doc)).toEqual([
      { key: 'a', value: 1, timestamp: 4999 },
      { key: 'a', value: 8, timestamp: 4999 },
      { key: 'a', value: 18, timestamp: 4999 },
    ]);
    expect(results(doc, 'lateOut').map((r) => r.value)).toEqual([100]);
  });

  it('session windows merge and fire once per session', () => {
    const doc = windowed(
      [rec(1000, 1, 'a'), rec(2500, 1, 'a'), rec(9000, 1, 'a'), rec(1800, 1, 'a'), end],
      { kind: 'sessionWindow', config: { gap: 2000, function: { type: 'count' } } },
    );
    expect(results(doc)).toEqual([
      { key: 'a', value: 3, timestamp: 4499 },
      { key: 'a', value: 1, timestamp: 10999 },
    ]);
  });

  it('count windows fire every N elements per key', () => {
    const doc = windowed(
      [
        rec(1, 1, 'a'),
        rec(2, 2, 'b'),
        rec(3, 3, 'a'),
        rec(4, 4, 'a'),
        rec(5, 5, 'a'),
        adv(10),
        end,
      ],
      { kind: 'countWindow', config: { size: 2, function: { type: 'sum' } } },
    );
    expect(results(doc).map((r) => [r.key, r.value])).toEqual([
      ['a', 4],
      ['a', 9],
    ]);
  });

  it('the example pipeline runs to the end and every result is a window sum at end − 1', () => {
    const sim = createSimulation(exampleDocument());
    sim.run();
    const rows = sim.sinkRecords().get('results')!;
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect((r.timestamp! + 1) % 5000).toBe(0);
  });
});

describe('window assigners, run end to end', () => {
  it('tumbling with an offset: windows start at offset + k × size', () => {
    const doc = windowed([rec(500, 1, 'a'), rec(1200, 1, 'a'), rec(5999, 1, 'a'), end], {
      kind: 'tumblingWindow',
      config: { size: 5000, offset: 1000 },
    });
    expect(results(doc)).toEqual([
      { key: 'a', value: 1, timestamp: 999 },
      { key: 'a', value: 2, timestamp: 5999 },
    ]);
  });

  it('sliding: every element is counted in each of its size / slide windows', () => {
    const doc = windowed([rec(7000, 1, 'a'), rec(12000, 1, 'a'), end], {
      kind: 'slidingWindow',
      config: { size: 10000, slide: 5000 },
    });
    expect(paneRows(doc)).toEqual([
      res('a', 1, 0, 10000, 'on-time'),
      res('a', 2, 5000, 15000, 'on-time'),
      res('a', 1, 10000, 20000, 'on-time'),
    ]);
  });
});

describe('window functions', () => {
  // One window [0, 5000) with the values 3, 1, 2 in this order.
  const cases: [string, Record<string, unknown>, unknown][] = [
    ['count', { type: 'count' }, 3],
    ['sum', { type: 'sum' }, 6],
    ['min', { type: 'min' }, 1],
    ['max', { type: 'max' }, 3],
    ['average', { type: 'average' }, 2],
    ['reduce (in arrival order)', { type: 'reduce', expression: 'a * 10 + b' }, 312],
    [
      'aggregate (create, add, result)',
      {
        type: 'aggregate',
        create: '({ s: 0, n: 0 })',
        add: '({ s: acc.s + value, n: acc.n + 1 })',
        merge: '({ s: a.s + b.s, n: a.n + b.n })',
        result: '`${acc.s}/${acc.n}`',
      },
      '6/3',
    ],
    [
      'process (all elements, key and window)',
      { type: 'process', expression: '`${key}:${elements.join()}@${window.start}-${window.end}`' },
      'a:3,1,2@0-5000',
    ],
  ];
  for (const [name, fn, expected] of cases) {
    it(name, () => {
      const doc = windowed([rec(100, 3, 'a'), rec(200, 1, 'a'), rec(300, 2, 'a'), end], {
        kind: 'tumblingWindow',
        config: { size: 5000, function: fn },
      });
      expect(paneRows(doc)).toEqual([res('a', expected, 0, 5000, 'on-time')]);
    });
  }

  it('sum, min, max and average read a field of object values', () => {
    const steps = [rec(100, { n: 4 }, 'a'), rec(200, { n: 10 }, 'a'), end];
    const run = (type: string) =>
      results(
        windowed(steps, {
          kind: 'tumblingWindow',
          config: { size: 5000, function: { type, field: 'n' } },
        }),
      )[0].value;
    expect(['sum', 'min', 'max', 'average'].map(run)).toEqual([14, 4, 10, 7]);
  });
});

describe('windowAll (non-keyed windows)', () => {
  it('puts every record in one window, whatever its key, and emits results with key null', () => {
    const doc = makeDoc(
      [
        { id: 'src', kind: 'timeline', config: { steps: [rec(1, 1, 'a'), rec(2, 2, 'b'), end] } },
        { id: 'spread', kind: 'map', parallelism: 2, config: { expression: 'value' } },
        {
          id: 'w',
          kind: 'tumblingWindow',
          config: { size: 5000, nonKeyed: true, function: { type: 'sum' } },
        },
        { id: 'out', kind: 'tableSink' },
      ],
      [
        { from: 'src', to: 'spread', partitioning: 'rebalance' },
        { from: 'spread', to: 'w', partitioning: 'rebalance' },
        { from: 'w', to: 'out' },
      ],
    );
    // The two records go through different map subtasks; the windowAll subtask sees both.
    expect(paneRows(doc)).toEqual([res(null, 3, 0, 5000, 'on-time')]);
  });

  it('countWindowAll counts across keys', () => {
    const doc = makeDoc(
      [
        {
          id: 'src',
          kind: 'timeline',
          config: { steps: [rec(1, 1, 'a'), rec(2, 2, 'b'), rec(3, 4, 'c'), end] },
        },
        {
          id: 'w',
          kind: 'countWindow',
          config: { size: 2, nonKeyed: true, function: { type: 'sum' } },
        },
        { id: 'out', kind: 'tableSink' },
      ],
      [
        { from: 'src', to: 'w' },
        { from: 'w', to: 'out' },
      ],
    );
    expect(results(doc)).toEqual([{ key: null, value: 3, timestamp: Number.MAX_SAFE_INTEGER }]);
  });
});

describe('window bounds and firing reach the sink', () => {
  const through = (kind: string, config: Record<string, unknown>) =>
    makeDoc(
      [
        { id: 'src', kind: 'timeline', config: { steps: [rec(1000, 1, 'a'), end] } },
        { id: 'k', kind: 'keyBy', config: { expression: 'key' } },
        { id: 'w', kind: 'tumblingWindow', config: { size: 5000 } },
        { id: 'op', kind, config },
        { id: 'out', kind: 'tableSink' },
      ],
      [
        { from: 'src', to: 'k' },
        { from: 'k', to: 'w', partitioning: 'hash' },
        { from: 'w', to: 'op' },
        { from: 'op', to: 'out', partitioning: kind === 'keyBy' ? 'hash' : 'forward' },
      ],
    );

  it('through record-preserving operators (filter, union, keyBy)', () => {
    for (const [kind, config] of [
      ['filter', { expression: 'true' }],
      ['union', {}],
      ['keyBy', { expression: '"all"' }],
    ] as const) {
      const [row] = paneRows(through(kind, config));
      expect(row, kind).toMatchObject({ window: { start: 0, end: 5000 }, firing: 'on-time' });
    }
  });

  it('not through a map, which makes a new record (only the timestamp travels, as in Flink)', () => {
    expect(paneRows(through('map', { expression: 'value * 2' }))).toEqual([
      { key: 'a', value: 2, timestamp: 4999 },
    ]);
  });
});

describe('window trace', () => {
  it('records create, add, fire (with the firing), cleanup and the timers', () => {
    const doc = windowed([rec(1000, 1, 'a'), rec(2000, 2, 'a'), wm(4999), end], {
      kind: 'tumblingWindow',
      config: { size: 5000, function: { type: 'sum' } },
    });
    const sim = createSimulation(doc, { trace: true });
    sim.run();
    const seen = sim
      .trace()
      .events.filter((e) => e.node === 'w' && (e.type === 'window' || e.type === 'timer'))
      .map((e) =>
        e.type === 'window'
          ? `${e.action} [${e.start},${e.end})${e.value !== undefined ? ` ${String(e.value)}` : ''}${e.firing ? ` ${e.firing}` : ''}`
          : e.type === 'timer'
            ? `timer ${e.action} ${e.at}`
            : '',
      );
    expect(seen).toEqual([
      'create [0,5000)',
      'add [0,5000) 1',
      'timer set 4999',
      'add [0,5000) 2',
      'timer fire 4999',
      'fire [0,5000) 3 on-time',
      'cleanup [0,5000)',
    ]);
  });
});
