/**
 * run() and runUntil() process several events in one go (a source's records due at the same
 * time, a subtask's queued elements when nothing else is due): exactly what stepping one event
 * at a time does, so the trace, the results and the event count must be the same.
 */
import { describe, expect, it } from 'vitest';
import { createSimulation, type Simulation } from '../../src/lib/engine';
import type { PipelineDocument } from '../../src/lib/pipeline';
import { EXAMPLES, exampleDocumentOf } from '../../src/lib/pipeline/examples';
import { makeDoc } from './engine-helpers';

function stepUntil(sim: Simulation, time: number): void {
  for (;;) {
    const t = sim.nextEventTime();
    if (t === null || t > time || !sim.step()) break;
  }
}

function expectSameRun(doc: PipelineDocument, until: number, opts = {}) {
  const batched = createSimulation(doc, { trace: true, traceLimit: 1_000_000, ...opts });
  const stepped = createSimulation(doc, { trace: true, traceLimit: 1_000_000, ...opts });
  batched.runUntil(until);
  stepUntil(stepped, until);
  expect(batched.traceTotal()).toBe(stepped.traceTotal());
  expect(batched.trace().events).toEqual(stepped.trace().events);
  expect(batched.sinkRecords()).toEqual(stepped.sinkRecords());
  expect(batched.status()).toEqual(stepped.status());
}

/** keyBy → tumbling window at parallelism 2 over a fast generator: long queues to batch. */
function windowDoc(settings: Record<string, unknown> = {}, costMs?: number) {
  return makeDoc(
    [
      {
        id: 'gen',
        kind: 'generator',
        parallelism: 2,
        config: {
          rate: 5000,
          count: 4000,
          keys: { count: 50, prefix: 'k' },
          outOfOrderness: { distribution: 'uniform', max: 20 },
          watermarks: { type: 'boundedOutOfOrderness', maxOutOfOrderness: 20 },
        },
      },
      { id: 'by', kind: 'keyBy', parallelism: 2, config: { expression: 'key' } },
      {
        id: 'win',
        kind: 'slidingWindow',
        parallelism: 2,
        config: { size: 100, slide: 20, function: { type: 'sum' } },
        costMs,
      },
      { id: 'out', kind: 'tableSink', parallelism: 2 },
    ],
    [
      { from: 'gen', to: 'by' },
      { from: 'by', to: 'win', partitioning: 'hash' },
      { from: 'win', to: 'out' },
    ],
    { timeCharacteristic: 'event', seed: 7, ...settings },
  );
}

describe('batched runs', () => {
  it('equal stepping for every example', () => {
    for (const ex of EXAMPLES) expectSameRun(exampleDocumentOf(ex), 3000);
  });

  it('equal stepping for keyed windows, with checkpoints, costs and bounded buffers', () => {
    expectSameRun(windowDoc(), 1000);
    expectSameRun(windowDoc({ checkpointing: { enabled: true, interval: 100 } }), 1000);
    expectSameRun(windowDoc({}, 1), 1000);
    expectSameRun(windowDoc({ bufferCapacity: 8 }), 1000);
  });
});
