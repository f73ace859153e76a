/**
 * Session windows: merging as Flink's MergingWindowSet does, with the timers of merged windows
 * deleted and re-registered, triggers merged (onMerge), and state merged with the aggregate's
 * `merge` (incremental functions) or by concatenation (process functions keep all elements).
 */
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../src/lib/engine';
import { MergingWindowSet } from '../../src/lib/engine/windows/mergingWindowSet';
import type { TimeWindow } from '../../src/lib/engine/windows/assigners';
import { adv, end, rec, wm } from './engine-helpers';
import { res, results, run, windowed } from './window-helpers';

const sessionOf = (gap: number, extra: Record<string, unknown> = {}) => ({
  kind: 'sessionWindow',
  config: { gap, function: { type: 'count' }, ...extra },
});

describe('MergingWindowSet (as Flink MergingWindowSetTest drives it)', () => {
  const w = (start: number, end: number): TimeWindow => ({ start, end });
  it('keeps one state window per merged window and reports each merge once', () => {
    const set = new MergingWindowSet();
    const merges: unknown[] = [];
    const add = (x: TimeWindow) =>
      set.addWindow(x, (result, merged, stateWindow, mergedStates) =>
        merges.push({ result, merged, stateWindow, mergedStates }),
      );
    expect(add(w(1, 3))).toEqual(w(1, 3));
    expect(add(w(5, 7))).toEqual(w(5, 7));
    expect(merges).toEqual([]);
    // Inside [1,3): absorbed, the window does not grow, no merge.
    expect(add(w(2, 3))).toEqual(w(1, 3));
    expect(merges).toEqual([]);
    // Bridges both: [1,7) keeps [1,3)'s state window; [5,7)'s contents must move into it.
    expect(add(w(3, 5))).toEqual(w(1, 7));
    expect(merges).toEqual([
      {
        result: w(1, 7),
        merged: [w(1, 3), w(5, 7)],
        stateWindow: w(1, 3),
        mergedStates: [w(5, 7)],
      },
    ]);
    expect(set.getStateWindow(w(1, 7))).toEqual(w(1, 3));
    expect(set.getStateWindow(w(1, 3))).toBeNull();
    // Growing again keeps the same state window.
    expect(add(w(6, 9))).toEqual(w(1, 9));
    expect(set.getStateWindow(w(1, 9))).toEqual(w(1, 3));
    set.retireWindow(w(1, 9));
    expect(set.size).toBe(0);
    expect(() => set.retireWindow(w(1, 9))).toThrow();
  });
});

