import { describe, expect, it } from 'vitest';
import { endlessExample } from './session-helpers';
import { RunSession } from '../../src/lib/worker/session';
import type { RunSnapshot } from '../../src/lib/worker/protocol';

const recordsOf = (s: RunSnapshot) =>
  s.trace.flatMap((e) =>
    (e.type === 'emit' || e.type === 'receive') && e.record !== undefined ? [e.record] : [],
  );

describe('what snapshots carry while playing at full speed', () => {
  it('fates only of records the UI was sent, including later changes of records sent earlier', () => {
    const session = new RunSession(endlessExample());
    const sent = new Set<number>();
    let laterChanges = 0;
    for (let round = 0; round < 40; round++) {
      for (let i = 0; i < 2; i++) session.advance('max');
      const snap = session.snapshot(true);
      const now = new Set(recordsOf(snap));
      for (const id of now) sent.add(id);
      expect(snap.fates!.length).toBeGreaterThan(0);
      expect(snap.fates!.length).toBeLessThan(5000);
      for (const f of snap.fates!) {
        expect(sent.has(f.id)).toBe(true);
        if (!now.has(f.id)) laterChanges++;
        // What the UI is told is what the Worker knows.
        expect(f.fate).toBe(session.fateTracker.get(f.id)!.fate);
      }
    }
    // Records sent waiting in a window are delivered in a later snapshot: that change comes too.
    expect(laterChanges).toBeGreaterThan(0);
  });

  it('at slow speed every changed record is in the trace and its fate rides along', () => {
    const session = new RunSession(endlessExample());
    session.runTo(3000);
    const snap = session.snapshot(false);
    const ids = new Set(recordsOf(snap));
    expect(new Set(snap.fates!.map((f) => f.id))).toEqual(ids);
  });

  it('fate counts say when they are approximate: trace events went by unread at full speed', () => {
    const slow = new RunSession(endlessExample());
    slow.runTo(3000);
    expect(slow.snapshot(false).fatesUnfollowed).toBe(0);

    const fast = new RunSession(endlessExample());
    // Many slices without a snapshot between them: more events than the trace ring holds.
    for (let i = 0; i < 200; i++) fast.advance('max');
    const snap = fast.snapshot(true);
    expect(snap.fatesUnfollowed).toBeGreaterThan(0);
    const counted = Object.values(snap.fateCounts!).reduce(
      (a, c) => a + Object.values(c).reduce((x, y) => x + y, 0),
      0,
    );
    expect(counted).toBeGreaterThan(0);
  });
});
