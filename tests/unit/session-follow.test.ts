import { describe, expect, it } from 'vitest';
import type { PipelineDocument } from '../../src/lib/pipeline';
import { endlessExample } from './session-helpers';
import { RunSession } from '../../src/lib/worker/session';
import type { TraceEvent } from '../../src/lib/engine/api';

const received = (events: readonly TraceEvent[], node: string) =>
  events.filter((e) => e.type === 'receive' && e.node === node).length;

/** Every trace event of a run to `time`, read in snapshots small enough to carry all. */
function fullTrace(doc: PipelineDocument, time: number): TraceEvent[] {
  const session = new RunSession(doc);
  const all: TraceEvent[] = [];
  for (let t = 10; t <= time; t += 10) {
    session.runTo(t);
    const snap = session.snapshot(false);
    expect(snap.trace.length).toBeLessThanOrEqual(1000);
    all.push(...snap.trace);
  }
  return all;
}

const WINDOW = 'perFiveSeconds';

describe('the snapshot after a jump carries the followed node’s records, not every record', () => {
  const doc = endlessExample();
  const reference = fullTrace(doc, 10_000);
  const at = (events: readonly TraceEvent[], node: string, type: TraceEvent['type']) =>
    events.filter((e) => e.node === node && e.type === type);

  it('the newest 3000 records at the followed window (and its window events), every key event, few others', () => {
    const session = new RunSession(doc);
    session.follow(WINDOW);
    session.snapshot(false);
    session.runTo(10_000);
    const trace = session.snapshot(false).trace;

    const got = at(trace, WINDOW, 'receive');
    const all = at(reference, WINDOW, 'receive');
    expect(all.length).toBeGreaterThan(9000);
    // At least as many as the timeline keeps, and they are the newest ones, in order.
    expect(got.length).toBeGreaterThanOrEqual(3000);
    expect(got.length).toBeLessThan(4000);
    expect(got).toEqual(all.slice(-got.length));
    const adds = (events: readonly TraceEvent[]) =>
      at(events, WINDOW, 'window').filter((e) => e.type === 'window' && e.action === 'add');
    expect(adds(trace).length).toBeGreaterThanOrEqual(3000);
    // Firings, watermarks and drops: all of them.
    const fires = (events: readonly TraceEvent[]) =>
      events.filter((e) => e.type === 'window' && e.action === 'fire');
    expect(fires(trace)).toEqual(fires(reference));
    expect(trace.filter((e) => e.type === 'watermark')).toEqual(
      reference.filter((e) => e.type === 'watermark'),
    );
    // Records in passing elsewhere: only those of the newest 1000 events.
    expect(at(trace, 'double', 'receive').length).toBeLessThan(1000);
    expect(trace.length).toBeLessThan(reference.length / 4);
  });

  it('without a followed node only the newest 1000 events and the key events', () => {
    const session = new RunSession(doc);
    session.runTo(10_000);
    const trace = session.snapshot(false).trace;
    expect(received(trace, WINDOW)).toBeLessThan(1000);
    const keyEvents = reference.filter(
      (e) => e.type === 'watermark' || (e.type === 'window' && e.action === 'fire'),
    ).length;
    expect(trace.length).toBeLessThan(keyEvents + 1000 + 200);
  });

  it('after a change of the followed node the next snapshot carries its history, once', () => {
    const session = new RunSession(doc);
    session.follow(WINDOW);
    session.runTo(10_000);
    session.snapshot(false);
    session.follow('clicks');
    const snap = session.snapshot(false);
    expect(snap.trace).toEqual([]);
    const history = snap.followedTrace!;
    expect(history.node).toBe('clicks');
    const emits = at(history.events, 'clicks', 'emit');
    expect(emits.length).toBe(3000);
    expect(emits).toEqual(at(reference, 'clicks', 'emit').slice(-3000));
    // Only events at the source (and the job's failures and restores, none here).
    expect(history.events.every((e) => e.node === 'clicks')).toBe(true);
    // The older records were left out: the detail is complete from the first one kept.
    expect(history.since).toBe(history.events[0].time);
    expect(history.since).toBeGreaterThan(6000);
    // With the fates of those records as they are now (the UI was not sent them before).
    const fates = new Map(snap.fates!.map((f) => [f.id, f.fate]));
    for (const e of emits)
      if (e.type === 'emit')
        expect(fates.get(e.record!)).toBe(session.fateTracker.get(e.record!)!.fate);
    expect(fates.size).toBe(3000);
    expect(session.snapshot(false).followedTrace).toBeUndefined();
  });

  it('a node followed before its first snapshot gets its records once, in the history', () => {
    const session = new RunSession(doc);
    session.follow(WINDOW);
    session.runTo(10_000);
    const snap = session.snapshot(false);
    // The window's own results (emits) do not count: 3000 records received, as the timeline keeps.
    expect(at(snap.followedTrace!.events, WINDOW, 'receive')).toEqual(
      at(reference, WINDOW, 'receive').slice(-3000),
    );
    // Not a second time in the trace.
    expect(received(snap.trace, WINDOW)).toBeLessThan(1000);
  });
});