describe('session windows', () => {
  it('merge intersecting windows (touching counts) and fire once per session', () => {
    // [1000,3000) + [2500,4500) → [1000,4500); [9000,11000) alone; [1800,3800) lies inside.
    const doc = windowed(
      [rec(1000, 1, 'a'), rec(2500, 1, 'a'), rec(9000, 1, 'a'), rec(1800, 1, 'a'), end],
      sessionOf(2000),
    );
    expect(results(doc)).toEqual([
      res('a', 3, 1000, 4500, 'on-time'),
      res('a', 1, 9000, 11000, 'on-time'),
    ]);
  });

  it('windows that only touch merge: [1000,2000) and [2000,3000) are one session', () => {
    const doc = windowed([rec(1000, 1, 'a'), rec(2000, 1, 'a'), end], sessionOf(1000));
    expect(results(doc)).toEqual([res('a', 2, 1000, 3000, 'on-time')]);
  });

  it('the timer of a merged window is deleted and the merged window gets its own', () => {
    // [1000,3000) has a timer at 2999; the element at 2800 merges it into [1000,4800). As in
    // WindowOperator's merge callback, the trigger's onMerge first registers 4799 for the merged
    // window, then clearing the old window deletes 2999 (nothing fires at wm 2999).
    const doc = windowed(
      [rec(1000, 1, 'a'), wm(2000), rec(2800, 1, 'a'), wm(2999), adv(5), wm(4799), end],
      sessionOf(2000),
    );
    const sim = run(doc, { trace: true });
    expect(
      sim
        .sinkRecords()
        .get('out')!
        .map((r) => [r.value, r.window, r.processingTime]),
    ).toEqual([[2, { start: 1000, end: 4800 }, 5]]);
    const timers = sim
      .trace()
      .events.filter((e): e is Extract<TraceEvent, { type: 'timer' }> => e.type === 'timer')
      .filter((e) => e.node === 'w')
      .map((e) => `${e.action} ${e.at}`);
    expect(timers).toEqual(['set 2999', 'set 4799', 'delete 2999', 'fire 4799']);
    const merges = sim
      .trace()
      .events.filter((e) => e.type === 'window' && e.action === 'merge')
      .map((e) => (e.type === 'window' ? [e.start, e.end] : null));
    expect(merges).toEqual([[1000, 4800]]);
  });

  it('a late element can merge fired windows into one that fires again (within lateness)', () => {
    // gap 1000, lateness 2000. [1000,2000) fires at wm 1999 and lives until 3999. [2500,3500)
    // waits for 3499. The late 1500 gives [1500,2500), which touches both: they merge into
    // [1000,3500), not late (cleanup 5499), so the merged session fires at 3499 with all three.
    const doc = windowed(
      [rec(1000, 1, 'a'), wm(1999), rec(2500, 1, 'a'), rec(1500, 1, 'a'), wm(3499), end],
      sessionOf(1000, { allowedLateness: 2000 }),
    );
    expect(results(doc)).toEqual([
      res('a', 1, 1000, 2000, 'on-time'),
      res('a', 3, 1000, 3500, 'on-time'),
    ]);
  });

  it('a late element whose session window is past cleanup goes to the side output', () => {
    const doc = windowed(
      [rec(1000, 1, 'a'), wm(5000), rec(1500, 7, 'a'), end],
      sessionOf(1000, { function: { type: 'sum' } }),
      { late: true },
    );
    expect(results(doc)).toEqual([res('a', 1, 1000, 2000, 'on-time')]);
    expect(results(doc, 'lateOut')).toEqual([{ key: 'a', value: 7, timestamp: 1500 }]);
  });

  it('keys have separate sessions', () => {
    const doc = windowed(
      [rec(1000, 1, 'a'), rec(1500, 1, 'b'), rec(2000, 1, 'a'), end],
      sessionOf(1000),
    );
    expect(results(doc)).toEqual([
      res('b', 1, 1500, 2500, 'on-time'),
      res('a', 2, 1000, 3000, 'on-time'),
    ]);
  });

  it('processing-time sessions close after a gap of processing time', () => {
    const doc = windowed(
      [rec(0, 1, 'a'), adv(300), rec(0, 1, 'a'), adv(1500), rec(0, 1, 'a'), adv(2000), end],
      sessionOf(1000, { time: 'processing' }),
    );
    // [0,1000) + [300,1300) → [0,1300), fires at 1299; [1800,2800) fires at 2799.
    expect(results(doc, 'out', true)).toEqual([
      { ...res('a', 2, 0, 1300, 'on-time'), processingTime: 1299 },
      { ...res('a', 1, 1800, 2800, 'on-time'), processingTime: 2799 },
    ]);
  });
});

