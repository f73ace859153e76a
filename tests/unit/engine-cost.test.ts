import { describe, expect, test } from 'vitest';
import { createSimulation } from '../../src/lib/engine';
import { validateDocument } from '../../src/lib/pipeline';
import { makeDoc } from './engine-helpers';

/** generator (1 record per ms) → slow map (costMs 10, from the document) → sink. */
function slowMapDoc(bufferCapacity: number | null) {
  return makeDoc(
    [
      { id: 'g', kind: 'generator', config: { count: 30, rate: 1000 } },
      { id: 'm', kind: 'map', config: { expression: 'value' } },
      { id: 's', kind: 'tableSink' },
    ].map((n) => (n.id === 'm' ? { ...n, costMs: 10 } : n)),
    [
      { from: 'g', to: 'm' },
      { from: 'm', to: 's' },
    ],
    { bufferCapacity },
  );
}

/** Steps the run to the end; returns the largest number of records waiting at the map. */
function maxBufferedAtMap(sim: ReturnType<typeof createSimulation>): number {
  let max = 0;
  while (sim.step()) {
    const m = sim.status().find((st) => st.node === 'm')!;
    max = Math.max(max, m.buffered);
  }
  return max;
}

const sourceEmitTimes = (sim: ReturnType<typeof createSimulation>) =>
  sim
    .trace()
    .events.filter((e) => e.type === 'emit' && e.node === 'g')
    .map((e) => e.time);

describe('per-node cost and bounded buffers from the document', () => {
  test('costMs is read from the node: the map serves one record per 10 ms', () => {
    const sim = createSimulation(slowMapDoc(null), { trace: true });
    expect(maxBufferedAtMap(sim)).toBeGreaterThan(20);
    const out = sim.sinkRecords().get('s')!;
    expect(out.map((r) => r.processingTime)).toEqual(
      Array.from({ length: 30 }, (_, i) => 10 * (i + 1)),
    );
    // Without a capacity the source is never held back: one record per ms.
    expect(sourceEmitTimes(sim)).toEqual(Array.from({ length: 30 }, (_, i) => i));
  });

  test('bufferCapacity backpressures the source of a slow node', () => {
    const sim = createSimulation(slowMapDoc(3), { trace: true });
    expect(maxBufferedAtMap(sim)).toBe(3);
    const emits = sourceEmitTimes(sim);
    expect(emits).toHaveLength(30);
    // The first records go out at the source's rate until the channel holds 3 (the record the
    // map is serving counts until it is done), then the source waits: from then on it emits one
    // record each time the map finishes one, every 10 ms.
    expect(emits.slice(0, 4)).toEqual([0, 1, 2, 10]);
    expect(emits.slice(3).map((t, i) => t - 10 * (i + 1))).toEqual(new Array(27).fill(0));
    const out = sim.sinkRecords().get('s')!;
    expect(out).toHaveLength(30);
    expect(out.at(-1)!.processingTime).toBe(300);
    expect(sim.finished).toBe(true);
  });

  test('an option overrides the document cost', () => {
    const sim = createSimulation(slowMapDoc(null), { costs: { m: 0 } });
    sim.run();
    expect(sim.sinkRecords().get('s')!.at(-1)!.processingTime).toBe(29);
  });

  test('a negative or fractional costMs is refused, naming the node and field', () => {
    for (const costMs of [-1, 0.5, 'fast']) {
      const r = validateDocument({
        version: 1,
        nodes: [{ id: 'g', kind: 'generator', costMs }],
      });
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.problems[0]).toMatchObject({ nodeId: 'g', field: 'costMs' });
      expect(r.problems[0].message).toMatch(/^node g, costMs: must be .*(milliseconds|0 ms)/);
    }
  });

  test('a document without costMs keeps no cost field (no version bump needed)', () => {
    const r = validateDocument({ version: 1, nodes: [{ id: 'g', kind: 'generator' }] });
    expect(r.ok && 'costMs' in r.doc.nodes[0]).toBe(false);
  });
});
