/** The provoke controls' document edits, and that each provokes (or cures) the stall it names. */
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { createSimulation } from '../../src/lib/engine';
import { explainOperator, factsOf } from '../../src/lib/engine/explain';
import { validateDocument, type NodeOf, type PipelineDocument } from '../../src/lib/pipeline';
import {
  UNTIL_RESUMED,
  endInputAt,
  pauseOf,
  pauseSubtask,
  raiseParallelism,
  resumeSubtask,
  setIdleness,
} from '../../src/lib/ui/run/explain/provoke';

function example(): PipelineDocument {
  const r = validateDocument(JSON.parse(readFileSync('docs/examples/idle-partition.json', 'utf8')));
  if (!r.ok) throw new Error('invalid example');
  return r.doc;
}
const clicks = (d: PipelineDocument) =>
  d.nodes.find((n) => n.id === 'clicks') as NodeOf<'generator'>;
const valid = (d: PipelineDocument) => validateDocument(JSON.parse(JSON.stringify(d))).problems;
const firstCause = (d: PipelineDocument, at: number) => {
  const sim = createSimulation(d);
  sim.runUntil(at);
  return explainOperator(d, factsOf(sim, 'counts'), 'counts').windows[0]?.causes.at(-1) ?? null;
};

describe('provoke controls', () => {
  test('pause and resume one partition', () => {
    const base = { ...example() };
    const noPause = {
      ...base,
      nodes: base.nodes.map((n) =>
        n.kind === 'generator' ? { ...n, config: { ...n.config, idle: [] } } : n,
      ),
    } as PipelineDocument;
    const paused = pauseSubtask(noPause, 'clicks', 0, 1500);
    expect(clicks(paused).config.idle).toEqual([{ from: 1500, to: UNTIL_RESUMED, subtask: 0 }]);
    expect(pauseOf(clicks(paused), 0, 3000)).not.toBeNull();
    expect(valid(paused)).toEqual([]);
    expect(firstCause(paused, 4000)).toEqual({
      type: 'idleWithoutIdleness',
      source: { node: 'clicks', subtask: 0 },
      since: 1400,
      fix: 'clicks',
    });
    const resumed = resumeSubtask(paused, 'clicks', 0, 3000);
    expect(clicks(resumed).config.idle).toEqual([{ from: 1500, to: 3000, subtask: 0 }]);
    expect(pauseOf(clicks(resumed), 0, 3000)).toBeNull();
  });

  test('idleness on the strategy lets the windows fire past the quiet partition', () => {
    const doc = example();
    expect(firstCause(doc, 6000)?.type).toBe('idleWithoutIdleness');
    const cured = setIdleness(doc, 'clicks', 1000);
    expect(clicks(cured).config.watermarks).toEqual({ type: 'monotonous', idleness: 1000 });
    const sim = createSimulation(cured);
    sim.runUntil(5950);
    expect(explainOperator(cured, factsOf(sim, 'counts'), 'counts').windows).toMatchObject([
      { window: { start: 5000, end: 6000 } },
    ]);
    expect(setIdleness(cured, 'clicks', null)).toEqual(doc);
  });

  test('parallelism above the partitions grows the forward chain with it', () => {
    const raised = raiseParallelism(example(), 'clicks');
    expect(clicks(raised).parallelism).toBe(3);
    expect(clicks(raised).config.partitions).toBe(2);
    expect(raised.nodes.find((n) => n.id === 'byKey')!.parallelism).toBe(3);
    expect(valid(raised)).toEqual([]);
    expect(firstCause(raised, 500)).toEqual({
      type: 'noPartition',
      source: { node: 'clicks', subtask: 2 },
      partitions: 2,
      parallelism: 3,
      fix: 'clicks',
    });
  });

  test('ending the input fires every open window', () => {
    const ended = endInputAt(example(), 'clicks', 4000);
    expect(clicks(ended).config.endAt).toBe(4000);
    const sim = createSimulation(ended);
    sim.runUntil(4000);
    expect(explainOperator(ended, factsOf(sim, 'counts'), 'counts').windows).toEqual([]);
    expect(sim.sources().map((s) => s.ended)).toEqual([true, true]);
  });
});
