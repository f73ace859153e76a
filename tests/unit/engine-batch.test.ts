import { describe, expect, it } from 'vitest';
import { createSimulation, MAX_WATERMARK } from '../../src/lib/engine';
import { validateDocument, type PipelineDocument } from '../../src/lib/pipeline';
import { boundedBatch } from '../../src/lib/pipeline/examples/boundedBatch';
import { keyedStateTimers } from '../../src/lib/pipeline/examples/keyedStateTimers';
import { canonical } from './checkpoints-helpers';

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
});
