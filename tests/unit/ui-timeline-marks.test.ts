import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../src/lib/engine';
import { addToTimeline, emptyTimeline } from '../../src/lib/ui/run/timeline';
import { keyedSum } from './checkpoints-helpers';

describe('failure and restore marks on the timeline', () => {
  const doc = keyedSum({
    guarantee: 'at-least-once',
    interval: 1000,
    failures: [{ at: 7300, node: 'w' }],
  });
  const sim = createSimulation(doc, { trace: true });
  sim.run();
  const events = sim.trace().events;

  it('marks the failure and the restore with the checkpoint, at their processing times', () => {
    const data = addToTimeline(emptyTimeline('w', false), events, new Map());
    expect(data.marks).toEqual([
      { t: 7300, kind: 'failure', node: 'w', subtask: 0 },
      { t: 7800, kind: 'restore', checkpoint: 7, savepoint: null },
    ]);
  });

  it('marks as replayed the records that come again after the restore, at a source and downstream', () => {
    const src = addToTimeline(emptyTimeline('src', true), events, new Map());
    const w = addToTimeline(emptyTimeline('w', false), events, new Map());
    const replayedAtSource = src.dots.filter((d) => d.replayed);
    expect(replayedAtSource.length).toBe(sim.faultTolerance().replayed);
    expect(replayedAtSource.every((d) => d.t >= 7800)).toBe(true);
    const replayedAtWindow = w.dots.filter((d) => d.replayed);
    // What the window gets again is what the source sent again (one forward hop, one hash hop).
    expect(replayedAtWindow.length).toBe(replayedAtSource.length);
    expect(replayedAtWindow.every((d) => d.t >= 7800)).toBe(true);
    expect(w.dots.filter((d) => d.t < 7300).every((d) => !d.replayed)).toBe(true);
  });

  it('a run without failures has no marks and nothing replayed', () => {
    const clean = createSimulation(keyedSum({ guarantee: 'at-least-once', interval: 1000 }), {
      trace: true,
    });
    clean.run();
    const data = addToTimeline(emptyTimeline('w', false), clean.trace().events, new Map());
    expect(data.marks).toEqual([]);
    expect(data.dots.some((d) => d.replayed)).toBe(false);
  });
});
