/**
 * Engine benchmark cases 1a–1d of issue #8: each a pipeline document, a hand-written loop over the
 * same generated records computing the same result, and a check that both results are equal.
 * 1e is 1b with checkpoints: the loop has no checkpoints, and the results must still be equal.
 */
import { Observable, filter, map, reduce } from 'rxjs';
import type { Simulation } from '../../src/lib/engine';
import { validateDocument, type PipelineDocument } from '../../src/lib/pipeline';
import { generatorConfig, keyName, sourceStreams, type GenSpec } from './records';

export interface EngineCase {
  id: string;
  title: string;
  gen: GenSpec;
  doc: PipelineDocument;
  /** The hand-written loop: returns the result in the form `engineResult` gives. */
  loop(): Result;
  /** The result of a finished run (sinkLimit must keep every record, see `keepsRecords`). */
  engineResult(sim: Simulation): Result;
  /** False when the result is read from counters only, so sinks may keep nothing (sinkLimit 0). */
  keepsRecords: boolean;
  /** RxJS doing the same (1a only). */
  rxjs?(): Result;
  /** Something about a finished run worth reporting (1e: how many checkpoints completed). */
  note?(sim: Simulation): string;
}

/** A result as a canonical map: identical maps mean identical results. */
export type Result = Map<string, number>;

function validated(doc: unknown): PipelineDocument {
  const r = validateDocument(doc);
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return r.doc;
}

// ---------------------------------------------------------------- 1a

/** 1a: generator → map (value * 2) → filter (> 5) → sink; the result: count and sum. */
export function mapFilterCase(count: number): EngineCase {
  const gen: GenSpec = {
    seed: 1,
    count,
    parallelism: 1,
    rate: 1_000_000,
    keys: 3,
    min: 1,
    max: 10,
    maxDelay: null,
  };
  const doc = validated({
    version: 1,
    settings: { timeCharacteristic: 'processing', seed: gen.seed },
    nodes: [
      { id: 'gen', kind: 'generator', config: generatorConfig(gen, { type: 'none' }) },
      { id: 'double', kind: 'map', config: { expression: 'value * 2' } },
      { id: 'big', kind: 'filter', config: { expression: 'value > 5' } },
      { id: 'out', kind: 'tableSink' },
    ],
    edges: [
      { id: 'e1', from: 'gen', to: 'double' },
      { id: 'e2', from: 'double', to: 'big' },
      { id: 'e3', from: 'big', to: 'out' },
    ],
  });
  const span = gen.max - gen.min + 1;
  const result = (n: number, sum: number | null): Result =>
    new Map(
      sum === null
        ? [['count', n]]
        : [
            ['count', n],
            ['sum', sum],
          ],
    );
  return {
    id: '1a',
    title: 'generator → map → filter → sink, parallelism 1',
    gen,
    doc,
    keepsRecords: false,
    loop() {
      let n = 0;
      let sum = 0;
      for (const d of sourceStreams(gen)) {
        const rng = d.rng;
        for (let i = 0; i < d.count; i++) {
          rng.next(); // the key (3 keys): drawn, unused by map/filter
          const v = gen.min + Math.floor(rng.next() * span);
          const m = v * 2;
          if (m > 5) {
            n++;
            sum += m;
          }
        }
      }
      return result(n, sum);
    },
    rxjs() {
      const [d] = sourceStreams(gen);
      const source = new Observable<number>((sub) => {
        const rng = d.rng;
        for (let i = 0; i < d.count; i++) {
          rng.next();
          sub.next(gen.min + Math.floor(rng.next() * span));
        }
        sub.complete();
      });
      let out: Result = new Map();
      source
        .pipe(
          map((v) => v * 2),
          filter((v) => v > 5),
          reduce(
            (acc, v) => {
              acc.n++;
              acc.sum += v;
              return acc;
            },
            { n: 0, sum: 0 },
          ),
        )
        .subscribe((acc) => (out = result(acc.n, acc.sum)));
      return out;
    },
    engineResult(sim) {
      const st = sim.status().find((s) => s.node === 'out')!;
      const records = sim.sinkRecords().get('out')!;
      // With sinkLimit 0 the sink keeps nothing: only the count can be compared.
      const sum =
        records.length === st.recordsIn
          ? records.reduce((a, r) => a + (r.value as number), 0)
          : null;
      return result(st.recordsIn, sum);
    },
  };
}

// ---------------------------------------------------------------- 1b, 1c, 1d, 1e

interface WindowSpec {
  size: number;
  /** null: tumbling. */
  slide: number | null;
}

/**
 * keyBy → event-time window sum over 10 000 keys, bounded out-of-orderness 100 ms with delays of
 * at most 100 ms, so no record is late and every window fires at the end of input. With
 * `checkpointInterval` (ms of processing time), aligned exactly-once checkpoints are taken.
 */
