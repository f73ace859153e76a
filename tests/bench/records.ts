/**
 * The records the engine's generator source produces, drawn by hand in the same way, so that the
 * hand-written loops and RxJS consume exactly the engine's records (same seed, same random
 * streams, same draws in the same order; see src/lib/engine/sources/generator.ts). The benchmark
 * checks this by comparing every result with the engine's.
 *
 * Only what the benchmark documents use: uniform keys, uniform integer values, uniform (or no)
 * out-of-orderness, no late share, no idle periods.
 */
import { RandomStreams, type Random } from '../../src/lib/engine/rng';

export interface GenSpec {
  seed: number;
  /** Total records over all source subtasks. */
  count: number;
  parallelism: number;
  /** Records per second of processing time per subtask. */
  rate: number;
  keys: number;
  min: number;
  max: number;
  /** Uniform event-time delay in [0, maxDelay] ms; null: no out-of-orderness draw. */
  maxDelay: number | null;
}

/** One source subtask's records, as the loops read them: a key index, a value, an event time. */
export interface Draws {
  /** The random stream of this subtask, as the engine hands it out. */
  rng: Random;
  count: number;
  period: number;
}

/**
 * The engine's random streams: the first goes to the partitioners, then one per source subtask
 * in order (src/lib/engine/runtime.ts). Returns the source subtasks' draws.
 */
export function sourceStreams(g: GenSpec): Draws[] {
  const streams = new RandomStreams(g.seed);
  streams.stream();
  const out: Draws[] = [];
  for (let i = 0; i < g.parallelism; i++) {
    const count = Math.floor(g.count / g.parallelism) + (i < g.count % g.parallelism ? 1 : 0);
    out.push({ rng: streams.stream(), count, period: 1000 / g.rate });
  }
  return out;
}

/** The generator node config that produces these records. */
export function generatorConfig(g: GenSpec, watermarks: Record<string, unknown>) {
  return {
    rate: g.rate,
    count: g.count,
    keys: { count: g.keys, prefix: 'k' },
    values: { distribution: 'uniform', min: g.min, max: g.max, integer: true },
    outOfOrderness:
      g.maxDelay === null ? { distribution: 'none' } : { distribution: 'uniform', max: g.maxDelay },
    watermarks,
  };
}

export const keyName = (i: number) => `k${i + 1}`;
