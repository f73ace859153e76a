/** Pipelines and helpers for the checkpoint and recovery tests. */
import { createSimulation, type SimulationOptions, type SinkRecord } from '../../src/lib/engine';
import { makeDoc } from './engine-helpers';

/** generator → keyBy → 2 s tumbling sum → table sink, checkpoints every `interval` ms. */
export function keyedSum(opts: {
  guarantee: 'exactly-once' | 'at-least-once';
  interval?: number;
  failures?: { at: number; node?: string; subtask?: number }[];
  restartStrategy?: Record<string, unknown>;
  parallelism?: number;
  unaligned?: boolean;
  count?: number;
}) {
  const p = opts.parallelism ?? 1;
  return makeDoc(
    [
      {
        id: 'src',
        kind: 'generator',
        parallelism: p,
        config: {
          rate: 10,
          count: opts.count ?? 200,
          keys: { count: 3, prefix: 'k' },
          values: { min: 1, max: 9, integer: true },
          outOfOrderness: { distribution: 'uniform', max: 400 },
          watermarks: { type: 'boundedOutOfOrderness', maxOutOfOrderness: 500 },
        },
      },
      { id: 'key', kind: 'keyBy', parallelism: p, config: { expression: 'key' } },
      {
        id: 'w',
        kind: 'tumblingWindow',
        parallelism: p,
        config: { size: 2000, function: { type: 'sum' } },
      },
      { id: 'out', kind: 'tableSink', config: { guarantee: opts.guarantee } },
    ],
    [
      { from: 'src', to: 'key' },
      { from: 'key', to: 'w', partitioning: 'hash' },
      { from: 'w', to: 'out', partitioning: p === 1 ? 'forward' : 'rebalance' },
    ],
    {
      seed: 7,
      checkpointing: {
        enabled: opts.interval !== undefined,
        interval: opts.interval ?? 5000,
        unaligned: opts.unaligned ?? false,
      },
      failures: opts.failures ?? [],
      restartStrategy: opts.restartStrategy ?? { type: 'fixedDelay', attempts: 3, delay: 500 },
    },
  );
}

export type Doc = ReturnType<typeof keyedSum>;

export function runAll(doc: Doc, opts: SimulationOptions = {}) {
  const sim = createSimulation(doc, opts);
  sim.run();
  return sim;
}

/** A sink's results as comparable text, in a canonical order (processing times differ). */
export function canonical(rows: SinkRecord[]): string[] {
  return rows.map((r) => `${String(r.key)}@${r.timestamp}=${JSON.stringify(r.value)}`).sort();
}
