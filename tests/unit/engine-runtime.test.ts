import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createSimulation, MAX_WATERMARK, subtaskForKey } from '../../src/lib/engine';
import type { TraceEvent } from '../../src/lib/engine';
import { OPERATORS } from '../../src/lib/engine/operators';
import { adv, end, makeDoc, rec, wm } from './engine-helpers';

type WmEvent = Extract<TraceEvent, { type: 'watermark' }>;
const wmsOf = (events: TraceEvent[], node: string, subtask = 0) =>
  events.filter(
    (e): e is WmEvent => e.type === 'watermark' && e.node === node && e.subtask === subtask,
  );

function timelineToSink(
  steps: unknown[],
  extra: { id: string; kind: string; config?: Record<string, unknown> }[] = [],
  settings = {},
) {
  const nodes = [
    { id: 't', kind: 'timeline', config: { steps } },
    ...extra,
    { id: 's', kind: 'tableSink' },
  ];
  const edges = nodes.slice(1).map((n, i) => ({ from: nodes[i].id, to: n.id }));
  return makeDoc(nodes, edges, settings);
}

describe('timeline source', () => {
  test('reproduces the scripted records, watermarks and clock exactly', () => {
    const doc = timelineToSink([
      rec(1000, 'a', 'k'),
      rec(500, 'b'),
      wm(999),
      adv(100),
      rec(2000, 'c'),
      end,
    ]);
    const sim = createSimulation(doc, { trace: true });
    sim.run();
    expect(sim.finished).toBe(true);
    expect(sim.sinkRecords().get('s')).toEqual([
      { sink: 's', subtask: 0, key: 'k', value: 'a', timestamp: 1000, processingTime: 0 },
      { sink: 's', subtask: 0, key: null, value: 'b', timestamp: 500, processingTime: 0 },
      { sink: 's', subtask: 0, key: null, value: 'c', timestamp: 2000, processingTime: 100 },
    ]);
    const ev = sim.trace().events;
    expect(wmsOf(ev, 's').map((e) => [e.time, e.watermark])).toEqual([
      [0, 999],
      [100, MAX_WATERMARK],
    ]);
    expect(sim.status().find((s) => s.node === 's')!.watermark).toBe(MAX_WATERMARK);
  });

  test('without end the input stays open: no MAX watermark, not finished', () => {
    const sim = createSimulation(timelineToSink([rec(5), wm(10)]));
    sim.run();
    expect(sim.finished).toBe(false);
    expect(sim.status().find((s) => s.node === 's')!.watermark).toBe(10);
  });

  test('status reports null watermarks before any arrive', () => {
    const sim = createSimulation(timelineToSink([adv(50), rec(5), end]));
    const st = sim.status().find((s) => s.node === 's')!;
    expect(st.watermark).toBeNull();
    expect(st.inputWatermarks[0].watermark).toBeNull();
  });
});