describe('merging window state', () => {
  // [1000,2000) and [3000,4000) hold 1 and 2; the element at 2000 bridges them: [1000,4000).
  const bridge = [rec(1000, 1, 'a'), rec(3000, 2, 'a'), rec(2000, 4, 'a'), end];

  it("an aggregate's accumulators are combined with its merge function", () => {
    // merge adds 1000 so that its use shows: merge(1, 2) = 1003, then add 4 → 1007.
    const doc = windowed(
      bridge,
      sessionOf(1000, {
        function: {
          type: 'aggregate',
          create: '0',
          add: 'acc + value',
          merge: 'a + b + 1000',
          result: 'acc',
        },
      }),
    );
    expect(results(doc)).toEqual([res('a', 1007, 1000, 4000, 'on-time')]);
  });

  it('merge is not called when a new window only extends one session', () => {
    const doc = windowed(
      [rec(1000, 1, 'a'), rec(1500, 2, 'a'), end],
      sessionOf(1000, {
        function: {
          type: 'aggregate',
          create: '0',
          add: 'acc + value',
          merge: 'a + b + 1000',
          result: 'acc',
        },
      }),
    );
    expect(results(doc)).toEqual([res('a', 3, 1000, 2500, 'on-time')]);
  });

  it('a reduce merges with the reduce function; a process function sees every element', () => {
    const reduce = windowed(
      bridge,
      sessionOf(1000, { function: { type: 'reduce', expression: 'a * 10 + b' } }),
    );
    // reduce(1, 2) = 12 on merge, then reduce(12, 4) = 124.
    expect(results(reduce).map((r) => r.value)).toEqual([124]);
    const process = windowed(
      bridge,
      sessionOf(1000, {
        function: {
          type: 'process',
          expression: '`${elements.join(",")} in [${window.start}, ${window.end})`',
        },
      }),
    );
    expect(results(process).map((r) => r.value)).toEqual(['1,2,4 in [1000, 4000)']);
  });

  it('count triggers merge their counts (CountTrigger.onMerge)', () => {
    // count 3: [1000,2000) has 1, [3000,4000) has 1; merged count 2, the bridge makes 3: fire.
    const doc = windowed(
      [rec(1000, 1, 'a'), rec(3000, 2, 'a'), rec(2000, 4, 'a'), wm(3500), end],
      sessionOf(1000, { function: { type: 'sum' }, trigger: { type: 'count', count: 3 } }),
    );
    expect(results(doc)).toEqual([res('a', 7, 1000, 4000, 'early')]);
  });

  it('continuous event-time triggers carry the earliest fire time into the merged window', () => {
    // [1000,6000): fire time 2000. The element at 4000 merges it into [1000,9000); the fire
    // time 2000 moves there (the old window's timer at 2000 still fires, for a window that no
    // longer exists, and is ignored). Then fires at 2000, 4000, 6000, 8000 and on time at 8999.
    const doc = windowed(
      [rec(1000, 1, 'a'), rec(4000, 1, 'a'), wm(2500), wm(8999), end],
      sessionOf(5000, { trigger: { type: 'continuousEventTime', interval: 2000 } }),
    );
    expect(results(doc)).toEqual([
      res('a', 2, 1000, 9000, 'early'),
      res('a', 2, 1000, 9000, 'early'),
      res('a', 2, 1000, 9000, 'early'),
      res('a', 2, 1000, 9000, 'early'),
      res('a', 2, 1000, 9000, 'on-time'),
    ]);
  });

  it('continuous processing-time triggers merge too, and the merged session fires every interval', () => {
    // t=0: [0,1000) with fire time 300. t=200: [200,1200) merges it into [0,1200), which takes
    // over the fire time 300; fires at 300, 600, 900 (early) and 1199 (on time, then cleaned up).
    const doc = windowed(
      [rec(0, 1, 'a'), adv(200), rec(0, 1, 'a'), adv(2000), end],
      sessionOf(1000, {
        time: 'processing',
        trigger: { type: 'continuousProcessingTime', interval: 300 },
      }),
    );
    expect(results(doc, 'out', true)).toEqual([
      { ...res('a', 2, 0, 1200, 'early'), processingTime: 300 },
      { ...res('a', 2, 0, 1200, 'early'), processingTime: 600 },
      { ...res('a', 2, 0, 1200, 'early'), processingTime: 900 },
      { ...res('a', 2, 0, 1200, 'on-time'), processingTime: 1199 },
    ]);
  });
});
