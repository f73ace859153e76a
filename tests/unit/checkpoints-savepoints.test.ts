import { describe, expect, it } from 'vitest';
import { createSimulation, type SinkRecord } from '../../src/lib/engine';
import { validateDocument } from '../../src/lib/pipeline';
import type { PipelineDocument } from '../../src/lib/pipeline';
import { keyedStateTimers } from '../../src/lib/pipeline/examples/keyedStateTimers';
import {
  mapSavepoint,
  SavepointMismatchError,
  SavepointRefusedError,
} from '../../src/lib/engine/checkpoints/savepoint';
import { canonical, keyedSum } from './checkpoints-helpers';

const rowsOf = (sim: ReturnType<typeof createSimulation>, sink: string): SinkRecord[] =>
  sim.sinkRecords().get(sink) ?? [];

/** Runs `doc` to `at`, takes a savepoint, and runs `target` (default: the same document) from it. */
function splitRun(doc: PipelineDocument, at: number, sinks: string[], target = doc) {
  const first = createSimulation(doc, { savepoints: true });
  first.runUntil(at);
  const sp = first.takeSavepoint();
  const second = createSimulation(target, { fromSavepoint: { savepoint: sp, id: 1 } });
  second.run();
  return { sp, first, second, out: (s: string) => [...rowsOf(first, s), ...rowsOf(second, s)] };
}

function example(json: unknown): PipelineDocument {
  const r = validateDocument(json);
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return r.doc;
}

