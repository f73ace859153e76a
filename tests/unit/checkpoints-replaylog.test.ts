import { afterAll, describe, expect, it } from 'vitest';
import { createSimulation, type Key } from '../../src/lib/engine';
import { OPERATORS } from '../../src/lib/engine/operators';
import type { OperatorFactory } from '../../src/lib/engine/operators/types';
import type { PipelineDocument } from '../../src/lib/pipeline';
import { canonical } from './checkpoints-helpers';
import { makeDoc } from './engine-helpers';

/**
 * An operator as another helper might write one: a running sum per key kept in a closure, with
 * neither snapshot() nor data fields. Checkpoints cover it through the replay log.
 */
const closureSum: OperatorFactory = () => () => {
  const sums = new Map<Key, number>();
  return {
    processRecord(_port, r, ctx) {
      const s = (sums.get(r.key) ?? 0) + (r.value as number);
      sums.set(r.key, s);
      ctx.emit(r.key, s, r.timestamp);
    },
  };
};

/** The same as a class: its data fields are captured and restored generically. */
class FieldSum {
  private sums = new Map<Key, number>();
  private seen = 0;
  processRecord(
    _port: string,
    r: { key: Key; value: unknown; timestamp: number | null },
    ctx: { emit(k: Key, v: unknown, t: number | null): void },
  ) {
    this.seen++;
    const s = (this.sums.get(r.key) ?? 0) + (r.value as number);
    this.sums.set(r.key, s);
    ctx.emit(r.key, s, r.timestamp);
  }
}
const fieldSum: OperatorFactory = () => () => new FieldSum();

function doc(
  failures: { at: number; node: string }[],
  kind = 'closureSumForTest',
): PipelineDocument {
  const d = makeDoc(
    [
      {
        id: 'src',
        kind: 'generator',
        config: { rate: 10, count: 80, keys: { count: 3 }, values: { min: 1, max: 9 } },
      },
      { id: 'key', kind: 'keyBy', config: { expression: 'key' } },
      { id: 'sum', kind: 'map', config: { expression: 'value' } },
      { id: 'out', kind: 'tableSink', config: { guarantee: 'exactly-once' } },
    ],
    [
      { from: 'src', to: 'key' },
      { from: 'key', to: 'sum', partitioning: 'hash' },
      { from: 'sum', to: 'out' },
    ],
    {
      checkpointing: { enabled: true, interval: 1000 },
      failures,
      restartStrategy: { type: 'fixedDelay', attempts: 3, delay: 200 },
    },
  );
  // Swap in the closure operator (not a document kind: the engine registry only).
  (d.nodes[2] as { kind: string }).kind = kind;
  return d;
}

describe('operators with closure state (replay log)', () => {
  OPERATORS.closureSumForTest = closureSum;
  OPERATORS.fieldSumForTest = fieldSum;
  afterAll(() => {
    delete OPERATORS.closureSumForTest;
    delete OPERATORS.fieldSumForTest;
  });

  it('an operator object with data fields is snapshotted generically, its checkpoints stay small', () => {
    const clean = createSimulation(doc([], 'fieldSumForTest'));
    clean.run();
    const failed = createSimulation(doc([{ at: 4500, node: 'sum' }], 'fieldSumForTest'));
    failed.run();
    expect(canonical(failed.sinkRecords().get('out')!)).toEqual(
      canonical(clean.sinkRecords().get('out')!),
    );
    const sizes = failed
      .faultTolerance()
      .checkpoints.map((c) => c.subtasks.find((s) => s.node === 'sum')!.size);
    expect(sizes[3]).toBeLessThan(sizes[1] + 20);
  });

  it('restore rebuilds the closure state: exactly-once output equals the run without failure', () => {
    const clean = createSimulation(doc([]));
    clean.run();
    const failed = createSimulation(doc([{ at: 4500, node: 'sum' }]));
    failed.run();
    expect(failed.faultTolerance().restores[0].message).toBe('restored checkpoint 4');
    const rows = failed.sinkRecords().get('out')!;
    expect(canonical(rows)).toEqual(canonical(clean.sinkRecords().get('out')!));
    // The running sums go on from where checkpoint 4 left them, not from 0.
    expect(rows.length).toBe(80);
    // Its checkpoint holds the log, so it grows with the input.
    const sizes = failed
      .faultTolerance()
      .checkpoints.map((c) => c.subtasks.find((s) => s.node === 'sum')!.size);
    expect(sizes[3]).toBeGreaterThan(sizes[1]);
  });
});
