import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../src/lib/engine';
import { validateDocument } from '../../src/lib/pipeline';
import { canonical, keyedSum, runAll } from './checkpoints-helpers';

describe('failure settings and delivery', () => {
  const expected = canonical(
    runAll(keyedSum({ guarantee: 'exactly-once', interval: 1000 }))
      .sinkRecords()
      .get('out')!,
  );

  it('random failures come from the seed: the same seed fails at the same times, output stays exact', () => {
    const doc = keyedSum({
      guarantee: 'exactly-once',
      interval: 1000,
      restartStrategy: { type: 'fixedDelay', attempts: 20, delay: 100 },
    });
    doc.settings.randomFailures = { meanInterval: 4000 };
    const a = runAll(doc);
    const b = runAll(doc);
    const times = a.faultTolerance().failures.map((f) => [f.time, f.node, f.subtask]);
    expect(times.length).toBeGreaterThan(2);
    expect(b.faultTolerance().failures.map((f) => [f.time, f.node, f.subtask])).toEqual(times);
    expect(canonical(a.sinkRecords().get('out')!)).toEqual(expected);
  });

  it('exactly-once output is pending until its checkpoint completes', () => {
    const sim = createSimulation(keyedSum({ guarantee: 'exactly-once', interval: 1000 }));
    // The window [0, 2000) fires at 2800; checkpoint 3 completes at 3000 and commits it.
    sim.runUntil(2900);
    expect(sim.sinkRecords().get('out')).toEqual([]);
    expect(
      sim
        .pendingSinkRecords()
        .get('out')!
        .map((r) => r.timestamp),
    ).toEqual([1999, 1999, 1999]);
    sim.runUntil(3000);
    expect(sim.pendingSinkRecords().get('out')).toEqual([]);
    expect(
      sim
        .sinkRecords()
        .get('out')!
        .map((r) => r.timestamp),
    ).toEqual([1999, 1999, 1999]);
  });

  it('a failure discards the uncommitted output; the replay commits it once', () => {
    const sim = createSimulation(
      keyedSum({ guarantee: 'exactly-once', interval: 1000, failures: [{ at: 2900 }] }),
    );
    sim.runUntil(2850);
    expect(sim.pendingSinkRecords().get('out')).toHaveLength(3);
    sim.runUntil(2950);
    expect(sim.pendingSinkRecords().get('out')).toEqual([]);
    expect(sim.sinkRecords().get('out')).toEqual([]);
    sim.run();
    expect(canonical(sim.sinkRecords().get('out')!)).toEqual(expected);
  });

  it('BATCH mode takes no checkpoints; a failure replays the bounded input from the start', () => {
    const doc = keyedSum({ guarantee: 'exactly-once', interval: 1000, failures: [{ at: 9000 }] });
    doc.settings.runtimeMode = 'BATCH';
    const sim = runAll(doc);
    const ft = sim.faultTolerance();
    expect(ft.checkpointing).toBe(false);
    expect(ft.completed).toBe(0);
    expect(ft.restores[0].message).toBe('no completed checkpoint: restarted from the beginning');
    expect(canonical(sim.sinkRecords().get('out')!)).toEqual(expected);
  });

  it('injectFailure names a missing node or subtask', () => {
    const sim = createSimulation(keyedSum({ guarantee: 'exactly-once', interval: 1000 }));
    expect(() => sim.injectFailure('nope')).toThrow('there is no subtask 0 of node nope');
    expect(() => sim.injectFailure('w', 3)).toThrow('there is no subtask 3 of node w');
  });

  it('settings.failures is validated: the node must exist and the subtask be in range', () => {
    const doc = {
      version: 1,
      settings: {
        failures: [{ at: 100, node: 'ghost' }, { at: 200, node: 'src', subtask: 2 }, { at: -1 }],
      },
      nodes: [
        { id: 'src', kind: 'generator' },
        { id: 'out', kind: 'tableSink' },
      ],
      edges: [{ id: 'e', from: 'src', to: 'out' }],
    };
    const r = validateDocument(doc);
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => p.message)).toEqual([
      'settings.failures.2.at: must be 0 ms or more',
    ]);
    doc.settings.failures.pop();
    expect(validateDocument(doc).problems.map((p) => p.message)).toEqual([
      "settings.failures.0.node: there is no node ghost; name one of the pipeline's node ids",
      'settings.failures.1.subtask: node src has subtasks 0 to 0, not 2',
    ]);
  });
});