describe('watermark strategies', () => {
  test('bounded out-of-orderness: watermark = max − d − 1 (punctuated)', () => {
    const doc = timelineToSink(
      [rec(1000), rec(500), rec(2000), end],
      [
        {
          id: 'w',
          kind: 'watermarks',
          config: { strategy: { type: 'boundedOutOfOrderness', maxOutOfOrderness: 200 } },
        },
      ],
      { autoWatermarkInterval: 0 },
    );
    const sim = createSimulation(doc, { trace: true });
    sim.run();
    expect(wmsOf(sim.trace().events, 'w').map((e) => e.watermark)).toEqual([
      799,
      1799,
      MAX_WATERMARK,
    ]);
  });

  test('monotonous: watermark = max − 1; the assigner ignores upstream watermarks but MAX', () => {
    const doc = timelineToSink(
      [rec(1000), wm(5000), rec(3000), end],
      [
        {
          id: 'w',
          kind: 'watermarks',
          config: { timestamp: 'value + 1', strategy: { type: 'monotonous' } },
        },
      ],
      { autoWatermarkInterval: 0 },
    );
    const sim = createSimulation(doc, { trace: true });
    sim.run();
    expect(wmsOf(sim.trace().events, 'w').map((e) => e.watermark)).toEqual([
      1000,
      3000,
      MAX_WATERMARK,
    ]);
    expect(
      sim
        .sinkRecords()
        .get('s')!
        .map((r) => r.timestamp),
    ).toEqual([1001, 3001]);
  });

  test('periodic emission every autoWatermarkInterval, only when it advances', () => {
    const doc = makeDoc(
      [
        {
          id: 'g',
          kind: 'generator',
          config: {
            count: 10,
            rate: 10,
            outOfOrderness: { distribution: 'none' },
            watermarks: { type: 'boundedOutOfOrderness', maxOutOfOrderness: 50 },
          },
        },
        { id: 's', kind: 'tableSink' },
      ],
      [{ from: 'g', to: 's' }],
      { autoWatermarkInterval: 200 },
    );
    const sim = createSimulation(doc, { trace: true });
    sim.run();
    const w = wmsOf(sim.trace().events, 'g').map((e) => [e.time, e.watermark]);
    // records at 0,100,…,900 with timestamp = emission time; the probe at 200 runs before the
    // record of 200 (it was scheduled first), so it sees max 100.
    expect(w).toEqual([
      [200, 49],
      [400, 249],
      [600, 449],
      [800, 649],
      [900, MAX_WATERMARK],
    ]);
  });

  test('idleness: an idle source does not hold back the union; it becomes active with its next record', () => {
    const doc = makeDoc(
      [
        {
          id: 'a',
          kind: 'generator',
          config: {
            count: 20,
            rate: 10,
            outOfOrderness: { distribution: 'none' },
            idle: [{ from: 500, to: 1500 }],
            watermarks: { type: 'boundedOutOfOrderness', maxOutOfOrderness: 0, idleness: 300 },
          },
        },
        {
          id: 'b',
          kind: 'generator',
          config: {
            count: 30,
            rate: 10,
            outOfOrderness: { distribution: 'none' },
            watermarks: { type: 'boundedOutOfOrderness', maxOutOfOrderness: 0 },
          },
        },
        { id: 'u', kind: 'union' },
        { id: 's', kind: 'tableSink' },
      ],
      [
        { from: 'a', to: 'u' },
        { from: 'b', to: 'u' },
        { from: 'u', to: 's' },
      ],
      { autoWatermarkInterval: 100 },
    );
    const sim = createSimulation(doc, { trace: true });
    sim.runUntil(1400);
    const st = sim.status();
    const u = st.find((s) => s.node === 'u')!;
    const fromA = u.inputWatermarks.find((c) => c.from.node === 'a')!;
    expect(fromA.idle).toBe(true);
    expect(fromA.watermark).toBe(399);
    expect(u.watermark).toBeGreaterThan(1000); // follows b alone
    const idles = sim.trace().events.filter((e) => e.type === 'idle' && e.node === 'a');
    // Flink's IdlenessTimer, probed every 100 ms (each probe runs before the record of the same
    // ms): the probe at 500 still sees the record of 400, the probe at 600 starts the inactivity
    // clock, and the first probe more than 300 ms later (1000) marks the source idle.
    expect(idles.map((e) => [e.time, (e as { idle: boolean }).idle])).toEqual([[1000, true]]);
    sim.runUntil(1600);
    const again = sim.trace().events.filter((e) => e.type === 'idle' && e.node === 'a');
    expect(again.at(-1)).toMatchObject({ time: 1500, idle: false });
    sim.run();
    expect(sim.finished).toBe(true);
    expect(sim.sinkRecords().get('s')!.length).toBe(50);
  });

  test('union: the watermark is the minimum over its inputs, monotone, MAX at the end', () => {
    const t1 = [wm(100), adv(10), wm(300)];
    const t2 = [adv(5), wm(200), end];
    const doc = makeDoc(
      [
        { id: 't1', kind: 'timeline', config: { steps: t1 } },
        { id: 't2', kind: 'timeline', config: { steps: t2 } },
        { id: 'u', kind: 'union' },
        { id: 's', kind: 'tableSink' },
      ],
      [
        { from: 't1', to: 'u' },
        { from: 't2', to: 'u' },
        { from: 'u', to: 's' },
      ],
    );
    const sim = createSimulation(doc, { trace: true });
    sim.run();
    expect(wmsOf(sim.trace().events, 'u').map((e) => [e.time, e.watermark])).toEqual([
      [5, 100],
      [10, 300],
    ]);
    // t2 ended with MAX; t1 is still open, so the union holds at 300.
    expect(sim.status().find((s) => s.node === 'u')!.watermark).toBe(300);
  });
});

