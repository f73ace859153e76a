import { describe, expect, it } from 'vitest';
import { RunSession } from '../../src/lib/worker/session';
import { EXAMPLES, exampleDocumentOf } from '../../src/lib/pipeline/examples';
import { keyedSum } from './checkpoints-helpers';

describe('run session (what the Worker runs) with checkpoints', () => {
  it('Inject failure: the snapshot shows the restart, the task states, then the restore', () => {
    const session = new RunSession(keyedSum({ guarantee: 'exactly-once', interval: 1000 }));
    session.runTo(4200);
    session.injectFailure('w');
    let snap = session.snapshot(false);
    expect(snap.stepNote).toBe('w[0] failed at 4200 ms; the job restarts at 4700 ms');
    expect(snap.faultTolerance?.job).toBe('RESTARTING');
    expect(snap.status.find((s) => s.node === 'w')?.state).toBe('failing');
    expect(snap.trace.some((e) => e.type === 'failure')).toBe(true);
    session.runTo(5000);
    snap = session.snapshot(false);
    expect(snap.faultTolerance?.restores).toEqual([
      { time: 4700, checkpoint: 4, message: 'restored checkpoint 4' },
    ]);
    expect(snap.pending).toEqual([{ node: 'out', count: 0 }]);
  });

  it('stepping one event at a time says what a barrier or checkpoint event did', () => {
    const session = new RunSession(keyedSum({ guarantee: 'exactly-once', interval: 1000 }));
    session.runTo(999);
    const notes: string[] = [];
    for (let i = 0; i < 12; i++) {
      session.step('event');
      notes.push(session.snapshot(false).stepNote ?? '');
    }
    expect(notes).toContain('checkpoint 1 triggered');
  });
});

describe('an exactly-once sink after a failure (the snapshot the Results table shows)', () => {
  const lesson = () => exampleDocumentOf(EXAMPLES.find((e) => e.id === 'checkpoints')!);

  it('counts committed rows only: an aborted transaction adds nothing to the total', () => {
    // Lesson 8's run: the windows [0 s, 5 s) fire at 6.2 s into the exactly-once sink's open
    // transaction; the failure at 7 s aborts it, and the replay commits them once.
    const session = new RunSession(lesson());
    session.runTo(7000);
    session.injectFailure('totals', 0);
    session.runTo(9000);
    let snap = session.snapshot(false);
    const sink = (id: string) => snap.sinks.find((s) => s.node === id)!;
    // Replayed and pending: received again, not visible yet.
    expect(snap.pending?.find((p) => p.node === 'exactlyOnce')?.count).toBe(3);
    expect(sink('exactlyOnce')).toMatchObject({ total: 0, rows: [] });
    session.runTo(60_000);
    snap = session.snapshot(false);
    expect(snap.finished).toBe(true);
    const exactly = sink('exactlyOnce');
    const atLeast = sink('atLeastOnce');
    expect(exactly.rows).toHaveLength(9);
    expect(exactly.total).toBe(9);
    expect(snap.pending?.find((p) => p.node === 'exactlyOnce')?.count).toBe(0);
    // The at-least-once sink wrote the three totals of [0 s, 5 s) twice: all of them count.
    expect(atLeast.total).toBe(12);
    expect(atLeast.rows.filter((r) => r.replayed)).toHaveLength(3);
    expect(session.simulation.sinkTotals()).toEqual(
      new Map([
        ['exactlyOnce', 9],
        ['atLeastOnce', 12],
      ]),
    );
  });
});