describe('savepoints', () => {
  it('a run started from a savepoint continues where it stood: before + after = the whole run', () => {
    for (const parallelism of [1, 2]) {
      const doc = keyedSum({ guarantee: 'at-least-once', parallelism });
      const whole = createSimulation(doc);
      whole.run();
      for (const at of [2300, 7000]) {
        const { out, second, sp } = splitRun(doc, at, ['out']);
        expect(canonical(out('out'))).toEqual(canonical(rowsOf(whole, 'out')));
        expect(second.now).toBeGreaterThanOrEqual(sp.time);
        expect(second.faultTolerance().restores[0]).toMatchObject({
          time: at,
          checkpoint: null,
          savepoint: 1,
          message: 'restored savepoint 1',
        });
      }
    }
  });

  it('sources rewind to their savepoint offsets: the next record is the one after the savepoint', () => {
    const doc = keyedSum({ guarantee: 'at-least-once' });
    const whole = createSimulation(doc, { trace: true });
    whole.run();
    const emits = whole.trace().events.filter((e) => e.type === 'emit' && e.node === 'src');
    const first = createSimulation(doc, { savepoints: true });
    first.runUntil(5000);
    const second = createSimulation(doc, {
      trace: true,
      fromSavepoint: { savepoint: first.takeSavepoint() },
    });
    second.run();
    const after = second.trace().events.filter((e) => e.type === 'emit' && e.node === 'src');
    expect(after.length).toBe(emits.filter((e) => e.time > 5000).length);
    expect(after[0]).toEqual(emits.find((e) => e.time > 5000));
    expect(after.some((e) => e.type === 'emit' && e.replayed)).toBe(false);
  });

  it('process functions (keyed state and timers) and session windows resume from a savepoint', () => {
    const doc = example(keyedStateTimers.json);
    const whole = createSimulation(doc);
    whole.run();
    for (const at of [4000, 9000]) {
      const { out } = splitRun(doc, at, ['counts', 'results']);
      for (const sink of ['counts', 'results'])
        expect(canonical(out(sink))).toEqual(canonical(rowsOf(whole, sink)));
    }
  });

  it('an edited pipeline: state is matched by node id; removed or changed nodes are named and refused', () => {
    const doc = keyedSum({ guarantee: 'at-least-once' });
    const first = createSimulation(doc, { savepoints: true });
    first.runUntil(5000);
    const sp = first.takeSavepoint();
    // The window node replaced by a new one (another id) and the sink's kind changed.
    const edited: PipelineDocument = structuredClone(doc);
    const w = edited.nodes.find((n) => n.id === 'w')!;
    w.id = 'w2';
    for (const e of edited.edges) {
      if (e.from === 'w') e.from = 'w2';
      if (e.to === 'w') e.to = 'w2';
    }
    const sink = edited.nodes.find((n) => n.id === 'out')!;
    (sink as { kind: string }).kind = 'logSink';
    const mapping = mapSavepoint(sp, edited);
    expect(mapping.unmapped.map((u) => [u.node, u.reason, u.newKind])).toEqual([
      ['w', 'removed', undefined],
      ['out', 'kindChanged', 'logSink'],
    ]);
    expect(mapping.added).toEqual(['w2']);
    expect(mapping.unmapped[0].bytes).toBeGreaterThan(0);
    expect(() => createSimulation(edited, { fromSavepoint: { savepoint: sp } })).toThrow(
      SavepointMismatchError,
    );
    expect(() => createSimulation(edited, { fromSavepoint: { savepoint: sp } })).toThrow(
      /node w \(tumblingWindow\) was removed; node out changed kind from tableSink to logSink/,
    );
    // Skipping the unmapped state: the source goes on from its offset, the new window starts empty.
    const sim = createSimulation(edited, {
      fromSavepoint: { savepoint: sp, allowNonRestoredState: true },
    });
    sim.run();
    const whole = createSimulation(doc);
    whole.run();
    const late = canonical(rowsOf(whole, 'out').filter((r) => r.timestamp! >= 6000));
    const got = canonical(rowsOf(sim, 'out'));
    expect(got.length).toBeGreaterThan(0);
    for (const r of late) expect(got).toContain(r);
  });

  it('a changed parallelism is unmapped state (the lab does not redistribute keyed state)', () => {
    const first = createSimulation(keyedSum({ guarantee: 'at-least-once' }), { savepoints: true });
    first.runUntil(3000);
    const sp = first.takeSavepoint();
    const m = mapSavepoint(sp, keyedSum({ guarantee: 'at-least-once', parallelism: 2 }));
    expect(m.unmapped.map((u) => [u.node, u.reason, u.newParallelism])).toEqual([
      ['src', 'parallelismChanged', 2],
      ['key', 'parallelismChanged', 2],
      ['w', 'parallelismChanged', 2],
    ]);
  });

  it('a failure before the first checkpoint of a run started from a savepoint goes back to the savepoint', () => {
    const doc = keyedSum({ guarantee: 'at-least-once', failures: [{ at: 9000, node: 'w' }] });
    const clean = keyedSum({ guarantee: 'at-least-once' });
    const first = createSimulation(clean, { savepoints: true });
    first.runUntil(6000);
    const sim = createSimulation(doc, {
      fromSavepoint: { savepoint: first.takeSavepoint(), id: 4 },
    });
    sim.run();
    const ft = sim.faultTolerance();
    expect(ft.restores.map((r) => r.message)).toEqual([
      'restored savepoint 4',
      'restored savepoint 4',
    ]);
    expect(ft.replayed).toBeGreaterThan(0);
    const whole = createSimulation(clean);
    whole.run();
    const got = rowsOf(sim, 'out');
    expect(canonical(got.filter((r) => !r.replayed))).toEqual(
      canonical(rowsOf(whole, 'out').filter((r) => r.processingTime > 6000)),
    );
  });

  it('taking a savepoint does not change the run: same sink rows, same trace, with or without one', () => {
    for (const guarantee of ['exactly-once', 'at-least-once'] as const) {
      // Checkpoints every 1.5 s, a failure at 8.3 s: savepoints land between checkpoints, while
      // one is in flight, and just before the failure.
      const doc = keyedSum({ guarantee, interval: 1500, failures: [{ at: 8300, node: 'w' }] });
      const plain = createSimulation(doc, { savepoints: true, trace: true });
      plain.run();
      const taken = createSimulation(doc, { savepoints: true, trace: true });
      for (const at of [1600, 3100, 4550, 8200]) {
        taken.runUntil(at);
        taken.takeSavepoint();
      }
      taken.run();
      expect(rowsOf(taken, 'out'), guarantee).toEqual(rowsOf(plain, 'out'));
      expect(taken.trace().events, guarantee).toEqual(plain.trace().events);
    }
  });

  it('is refused in BATCH mode and when the job is not running', () => {
    const batch = structuredClone(keyedSum({ guarantee: 'at-least-once' }));
    batch.settings.runtimeMode = 'BATCH';
    const sim = createSimulation(batch, { savepoints: true });
    sim.runUntil(1000);
    expect(() => sim.takeSavepoint()).toThrow(SavepointRefusedError);
    const done = createSimulation(keyedSum({ guarantee: 'at-least-once' }), { savepoints: true });
    done.run();
    expect(() => done.takeSavepoint()).toThrow(/the job is FINISHED/);
  });
});