describe('time characteristics', () => {
  const gen = { count: 20, rate: 10, outOfOrderness: { distribution: 'uniform', max: 1000 } };
  test('ingestion time: the source stamps its processing time, watermarks are automatic (max − 1)', () => {
    const doc = makeDoc(
      [
        { id: 'g', kind: 'generator', config: gen },
        { id: 's', kind: 'tableSink' },
      ],
      [{ from: 'g', to: 's' }],
      {
        timeCharacteristic: 'ingestion',
        autoWatermarkInterval: 0,
      },
    );
    const sim = createSimulation(doc, { trace: true });
    sim.run();
    const out = sim.sinkRecords().get('s')!;
    expect(out.length).toBe(20);
    for (const r of out) expect(r.timestamp).toBe(r.processingTime);
    const w = wmsOf(sim.trace().events, 'g').map((e) => e.watermark);
    expect(w).toEqual([
      ...out.map((r) => r.timestamp! - 1).filter((x, i, a) => a.indexOf(x) === i),
      MAX_WATERMARK,
    ]);
  });

  test('processing time: no timestamps, no watermarks but the final MAX', () => {
    const doc = makeDoc(
      [
        { id: 'g', kind: 'generator', config: gen },
        { id: 's', kind: 'tableSink' },
      ],
      [{ from: 'g', to: 's' }],
      {
        timeCharacteristic: 'processing',
      },
    );
    const sim = createSimulation(doc, { trace: true });
    sim.run();
    expect(
      sim
        .sinkRecords()
        .get('s')!
        .every((r) => r.timestamp === null),
    ).toBe(true);
    expect(wmsOf(sim.trace().events, 'g').map((e) => e.watermark)).toEqual([MAX_WATERMARK]);
  });
});

describe('file source', () => {
  test('CSV rows become records with key and event time from the chosen fields', () => {
    const doc = makeDoc(
      [
        {
          id: 'f',
          kind: 'file',
          config: {
            format: 'csv',
            content: 'ts,user,v\n1000,a,1\n500,b,2.5\n',
            timestampField: 'ts',
            keyField: 'user',
            rate: 10,
          },
        },
        { id: 's', kind: 'tableSink' },
      ],
      [{ from: 'f', to: 's' }],
    );
    const sim = createSimulation(doc);
    sim.run();
    expect(sim.sinkRecords().get('s')).toEqual([
      {
        sink: 's',
        subtask: 0,
        key: 'a',
        value: { ts: 1000, user: 'a', v: 1 },
        timestamp: 1000,
        processingTime: 0,
      },
      {
        sink: 's',
        subtask: 0,
        key: 'b',
        value: { ts: 500, user: 'b', v: 2.5 },
        timestamp: 500,
        processingTime: 100,
      },
    ]);
  });
  test('JSON lines', () => {
    const doc = makeDoc(
      [
        {
          id: 'f',
          kind: 'file',
          config: {
            format: 'jsonl',
            content: '{"t":7,"k":"x"}\n{"t":9,"k":"y"}',
            timestampField: 't',
            keyField: 'k',
          },
        },
        { id: 's', kind: 'tableSink' },
      ],
      [{ from: 'f', to: 's' }],
    );
    const sim = createSimulation(doc);
    sim.run();
    expect(
      sim
        .sinkRecords()
        .get('s')!
        .map((r) => [r.key, r.timestamp]),
    ).toEqual([
      ['x', 7],
      ['y', 9],
    ]);
  });
});

