/** The errors a run keeps in memory are bounded (errorLimit), their count is not. */
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../src/lib/engine';
import { makeDoc } from './engine-helpers';

/** 100 records into a map that throws for every other one. */
const doc = () =>
  makeDoc(
    [
      { id: 'g', kind: 'generator', config: { count: 100, rate: 100 } },
      {
        id: 'm',
        kind: 'map',
        config: { expression: 'value % 2 === 0 ? value : value.no.such.field' },
      },
      { id: 's', kind: 'tableSink' },
    ],
    [
      { from: 'g', to: 'm' },
      { from: 'm', to: 's' },
    ],
  );

describe('errorLimit', () => {
  it('keeps the latest errors only, counts every one, and leaves the run as it was', () => {
    const all = createSimulation(doc(), { trace: true });
    all.run();
    const n = all.errorCount();
    expect(n).toBeGreaterThan(20);
    expect(all.errors()).toHaveLength(n);

    const kept = createSimulation(doc(), { trace: true, errorLimit: 5 });
    kept.run();
    expect(kept.errorCount()).toBe(n);
    expect(kept.errors()).toEqual(all.errors().slice(-5));
    expect(kept.lastErrors(3)).toEqual(all.errors().slice(-3));
    expect(kept.lastErrors(50)).toEqual(all.errors().slice(-5));
    // The run itself is the same: results and the trace (with its error events).
    expect(kept.sinkRecords()).toEqual(all.sinkRecords());
    expect(kept.trace().events).toEqual(all.trace().events);

    const none = createSimulation(doc(), { errorLimit: 0 });
    none.run();
    expect(none.errorCount()).toBe(n);
    expect(none.errors()).toEqual([]);
  });
});
