import { describe, expect, it } from 'vitest';
import { createSimulation, MAX_WATERMARK } from '../../src/lib/engine';
import { validateDocument, type PipelineDocument } from '../../src/lib/pipeline';
import { boundedBatch } from '../../src/lib/pipeline/examples/boundedBatch';
import { keyedStateTimers } from '../../src/lib/pipeline/examples/keyedStateTimers';
import { canonical } from './checkpoints-helpers';
import { end, makeDoc, rec } from './engine-helpers';

function docOf(json: unknown, mode: 'BATCH' | 'STREAMING', edit?: (d: PipelineDocument) => void) {
  const r = validateDocument(structuredClone(json));
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
  const doc = r.doc;
  doc.settings.runtimeMode = mode;
  edit?.(doc);
  return doc;
}

const inOrder = (d: PipelineDocument) => {
  const src = d.nodes.find((n) => n.kind === 'generator')!;
  (src.config as { outOfOrderness: { max: number } }).outOfOrderness.max = 0;
};

describe('BATCH runtime mode', () => {
  it('gives the same final results as STREAMING for a bounded, in-order input', () => {
    // The process function's timeout counts depend on how the watermark advances (in BATCH it
    // jumps to +∞ at the end, as in Flink), so only its session windows are compared.
    const cases: [unknown, string[] | null][] = [
      [boundedBatch.json, null],
      [keyedStateTimers.json, ['results']],
    ];
    for (const [json, only] of cases) {
      const run = (mode: 'BATCH' | 'STREAMING') => {
        const sim = createSimulation(docOf(json, mode, inOrder));
        sim.run();
        return sim;
      };
      const batch = run('BATCH');
      const streaming = run('STREAMING');
      for (const [sink, rows] of streaming.sinkRecords()) {
        if (only && !only.includes(sink)) continue;
        expect(rows.length).toBeGreaterThan(0);
        expect(canonical(batch.sinkRecords().get(sink)!)).toEqual(canonical(rows));
      }
    }
  });

  it('needs no watermarks: the only one is +∞ at the end of input, so each window fires once, at the end', () => {
    const sim = createSimulation(docOf(boundedBatch.json, 'BATCH'), { trace: true });
    sim.run();
    const events = sim.trace().events;
    const wms = events.filter((e) => e.type === 'watermark');
    expect(wms.length).toBeGreaterThan(0);
    expect(wms.every((e) => e.type === 'watermark' && e.watermark === MAX_WATERMARK)).toBe(true);
    const fires = events.filter((e) => e.type === 'window' && e.action === 'fire');
    const lastEmit = Math.max(...events.filter((e) => e.type === 'emit').map((e) => e.time));
    expect(fires.length).toBeGreaterThan(0);
    expect(fires.every((e) => e.time >= lastEmit)).toBe(true);
    expect(events.some((e) => e.type === 'drop')).toBe(false);
    // No checkpoints in BATCH, even when the document asks for them.
    expect(sim.faultTolerance().checkpointing).toBe(false);
  });

  it('a failure replays the bounded input from the start and ends with the same results', () => {
    const clean = createSimulation(docOf(boundedBatch.json, 'BATCH'));
    clean.run();
    const failing = docOf(boundedBatch.json, 'BATCH', (d) => {
      d.settings.checkpointing.enabled = true;
      d.settings.failures = [{ at: 12_000, node: d.nodes[0].id }];
    });
    const sim = createSimulation(failing, { trace: true });
    sim.run();
    const ft = sim.faultTolerance();
    expect(ft.completed).toBe(0);
    expect(ft.restores.map((r) => [r.checkpoint, r.message])).toEqual([
      [null, 'no completed checkpoint: restarted from the beginning'],
    ]);
    // Everything emitted before the failure comes again.
    const before = sim
      .trace()
      .events.filter((e) => e.type === 'emit' && e.node === 'sales' && e.time < 12_000);
    expect(ft.replayed).toBe(before.length);
    for (const [sink, rows] of clean.sinkRecords())
      expect(canonical(sim.sinkRecords().get(sink)!)).toEqual(canonical(rows));
  });

  it("a keyed operator's input is sorted: key by key, each in timestamp order, its timers at the end of the key", () => {
    const sim = createSimulation(docOf(boundedBatch.json, 'BATCH'), { trace: true });
    sim.run();
    const events = sim.trace().events.filter((e) => e.node === 'perTen');
    // What the window operator took in, and when its windows fired, in order.
    const seen = events.flatMap((e) =>
      e.type === 'receive'
        ? [{ what: 'record', key: String(e.key), ts: e.timestamp! }]
        : e.type === 'window' && e.action === 'fire'
          ? [{ what: 'fire', key: String(e.key), ts: e.end - 1 }]
          : [],
    );
    const keys = [...new Set(seen.map((x) => x.key))];
    expect(keys).toEqual(['product-1', 'product-2', 'product-3', 'product-4']);
    for (const k of keys) {
      const mine = seen.filter((x) => x.key === k);
      const from = seen.indexOf(mine[0]);
      // One key's records and firings are contiguous: its records in timestamp order, then its
      // windows fire (the watermark is +∞ at the end of the key), in window order.
      expect(seen.slice(from, from + mine.length)).toEqual(mine);
      const records = mine.filter((x) => x.what === 'record');
      const fires = mine.filter((x) => x.what === 'fire');
      expect(mine).toEqual([...records, ...fires]);
      expect(records.map((x) => x.ts)).toEqual(records.map((x) => x.ts).sort((a, b) => a - b));
      expect(fires.map((x) => x.ts)).toEqual([9999, 19999]);
    }
    expect(
      sim
        .sinkRecords()
        .get('report')!
        .map((r) => `${String(r.key)}@${r.timestamp}`),
    ).toEqual(keys.flatMap((k) => [`${k}@9999`, `${k}@19999`]));
  });

  it('a process function sees one key at a time: the watermark is −∞ for its records, +∞ for its timers', () => {
    const steps = [
      rec(300, 1, 'b'),
      rec(100, 2, 'a'),
      rec(200, 3, 'b'),
      rec(50, 4, 'a'),
      rec(120, 5, 'c'),
      end,
    ];
    const doc = makeDoc(
      [
        { id: 'src', kind: 'timeline', config: { steps } },
        { id: 'k', kind: 'keyBy', config: { expression: 'key' } },
        {
          id: 'pf',
          kind: 'processFunction',
          config: {
            processElement: [
              "const seen = state.value('seen');",
              'seen.update((seen.value() ?? 0) + 1);',
              'ctx.timerService().registerEventTimeTimer(ctx.timestamp() + 1000);',
              'out.collect(`${ctx.getCurrentKey()} ${ctx.timestamp()} wm ${ctx.timerService().currentWatermark() < 0 ? "-inf" : "?"}`);',
            ].join('\n'),
            onTimer: [
              "out.collect(`${ctx.getCurrentKey()} timer ${timestamp} after ${state.value('seen').value()}`);",
              // Set while timers fire at the end of the key: dropped, as Flink's quiesced timer service does.
              'if (timestamp < 2000) ctx.timerService().registerEventTimeTimer(timestamp + 1);',
            ].join('\n'),
          },
        },
        { id: 'out', kind: 'tableSink' },
      ],
      [
        { from: 'src', to: 'k' },
        { from: 'k', to: 'pf', partitioning: 'hash' },
        { from: 'pf', to: 'out' },
      ],
      { runtimeMode: 'BATCH' },
    );
    const sim = createSimulation(doc);
    sim.run();
    expect(sim.errors()).toEqual([]);
    expect(
      sim
        .sinkRecords()
        .get('out')!
        .map((r) => r.value),
    ).toEqual([
      'a 50 wm -inf',
      'a 100 wm -inf',
      'a timer 1050 after 2',
      'a timer 1100 after 2',
      'b 200 wm -inf',
      'b 300 wm -inf',
      'b timer 1200 after 2',
      'b timer 1300 after 2',
      'c 120 wm -inf',
      'c timer 1120 after 1',
    ]);
  });

  it('refuses unbounded sources, naming the node and field', () => {
    const json = structuredClone(boundedBatch.json) as {
      nodes: { config?: { count?: unknown } }[];
    };
    json.nodes[0].config!.count = null;
    const r = validateDocument(json);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.problems).toContainEqual({
        nodeId: 'sales',
        field: 'config.count',
        message:
          'sales: config.count is empty (unbounded), but BATCH runtime mode needs bounded sources: give a number of events, or set settings.runtimeMode to STREAMING',
      });
  });
  it('a Watermarks node sets timestamps but generates no watermarks in BATCH: +∞ at the end is the only one', () => {
    const run = (mode: 'BATCH' | 'STREAMING') => {
      const nodes = [
        { id: 't', kind: 'timeline', config: { steps: [rec(1000), rec(500), rec(2000), end] } },
        {
          id: 'w',
          kind: 'watermarks',
          config: {
            timestamp: 'value + 1',
            strategy: { type: 'boundedOutOfOrderness', maxOutOfOrderness: 200 },
          },
        },
        { id: 's', kind: 'tableSink' },
      ];
      const doc = makeDoc(
        nodes,
        [
          { from: 't', to: 'w' },
          { from: 'w', to: 's' },
        ],
        { runtimeMode: mode, autoWatermarkInterval: 0 },
      );
      const sim = createSimulation(doc, { trace: true });
      sim.run();
      const wms = sim
        .trace()
        .events.filter((e) => e.type === 'watermark' && e.node === 'w')
        .map((e) => (e.type === 'watermark' ? e.watermark : null));
      const stamps = sim
        .sinkRecords()
        .get('s')!
        .map((r) => r.timestamp);
      return { wms, stamps };
    };
    const streaming = run('STREAMING');
    expect(streaming.wms).toEqual([800, 1800, MAX_WATERMARK]);
    const batch = run('BATCH');
    expect(batch.wms).toEqual([MAX_WATERMARK]);
    expect(batch.stamps).toEqual([1001, 501, 2001]);
    expect(batch.stamps).toEqual(streaming.stamps);
  });
});