function pipeline(
  seed: number,
  p1: number,
  p2: number,
  part: 'rebalance' | 'hash' | 'broadcast',
  count = 40,
) {
  const nodes = [
    {
      id: 'g',
      kind: 'generator',
      parallelism: p1,
      config: { count, rate: 50, keys: { count: 7 } },
    },
    { id: 'k', kind: 'keyBy', parallelism: p1 },
    { id: 'm', kind: 'map', parallelism: p2, config: { expression: 'value + 1' } },
    { id: 's', kind: 'tableSink', parallelism: p2 },
  ];
  return makeDoc(
    nodes,
    [
      { from: 'g', to: 'k' },
      { from: 'k', to: 'm', partitioning: part },
      { from: 'm', to: 's' },
    ].map((e) => (part !== 'hash' && e.from === 'k' ? e : e)),
    { seed },
  );
}

describe('determinism', () => {
  test('same document and seed give the same trace and sinks; another seed differs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        (seed, p1, p2) => {
          const doc = pipeline(seed, p1, p2, 'hash');
          const a = createSimulation(doc, { trace: true });
          const b = createSimulation(doc, { trace: true });
          a.run();
          b.run();
          expect(JSON.stringify(a.trace())).toBe(JSON.stringify(b.trace()));
          expect(JSON.stringify([...a.sinkRecords()])).toBe(JSON.stringify([...b.sinkRecords()]));
          const c = createSimulation(doc, { trace: true, seed: seed + 1 });
          c.run();
          expect(JSON.stringify([...c.sinkRecords()])).not.toBe(
            JSON.stringify([...a.sinkRecords()]),
          );
        },
      ),
      { numRuns: 20 },
    );
  });
});

