import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../src/lib/engine';
import {
  decodeState,
  encodeState,
  CorruptSnapshotError,
} from '../../src/lib/engine/checkpoints/format';
import { MemoryCheckpointStore } from '../../src/lib/engine/checkpoints/store';
import { canonical, keyedSum, runAll } from './checkpoints-helpers';

describe('snapshot format', () => {
  it('round-trips Maps, Sets, typed arrays, undefined and the watermark bounds', () => {
    const state = {
      panes: new Map([['sk1', new Map([['0:2000', { key: 'k1', elements: [1, 2, undefined] }]])]]),
      seen: new Set([1, 'a']),
      cdf: Float64Array.from([0.5, 1]),
      wm: Number.MIN_SAFE_INTEGER,
      inf: -Infinity,
      tricky: { $: 'not a tag' },
    };
    expect(decodeState(encodeState(state))).toEqual(state);
  });

  it('detects a damaged value', () => {
    const bytes = encodeState({ a: 1 });
    bytes[bytes.length - 2] ^= 0xff;
    expect(() => decodeState(bytes)).toThrow(CorruptSnapshotError);
    expect(() => decodeState(new Uint8Array([1, 2, 3]))).toThrow(/bad header/);
  });
});

describe('checkpoint store', () => {
  it('keeps the last `retained` completed checkpoints', () => {
    const store = new MemoryCheckpointStore();
    const doc = keyedSum({ guarantee: 'exactly-once', interval: 1000 });
    doc.settings.checkpointing.retained = 2;
    const sim = createSimulation(doc, { checkpointStore: store });
    sim.runUntil(5500);
    expect(store.ids()).toEqual([4, 5]);
  });

  it('a corrupt latest checkpoint is reported and recovery falls back to the previous one', () => {
    const clean = canonical(
      runAll(keyedSum({ guarantee: 'exactly-once', interval: 1000 }))
        .sinkRecords()
        .get('out')!,
    );
    const store = new MemoryCheckpointStore();
    const sim = createSimulation(keyedSum({ guarantee: 'exactly-once', interval: 1000 }), {
      checkpointStore: store,
    });
    sim.runUntil(7300);
    expect(store.ids()).toEqual([5, 6, 7]);
    const latest = store.get(7)!;
    latest.subtasks['w#0'][20] ^= 0x55;
    sim.injectFailure('w');
    sim.run();
    const ft = sim.faultTolerance();
    expect(ft.restores).toEqual([
      {
        time: 7800,
        checkpoint: 6,
        message:
          'checkpoint 7 is unusable (the checksum does not match (the stored value is damaged)); restored checkpoint 6',
      },
    ]);
    expect(canonical(sim.sinkRecords().get('out')!)).toEqual(clean);
  });

  it('a run can start from a stored checkpoint (restoreFrom), e.g. one read back from IndexedDB', () => {
    const clean = canonical(
      runAll(keyedSum({ guarantee: 'exactly-once', interval: 1000 }))
        .sinkRecords()
        .get('out')!,
    );
    const store = new MemoryCheckpointStore();
    const first = createSimulation(keyedSum({ guarantee: 'exactly-once', interval: 1000 }), {
      checkpointStore: store,
    });
    first.runUntil(4500);
    const before = canonical(first.sinkRecords().get('out')!);
    const copy = new MemoryCheckpointStore();
    for (const id of store.ids()) copy.load(store.get(id)!);
    const resumed = createSimulation(keyedSum({ guarantee: 'exactly-once', interval: 1000 }), {
      checkpointStore: copy,
      restoreFrom: 'latest',
    });
    expect(resumed.faultTolerance().restores[0].checkpoint).toBe(4);
    resumed.run();
    // What the first run had committed by checkpoint 4, plus what the resumed run commits.
    expect([...before, ...canonical(resumed.sinkRecords().get('out')!)].sort()).toEqual(clean);
  });
});

describe('property: exactly-once output does not depend on failures', () => {
  it('for random failure times, parallelism and intervals the exactly-once sink equals the failure-free run', () => {
    const clean = new Map<string, string[]>();
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.constantFrom(500, 1000, 2500),
        fc.boolean(),
        fc.uniqueArray(fc.integer({ min: 1, max: 19_000 }), { minLength: 1, maxLength: 3 }),
        (p, interval, unaligned, times) => {
          const key = `${p}`;
          if (!clean.has(key))
            clean.set(
              key,
              canonical(
                runAll(keyedSum({ guarantee: 'exactly-once', parallelism: p }))
                  .sinkRecords()
                  .get('out')!,
              ),
            );
          const sim = runAll(
            keyedSum({
              guarantee: 'exactly-once',
              parallelism: p,
              interval,
              unaligned,
              failures: times.map((at, i) => ({
                at,
                node: ['src', 'key', 'w', 'out'][i % 4],
                subtask: 0,
              })),
              restartStrategy: { type: 'fixedDelay', attempts: 10, delay: 300 },
            }),
          );
          expect(sim.faultTolerance().job).toBe('FINISHED');
          expect(canonical(sim.sinkRecords().get('out')!)).toEqual(clean.get(key));
        },
      ),
      { numRuns: 40, seed: 20261125 },
    );
  });
});
