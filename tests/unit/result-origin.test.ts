import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../src/lib/engine';
import type { SinkRecord } from '../../src/lib/engine/api';
import { FateTracker } from '../../src/lib/engine/fates';
import { EXAMPLES, exampleDocumentOf } from '../../src/lib/pipeline/examples';
import type { PipelineDocument } from '../../src/lib/pipeline';
import { RunSession } from '../../src/lib/worker/session';
import { end, makeDoc, rec } from './engine-helpers';

function run(doc: PipelineDocument): { tracker: FateTracker; rows: SinkRecord[] } {
  const sim = createSimulation(doc, { trace: true });
  sim.run();
  const tracker = new FateTracker(doc);
  tracker.feed(sim.trace().events);
  return { tracker, rows: [...sim.sinkRecords().values()].flat() };
}

const clicks = () => exampleDocumentOf(EXAMPLES.find((e) => e.id === 'clicks-per-user')!);

describe('the origin of a Results row', () => {
  it('a window sum: its window, key and firing, and the records that were in it add up to it', () => {
    const { tracker, rows } = run(clicks());
    expect(rows.length).toBeGreaterThan(3);
    let followed = 0;
    for (const row of rows) {
      // As the UI sends it back: a structured clone of the row.
      const o = tracker.resultOrigin(structuredClone(row));
      expect(o.kind).toBe('window');
      if (o.kind !== 'window') continue;
      expect(o.window).toMatchObject({ node: 'perFiveSeconds', key: row.key, firing: row.firing });
      expect({ start: o.window.start, end: o.window.end }).toEqual(row.window);
      expect(o.derived).toBe(false);
      expect(o.count).toBe(o.records.length);
      expect(o.kept).toBe(o.count);
      for (const r of o.records) {
        expect(r.key).toBe(row.key);
        expect(r.timestamp!).toBeGreaterThanOrEqual(o.window.start);
        expect(r.timestamp!).toBeLessThan(o.window.end);
      }
      // Double, then sum: the source values doubled add up to the row's value.
      expect(o.records.reduce((a, r) => a + 2 * (r.value as number), 0)).toBe(row.value);
      // Each record's own fate names this firing.
      const fate = tracker.get(o.records[0].id)!;
      expect(fate.windows[0]).toMatchObject({ start: o.window.start, firedAt: o.window.firedAt });
      followed++;
    }
    expect(followed).toBe(rows.length);
  });

  it('a record passed along (filter → sink) is its own origin; a window result made anew by a map is "derived"', () => {
    const doc = makeDoc(
      [
        { id: 'src', kind: 'timeline', config: { steps: [rec(1, 1), rec(2, 2), rec(3, 4), end] } },
        { id: 'evens', kind: 'filter', config: { expression: 'value % 2 === 0' } },
        { id: 'out', kind: 'tableSink' },
        { id: 'k', kind: 'keyBy', config: { expression: 'key' } },
        {
          id: 'w',
          kind: 'tumblingWindow',
          config: { time: 'event', size: 10, function: { type: 'sum' } },
        },
        { id: 'm', kind: 'map', config: { expression: 'value * 100' } },
        { id: 'out2', kind: 'tableSink' },
      ],
      [
        { from: 'src', to: 'evens' },
        { from: 'evens', to: 'out' },
        { from: 'src', to: 'k' },
        { from: 'k', to: 'w', partitioning: 'hash' },
        { from: 'w', to: 'm' },
        { from: 'm', to: 'out2' },
      ],
    );
    const { tracker, rows } = run(doc);
    const direct = rows.filter((r) => r.sink === 'out');
    expect(direct.map((r) => r.value)).toEqual([2, 4]);
    for (const row of direct) {
      const o = tracker.resultOrigin(row);
      expect(o.kind).toBe('record');
      if (o.kind === 'record') expect(tracker.get(o.id)!.value).toBe(row.value);
    }
    const mapped = rows.filter((r) => r.sink === 'out2');
    expect(mapped.map((r) => r.value)).toEqual([700]);
    const o = tracker.resultOrigin(mapped[0]);
    expect(o).toMatchObject({ kind: 'window', derived: true, count: 3 });
    if (o.kind === 'window') expect(o.records.map((r) => r.value)).toEqual([1, 2, 4]);
  });

  it('a row the tracker did not follow is said to be unknown, not guessed', () => {
    const { tracker, rows } = run(clicks());
    expect(
      tracker.resultOrigin({ ...rows[0], processingTime: rows[0].processingTime + 1 }),
    ).toEqual({ kind: 'unknown' });
    expect(new FateTracker(clicks()).resultOrigin(rows[0])).toEqual({ kind: 'unknown' });
  });

  it('sliding and session windows: each result lists exactly the records of its window', () => {
    const steps = [rec(1000, 1), rec(2500, 2), rec(4000, 4), rec(9000, 8), end];
    const kinds = [
      { kind: 'slidingWindow', size: 4000, slide: 2000 },
      { kind: 'sessionWindow', gap: 2000 },
    ];
    for (const { kind, ...conf } of kinds) {
      const doc = makeDoc(
        [
          { id: 'src', kind: 'timeline', config: { steps } },
          { id: 'k', kind: 'keyBy', config: { expression: 'key' } },
          { id: 'w', kind, config: { time: 'event', ...conf, function: { type: 'sum' } } },
          { id: 'out', kind: 'tableSink' },
        ],
        [
          { from: 'src', to: 'k' },
          { from: 'k', to: 'w', partitioning: 'hash' },
          { from: 'w', to: 'out' },
        ],
      );
      const { tracker, rows } = run(doc);
      expect(rows.length).toBeGreaterThan(1);
      for (const row of rows) {
        const o = tracker.resultOrigin(row);
        expect(o.kind, kind).toBe('window');
        if (o.kind !== 'window') continue;
        const inside = [1000, 2500, 4000, 9000].filter(
          (ts) => ts >= o.window.start && ts < o.window.end,
        );
        expect(o.records.map((r) => r.timestamp)).toEqual(inside);
        expect(o.records.reduce((a, r) => a + (r.value as number), 0)).toBe(row.value);
      }
    }
  });

  it('a window whose records the tracker may have missed (events went unread, an evictor) is not followed', () => {
    const doc = clicks();
    const sim = createSimulation(doc, { trace: true });
    sim.run();
    const events = sim.trace().events;
    const tracker = new FateTracker(doc);
    const firstFire = events.findIndex((e) => e.type === 'window' && e.action === 'fire');
    tracker.feed(events.slice(0, firstFire - 1));
    tracker.missed();
    tracker.feed(events.slice(firstFire - 1));
    const rows = [...sim.sinkRecords().values()].flat();
    // The windows open at the gap are not followed; a later one, created after it, is.
    const kinds = rows.map((r) => tracker.resultOrigin(r).kind);
    expect(kinds).toContain('unknown');
    expect(kinds).toContain('window');
    expect(kinds).not.toContain('record');

    const evicting = makeDoc(
      [
        { id: 'src', kind: 'timeline', config: { steps: [rec(1, 1), rec(2, 2), rec(3, 4), end] } },
        { id: 'k', kind: 'keyBy', config: { expression: 'key' } },
        {
          id: 'w',
          kind: 'tumblingWindow',
          config: {
            time: 'event',
            size: 10,
            function: { type: 'sum' },
            evictor: { type: 'count', count: 2 },
          },
        },
        { id: 'out', kind: 'tableSink' },
      ],
      [
        { from: 'src', to: 'k' },
        { from: 'k', to: 'w', partitioning: 'hash' },
        { from: 'w', to: 'out' },
      ],
    );
    const ev = run(evicting);
    expect(ev.rows.map((r) => r.value)).toEqual([6]);
    expect(ev.tracker.resultOrigin(ev.rows[0])).toEqual({ kind: 'unknown' });
  });

  it('the Worker session: a row opens its window origin in the snapshot; a record opens its fate; Close forgets both', () => {
    const session = new RunSession(clicks());
    session.step('firing');
    const snap = session.snapshot(false);
    const row = snap.sinks.find((s) => s.node === 'results')!.rows[0];
    session.inspectResult(structuredClone(row));
    const withOrigin = session.snapshot(false);
    expect(withOrigin.origin).toMatchObject({ kind: 'window', window: { key: row.key } });
    const id = withOrigin.origin!.kind === 'window' ? withOrigin.origin!.records[0].id : -1;
    session.inspectRecord(id);
    expect(session.snapshot(false).record?.id).toBe(id);
    session.inspectRecord(null);
    const closed = session.snapshot(false);
    expect(closed.origin).toBeNull();
    expect(closed.record).toBeNull();
    // A reset starts the run over: an origin from before is not shown for it.
    session.inspectResult(structuredClone(row));
    expect(session.snapshot(false).origin).not.toBeNull();
    session.reset();
    expect(session.snapshot(false).origin).toBeNull();
  });
});