describe('partitioning', () => {
  test('no record is lost or duplicated, for any parallelism and partitioning', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom('rebalance' as const, 'hash' as const, 'broadcast' as const),
        fc.integer({ min: 0, max: 60 }),
        (seed, p1, p2, part, count) => {
          const doc =
            part === 'hash'
              ? pipeline(seed, p1, p2, part, count)
              : makeDoc(
                  [
                    { id: 'g', kind: 'generator', parallelism: p1, config: { count, rate: 50 } },
                    { id: 'm', kind: 'map', parallelism: p2, config: { expression: 'value + 1' } },
                    { id: 's', kind: 'tableSink', parallelism: p2 },
                  ],
                  [
                    { from: 'g', to: 'm', partitioning: part },
                    { from: 'm', to: 's' },
                  ],
                  { seed },
                );
          const sim = createSimulation(doc, { trace: true });
          sim.run();
          expect(sim.finished).toBe(true);
          const emitted = sim
            .trace()
            .events.filter((e) => e.type === 'emit' && e.node === 'g')
            .map((e) =>
              JSON.stringify([
                (e as { key: unknown }).key,
                (e as { value: number }).value + 1,
                (e as { timestamp: unknown }).timestamp,
              ]),
            )
            .sort();
          const copies = part === 'broadcast' ? p2 : 1;
          const expected = emitted.flatMap((x) => Array<string>(copies).fill(x)).sort();
          const got = [...sim.sinkRecords().get('s')!]
            .map((r) => JSON.stringify([r.key, r.value, r.timestamp]))
            .sort();
          expect(emitted.length).toBe(count);
          expect(got).toEqual(expected);
        },
      ),
      { numRuns: 60 },
    );
  });

  test('hash: every key goes to exactly one subtask, the one Flink assigns', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 5 }), (seed, p2) => {
        const sim = createSimulation(pipeline(seed, 2, p2, 'hash', 100));
        sim.run();
        const where = new Map<unknown, Set<number>>();
        for (const r of sim.sinkRecords().get('s')!) {
          if (!where.has(r.key)) where.set(r.key, new Set());
          where.get(r.key)!.add(r.subtask);
        }
        for (const [key, subs] of where) {
          expect([...subs]).toEqual([subtaskForKey(key, 128, p2)]);
        }
      }),
      { numRuns: 30 },
    );
  });

  test('rebalance is round robin per sender, from a seeded start', () => {
    const doc = makeDoc(
      [
        {
          id: 't',
          kind: 'timeline',
          config: { steps: [...Array.from({ length: 9 }, (_, i) => rec(i, i)), end] },
        },
        { id: 'm', kind: 'map', parallelism: 3 },
        { id: 's', kind: 'tableSink', parallelism: 3 },
      ],
      [
        { from: 't', to: 'm', partitioning: 'rebalance' },
        { from: 'm', to: 's' },
      ],
    );
    const sim = createSimulation(doc);
    sim.run();
    const out = sim.sinkRecords().get('s')!;
    const sub = (v: number) => out.find((r) => r.value === v)!.subtask;
    for (let v = 0; v < 9; v++) expect(sub(v)).toBe((sub(0) + v) % 3);
  });

  test('each channel is FIFO', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10000 }), { maxLength: 40 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 5 }),
        (tss, p, cost) => {
          const steps = [...tss.flatMap((t, i) => [rec(t, i), adv(1 + (t % 3))]), end];
          const doc = makeDoc(
            [
              { id: 't', kind: 'timeline', config: { steps } },
              { id: 'm', kind: 'map', parallelism: p },
              { id: 's', kind: 'tableSink', parallelism: p },
            ],
            [
              { from: 't', to: 'm', partitioning: 'rebalance' },
              { from: 'm', to: 's', partitioning: 'rebalance' },
            ],
          );
          const sim = createSimulation(doc, { trace: true, costs: { m: cost } });
          sim.run();
          const ev = sim.trace().events;
          const sent = new Map<string, unknown[]>();
          const recv = new Map<string, unknown[]>();
          for (const e of ev) {
            if (e.type === 'receive') {
              const ch = `${e.from.node}/${e.from.subtask}->${e.node}/${e.subtask}`;
              if (!recv.has(ch)) recv.set(ch, []);
              recv.get(ch)!.push(e.value);
            }
          }
          // Per channel, values arrive in the order the sender emitted them (values are unique).
          for (const [ch, vals] of recv) {
            const [from] = ch.split('->');
            const emitted = ev
              .filter((e) => e.type === 'emit' && `${e.node}/${e.subtask}` === from)
              .map((e) => (e as { value: unknown }).value);
            const order = vals.map((v) => emitted.indexOf(v));
            expect(order).toEqual([...order].sort((a, b) => a - b));
            sent.set(ch, vals);
          }
          expect(sim.sinkRecords().get('s')!.length).toBe(tss.length);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('watermarks in parallel pipelines', () => {
  test('never go back on any subtask or channel', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 300 }),
        (seed, p1, p2, interval) => {
          const doc = makeDoc(
            [
              {
                id: 'g',
                kind: 'generator',
                parallelism: p1,
                config: {
                  count: 60,
                  rate: 20,
                  late: { share: 0.2, by: 3000 },
                  watermarks: {
                    type: 'boundedOutOfOrderness',
                    maxOutOfOrderness: 300,
                    idleness: 200,
                  },
                  idle: [{ from: 300, to: 900 }],
                },
              },
              { id: 'm', kind: 'map', parallelism: p2 },
              { id: 'u', kind: 'union', parallelism: p2 },
              { id: 's', kind: 'tableSink', parallelism: p2 },
            ],
            [
              { from: 'g', to: 'm', partitioning: 'rebalance' },
              { from: 'm', to: 'u' },
              { from: 'u', to: 's', partitioning: 'broadcast' },
            ],
            { seed, autoWatermarkInterval: interval },
          );
          const sim = createSimulation(doc, { trace: true, costs: { m: 3 } });
          const last = new Map<string, number>();
          while (sim.step()) {
            for (const st of sim.status()) {
              for (const c of st.inputWatermarks) {
                const id = `${c.from.node}/${c.from.subtask}->${st.node}/${st.subtask}`;
                if (c.watermark !== null) {
                  expect(c.watermark).toBeGreaterThanOrEqual(last.get(id) ?? -Infinity);
                  last.set(id, c.watermark);
                }
              }
            }
          }
          const per = new Map<string, number>();
          for (const e of sim.trace().events) {
            if (e.type !== 'watermark') continue;
            const id = `${e.node}/${e.subtask}`;
            expect(e.watermark).toBeGreaterThan(per.get(id) ?? -Infinity);
            per.set(id, e.watermark);
          }
          expect(sim.finished).toBe(true);
          for (const st of sim.status()) expect(st.watermark).toBe(MAX_WATERMARK);
        },
      ),
      { numRuns: 15 },
    );
    // Fifteen runs that read every channel's watermark after every event: slow on a busy machine.
  }, 30_000);
});

