import { describe, expect, it } from 'vitest';
import { RunSession } from '../../src/lib/worker/session';
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