function windowCase(
  id: string,
  title: string,
  count: number,
  parallelism: number,
  w: WindowSpec,
  checkpointInterval: number | null = null,
): EngineCase {
  const gen: GenSpec = {
    seed: 1,
    count,
    parallelism,
    // 1 M records per second of virtual time in total, whatever the parallelism.
    rate: 1_000_000 / parallelism,
    keys: 10_000,
    min: 1,
    max: 100,
    maxDelay: 100,
  };
  const windowNode =
    w.slide === null
      ? { kind: 'tumblingWindow', config: { size: w.size, function: { type: 'sum' } } }
      : {
          kind: 'slidingWindow',
          config: { size: w.size, slide: w.slide, function: { type: 'sum' } },
        };
  const doc = validated({
    version: 1,
    settings: {
      timeCharacteristic: 'event',
      seed: gen.seed,
      ...(checkpointInterval === null
        ? {}
        : { checkpointing: { enabled: true, interval: checkpointInterval } }),
    },
    nodes: [
      {
        id: 'gen',
        kind: 'generator',
        parallelism,
        config: generatorConfig(gen, { type: 'boundedOutOfOrderness', maxOutOfOrderness: 100 }),
      },
      { id: 'byKey', kind: 'keyBy', parallelism, config: { expression: 'key' } },
      { id: 'win', parallelism, ...windowNode },
      { id: 'out', kind: 'tableSink', parallelism },
    ],
    edges: [
      { id: 'e1', from: 'gen', to: 'byKey' },
      { id: 'e2', from: 'byKey', to: 'win', partitioning: 'hash' },
      { id: 'e3', from: 'win', to: 'out' },
    ],
  });
  const K = gen.keys;
  const span = gen.max - gen.min + 1;
  const slide = w.slide ?? w.size;
  return {
    id,
    title,
    gen,
    doc,
    keepsRecords: true,
    loop() {
      // Per window start: the sum and the number of elements of every key.
      const sums = new Map<number, Float64Array>();
      const counts = new Map<number, Uint32Array>();
      const pane = (start: number) => {
        let s = sums.get(start);
        if (!s) {
          sums.set(start, (s = new Float64Array(K)));
          counts.set(start, new Uint32Array(K));
        }
        return s;
      };
      for (const d of sourceStreams(gen)) {
        const rng = d.rng;
        for (let i = 0; i < d.count; i++) {
          const k = Math.floor(rng.next() * K);
          const v = gen.min + Math.floor(rng.next() * span);
          const delay = Math.floor(rng.next() * (gen.maxDelay! + 1));
          const ts = Math.max(0, Math.floor(i * d.period) - delay);
          for (let start = ts - (ts % slide); start > ts - w.size; start -= slide) {
            pane(start)[k] += v;
            counts.get(start)![k]++;
          }
        }
      }
      const out: Result = new Map();
      for (const [start, s] of sums) {
        const c = counts.get(start)!;
        for (let k = 0; k < K; k++)
          if (c[k] > 0) out.set(`${keyName(k)}@${start + w.size - 1}`, s[k]);
      }
      return out;
    },
    note:
      checkpointInterval === null
        ? undefined
        : (sim) => {
            const ft = sim.faultTolerance();
            const done = ft.checkpoints.filter((c) => c.status === 'COMPLETED');
            const finals = done.filter((c) => c.final).length;
            const largest = Math.max(0, ...done.map((c) => c.size));
            return (
              `${ft.completed} completed checkpoint${ft.completed === 1 ? '' : 's'} (${finals === 1 ? 'one' : finals} of them the final one at the end of input), ` +
              `the largest ${(largest / 2 ** 20).toFixed(1)} MB of state`
            );
          },
    engineResult(sim) {
      const out: Result = new Map();
      if (checkpointInterval !== null) {
        // The run must have checkpointed: once per full interval of its processing time (the
        // last interval may end with the input).
        const ft = sim.faultTolerance();
        const expected = Math.floor((count / gen.rate / parallelism) * (1000 / checkpointInterval));
        if (ft.completed < expected - 1 || ft.failedCheckpoints > 0)
          throw new Error(
            `${id}: ${ft.completed} checkpoints completed (${ft.failedCheckpoints} failed), expected ${expected}`,
          );
      }
      for (const r of sim.sinkRecords().get('out')!) {
        const id = `${String(r.key)}@${r.timestamp}`;
        if (out.has(id)) throw new Error(`${id} fired twice`);
        out.set(id, r.value as number);
      }
      return out;
    },
  };
}

export const tumblingCase = (count: number) =>
  windowCase('1b', 'keyBy → tumbling event-time window (1 s) sum, 10 000 keys', count, 1, {
    size: 1000,
    slide: null,
  });

export const slidingCase = (count: number) =>
  windowCase('1c', 'keyBy → sliding window (1 s, slide 100 ms) sum, 10 000 keys', count, 1, {
    size: 1000,
    slide: 100,
  });

export const parallelCase = (count: number) =>
  windowCase('1d', '1b with parallelism 4, hash partitioning', count, 4, {
    size: 1000,
    slide: null,
  });

/** 1e: 1b with a checkpoint every second of (simulated) processing time. */
export const checkpointCase = (count: number) =>
  windowCase(
    '1e',
    '1b with checkpoints every second of processing time',
    count,
    1,
    { size: 1000, slide: null },
    1000,
  );

/** Describes the first difference between two results, or null when they are equal. */
export function difference(a: Result, b: Result): string | null {
  if (a.size !== b.size) return `${a.size} results against ${b.size}`;
  for (const [k, v] of a) {
    if (!b.has(k)) return `${k} missing`;
    if (b.get(k) !== v) return `${k}: ${v} against ${b.get(k)}`;
  }
  return null;
}