describe('backpressure and cost', () => {
  test('a slow operator fills a bounded buffer and slows the source down', () => {
    const build = (bufferCapacity: number | null) =>
      makeDoc(
        [
          { id: 'g', kind: 'generator', config: { count: 50, rate: 1000 } },
          { id: 'm', kind: 'map' },
          { id: 's', kind: 'tableSink' },
        ],
        [
          { from: 'g', to: 'm', partitioning: 'rebalance' },
          { from: 'm', to: 's' },
        ],
        { bufferCapacity },
      );
    const free = createSimulation(build(null), { trace: true, costs: { m: 10 } });
    let maxBuffered = 0;
    while (free.step()) maxBuffered = Math.max(maxBuffered, free.status()[1].buffered);
    expect(maxBuffered).toBeGreaterThan(10);
    const lastEmit = (sim: typeof free) =>
      Math.max(
        ...sim
          .trace()
          .events.filter((e) => e.type === 'emit' && e.node === 'g')
          .map((e) => e.time),
      );
    expect(lastEmit(free)).toBe(49);

    const bounded = createSimulation(build(2), { trace: true, costs: { m: 10 } });
    maxBuffered = 0;
    while (bounded.step()) maxBuffered = Math.max(maxBuffered, bounded.status()[1].buffered);
    expect(maxBuffered).toBeLessThanOrEqual(2);
    expect(lastEmit(bounded)).toBeGreaterThan(400);
    const out = bounded.sinkRecords().get('s')!;
    expect(out.length).toBe(50);
    expect(out.at(-1)!.processingTime).toBe(500); // 50 records × 10 ms, served one at a time
    expect(bounded.finished).toBe(true);
  });
});

describe('user logic', () => {
  test('a throwing expression is an error naming the node; the run goes on', () => {
    const doc = timelineToSink(
      [rec(1, 1), rec(2, { x: { y: 5 } }), end],
      [{ id: 'm', kind: 'map', config: { expression: 'value.x.y' } }],
    );
    const sim = createSimulation(doc, { trace: true });
    sim.run();
    expect(sim.finished).toBe(true);
    expect(
      sim
        .sinkRecords()
        .get('s')!
        .map((r) => r.value),
    ).toEqual([5]);
    expect(sim.errors()).toHaveLength(1);
    expect(sim.errors()[0].message).toMatch(/node m \(subtask 0\): TypeError/);
    expect(sim.trace().events.some((e) => e.type === 'error' && e.node === 'm')).toBe(true);
  });

  test('an expression that does not compile is refused when the simulation is created', () => {
    const doc = timelineToSink(
      [end],
      [{ id: 'm', kind: 'map', config: { expression: 'value +' } }],
    );
    expect(() => createSimulation(doc)).toThrow(/node m, config.expression/);
  });

  test('filter, flatMap and keyBy', () => {
    const doc = timelineToSink(
      [rec(1, 1), rec(2, 2), rec(3, 3), end],
      [
        { id: 'f', kind: 'filter', config: { expression: 'value % 2 === 1' } },
        { id: 'fm', kind: 'flatMap', config: { expression: '[value, value * 10]' } },
      ],
    );
    const sim = createSimulation(doc);
    sim.run();
    expect(
      sim
        .sinkRecords()
        .get('s')!
        .map((r) => [r.value, r.timestamp]),
    ).toEqual([
      [1, 1],
      [10, 1],
      [3, 3],
      [30, 3],
    ]);
  });

  test('window kinds are refused until they are registered', () => {
    if ('tumblingWindow' in OPERATORS) return;
    const doc = makeDoc(
      [
        { id: 't', kind: 'timeline' },
        { id: 'k', kind: 'keyBy' },
        { id: 'w', kind: 'tumblingWindow' },
        { id: 's', kind: 'tableSink' },
      ],
      [
        { from: 't', to: 'k' },
        { from: 'k', to: 'w', partitioning: 'hash' },
        { from: 'w', to: 's' },
      ],
    );
    expect(() => createSimulation(doc)).toThrow(/node w.*window/);
  });
});

describe('trace', () => {
  test('is bounded by traceLimit and counts what it dropped', () => {
    const doc = makeDoc(
      [
        { id: 'g', kind: 'generator', config: { count: 100 } },
        { id: 's', kind: 'tableSink' },
      ],
      [{ from: 'g', to: 's' }],
    );
    const full = createSimulation(doc, { trace: true });
    full.run();
    const all = full.trace().events;
    const small = createSimulation(doc, { trace: true, traceLimit: 10 });
    small.run();
    const t = small.trace();
    expect(t.events).toEqual(all.slice(-10));
    expect(t.dropped).toBe(all.length - 10);
    const off = createSimulation(doc);
    off.run();
    expect(off.trace()).toEqual({ events: [], dropped: 0 });
    expect(off.sinkRecords()).toEqual(full.sinkRecords());
  });

  test('sinkLimit keeps the latest records; status still counts all', () => {
    const doc = makeDoc(
      [
        { id: 'g', kind: 'generator', config: { count: 100 } },
        { id: 's', kind: 'tableSink' },
      ],
      [{ from: 'g', to: 's' }],
    );
    const all = createSimulation(doc);
    all.run();
    const some = createSimulation(doc, { sinkLimit: 7 });
    some.run();
    expect(some.sinkRecords().get('s')).toEqual(all.sinkRecords().get('s')!.slice(-7));
    const none = createSimulation(doc, { sinkLimit: 0 });
    none.run();
    expect(none.sinkRecords().get('s')).toEqual([]);
    expect(none.status()[1].recordsIn).toBe(100);
  });

  test('run(maxEvents) and step give the same result as run()', () => {
    const doc = makeDoc(
      [
        { id: 'g', kind: 'generator', parallelism: 2, config: { count: 300, rate: 5000 } },
        { id: 'm', kind: 'map', parallelism: 3 },
        { id: 's', kind: 'tableSink', parallelism: 3 },
      ],
      [
        { from: 'g', to: 'm', partitioning: 'rebalance' },
        { from: 'm', to: 's' },
      ],
    );
    const a = createSimulation(doc, { trace: true });
    a.run();
    const b = createSimulation(doc, { trace: true });
    while (b.run(7) > 0);
    expect(b.eventCount).toBe(a.eventCount);
    expect(JSON.stringify(b.trace())).toBe(JSON.stringify(a.trace()));
  });
});
