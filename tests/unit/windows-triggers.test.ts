/**
 * Triggers, scenario by scenario, as Flink's EventTimeTrigger, ProcessingTimeTrigger,
 * CountTrigger, ContinuousEventTimeTrigger, ContinuousProcessingTimeTrigger, PurgingTrigger and
 * GlobalWindows' NeverTrigger behave. Each expected output is worked out by hand from Flink's rules
 * (comments give the reasoning), then run through the scripted timeline source.
 */
import { describe, expect, it } from 'vitest';
import { MAX_WATERMARK } from '../../src/lib/engine';
import { adv, end, rec, wm } from './engine-helpers';
import { res, results, windowed } from './window-helpers';

const tumbling = (size: number, extra: Record<string, unknown> = {}) => ({
  kind: 'tumblingWindow',
  config: { size, function: { type: 'sum' }, ...extra },
});

describe('event-time trigger (the default)', () => {
  it('fires on time when the watermark reaches end − 1, not a millisecond before', () => {
    const doc = windowed(
      [rec(1000, 1, 'a'), rec(3000, 2, 'a'), wm(4998), adv(10), wm(4999), adv(10), end],
      tumbling(5000),
    );
    expect(results(doc, 'out', true)).toEqual([
      { ...res('a', 3, 0, 5000, 'on-time'), processingTime: 10 },
    ]);
  });

  it('an element for a window the watermark has passed (within lateness) fires at once: a late firing', () => {
    // Allowed lateness 1000: cleanup of [0, 5000) at 5999. wm 5000 fires on time; the element at
    // 2000 arrives with wm 5000 ≥ 4999, so EventTimeTrigger.onElement returns FIRE.
    const doc = windowed(
      [rec(1000, 1, 'a'), wm(5000), rec(2000, 10, 'a'), wm(5999), rec(3000, 100, 'a'), end],
      tumbling(5000, { allowedLateness: 1000 }),
      { late: true },
    );
    expect(results(doc)).toEqual([res('a', 1, 0, 5000, 'on-time'), res('a', 11, 0, 5000, 'late')]);
    // wm 5999 reached the cleanup time: the window is gone and 3000 + 1000 <= 5999 is late.
    expect(results(doc, 'lateOut')).toEqual([{ key: 'a', value: 100, timestamp: 3000 }]);
  });

  it('a window first seen within the allowed lateness fires at once, as a late firing', () => {
    const doc = windowed(
      [rec(7000, 1, 'a'), wm(6000), rec(4000, 5, 'a'), end],
      tumbling(5000, { allowedLateness: 2000 }),
    );
    // [0, 5000): maxTimestamp 4999 <= wm 6000 < cleanup 6999 → created and fired by the element.
    expect(results(doc)).toEqual([
      res('a', 5, 0, 5000, 'late'),
      res('a', 1, 5000, 10000, 'on-time'),
    ]);
  });
});

describe('purging event-time trigger', () => {
  it('purges at the on-time firing, so a late firing holds only the late elements', () => {
    const doc = windowed(
      [rec(1000, 1, 'a'), rec(2000, 2, 'a'), wm(5000), rec(3000, 4, 'a'), end],
      tumbling(5000, { allowedLateness: 1000, trigger: { type: 'purging', of: 'eventTime' } }),
    );
    expect(results(doc)).toEqual([res('a', 3, 0, 5000, 'on-time'), res('a', 4, 0, 5000, 'late')]);
  });
});

describe('processing-time trigger', () => {
  it('processing-time windows are assigned by the clock and fire when it reaches end − 1', () => {
    // Timestamps are ignored: t=0 and t=500 fall in [0, 1000); t=1100 in [1000, 2000), which
    // never fires: the input ends first and, as in Flink, pending processing-time timers are
    // dropped at the end of a bounded input.
    const doc = windowed(
      [rec(99999, 1, 'a'), adv(500), rec(5, 2, 'a'), adv(600), rec(7, 4, 'a'), end],
      tumbling(1000, { time: 'processing' }),
    );
    expect(results(doc, 'out', true)).toEqual([
      { ...res('a', 3, 0, 1000, 'on-time'), processingTime: 999 },
    ]);
  });

  it('purging processing-time trigger: same firings, contents cleared', () => {
    const doc = windowed(
      [rec(0, 1, 'a'), adv(500), rec(0, 2, 'a'), adv(600), end],
      tumbling(1000, { time: 'processing', trigger: { type: 'purging', of: 'processingTime' } }),
    );
    expect(results(doc)).toEqual([res('a', 3, 0, 1000, 'on-time')]);
  });
});

describe('count trigger', () => {
  const steps = [
    rec(1000, 1, 'a'),
    rec(2000, 2, 'a'),
    rec(3000, 4, 'a'),
    rec(4000, 8, 'a'),
    rec(4500, 16, 'a'),
    wm(4999),
    end,
  ];

  it('fires every N elements with all of the window so far (no purge); the rest is cleared at end − 1 unfired', () => {
    // Fires after 1,2 (3) and after 4,8 (1+2+4+8 = 15); 16 is the first of the next count, so
    // at the cleanup time (4999, no lateness) the window is cleared without firing again.
    const doc = windowed(steps, tumbling(5000, { trigger: { type: 'count', count: 2 } }));
    expect(results(doc)).toEqual([res('a', 3, 0, 5000, 'early'), res('a', 15, 0, 5000, 'early')]);
  });

  it('purging count trigger: each firing sees only the elements since the last one', () => {
    const doc = windowed(
      steps,
      tumbling(5000, { trigger: { type: 'count', count: 2, purging: true } }),
    );
    expect(results(doc)).toEqual([res('a', 3, 0, 5000, 'early'), res('a', 12, 0, 5000, 'early')]);
  });

  it('counts per key and per window', () => {
    const doc = windowed(
      [rec(1, 1, 'a'), rec(2, 10, 'b'), rec(6000, 100, 'a'), rec(3, 2, 'a'), rec(4, 20, 'b'), end],
      tumbling(5000, { trigger: { type: 'count', count: 2 } }),
    );
    expect(results(doc)).toEqual([res('a', 3, 0, 5000, 'early'), res('b', 30, 0, 5000, 'early')]);
  });
});

describe('continuous event-time trigger', () => {
  const steps = [
    rec(1000, 1, 'a'),
    rec(2000, 2, 'a'),
    wm(3000),
    rec(4000, 4, 'a'),
    wm(7000),
    wm(9999),
    end,
  ];
  const cont = (purging: boolean) =>
    tumbling(10000, { trigger: { type: 'continuousEventTime', interval: 3000, purging } });

  it('fires at every interval boundary the watermark passes, then on time at end − 1', () => {
    // First element (1000): next fire = 1000 − 1000 % 3000 + 3000 = 3000, and a timer at 9999.
    // wm 3000 → fire (3), next 6000. wm 7000 → fire at 6000 (7), next 9000. wm 9999 → 9000
    // fires (7, early) and next = min(12000, 9999) = 9999, which fires on time (7).
    const doc = windowed(steps, cont(false));
    expect(results(doc)).toEqual([
      res('a', 3, 0, 10000, 'early'),
      res('a', 7, 0, 10000, 'early'),
      res('a', 7, 0, 10000, 'early'),
      res('a', 7, 0, 10000, 'on-time'),
    ]);
  });

  it('purging: each firing has only what arrived since the last; an empty window emits nothing', () => {
    const doc = windowed(steps, cont(true));
    expect(results(doc)).toEqual([res('a', 3, 0, 10000, 'early'), res('a', 4, 0, 10000, 'early')]);
  });

  it('an element for a window past the watermark fires at once (late), as EventTimeTrigger', () => {
    const doc = windowed(
      [rec(1000, 1, 'a'), wm(5000), rec(2000, 2, 'a'), end],
      tumbling(5000, {
        allowedLateness: 1000,
        trigger: { type: 'continuousEventTime', interval: 2000 },
      }),
    );
    // 2000 fires early (1), wm 5000 fires 4000 (early, 1) and 4999 (on time, 1); then the late
    // element fires the window with 3.
    expect(results(doc)).toEqual([
      res('a', 1, 0, 5000, 'early'),
      res('a', 1, 0, 5000, 'early'),
      res('a', 1, 0, 5000, 'on-time'),
      res('a', 3, 0, 5000, 'late'),
    ]);
  });
});

describe('continuous processing-time trigger', () => {
  it('fires every interval of processing time, at most at end − 1, where the window is cleaned up', () => {
    // t=0: next fire 3000, cleanup timer 9999. Fires at 3000 (2 elements), 6000 (3), 9000 (3),
    // then next = min(12000, 9999) = 9999: fires on time (3) and the window is cleared.
    const doc = windowed(
      [rec(0, 1, 'a'), adv(1000), rec(0, 1, 'a'), adv(3000), rec(0, 1, 'a'), adv(6500), end],
      tumbling(10000, {
        time: 'processing',
        function: { type: 'count' },
        trigger: { type: 'continuousProcessingTime', interval: 3000 },
      }),
    );
    expect(results(doc, 'out', true)).toEqual([
      { ...res('a', 2, 0, 10000, 'early'), processingTime: 3000 },
      { ...res('a', 3, 0, 10000, 'early'), processingTime: 6000 },
      { ...res('a', 3, 0, 10000, 'early'), processingTime: 9000 },
      { ...res('a', 3, 0, 10000, 'on-time'), processingTime: 9999 },
    ]);
  });

  it('on a global window it keeps firing every interval while the input runs', () => {
    const doc = windowed([rec(0, 1, 'a'), adv(250), rec(0, 2, 'a'), adv(200), end], {
      kind: 'globalWindow',
      config: {
        function: { type: 'sum' },
        trigger: { type: 'continuousProcessingTime', interval: 100, purging: true },
      },
    });
    // Fires at 100 (1), 200 (nothing new: empty after the purge), 300 (2), 400 (empty).
    expect(results(doc, 'out', true)).toEqual([
      { key: 'a', value: 1, timestamp: MAX_WATERMARK, processingTime: 100 },
      { key: 'a', value: 2, timestamp: MAX_WATERMARK, processingTime: 300 },
    ]);
  });
});

describe('global windows', () => {
  it('the default trigger never fires (GlobalWindows.create() uses NeverTrigger)', () => {
    const doc = windowed([rec(1, 1, 'a'), rec(2, 2, 'a'), end], {
      kind: 'globalWindow',
      config: { trigger: { type: 'default' } },
    });
    expect(results(doc)).toEqual([]);
  });

  it('a purging event-time trigger fires once, at the end of a bounded input (MAX watermark)', () => {
    const doc = windowed([rec(1, 1, 'a'), rec(2, 2, 'a'), wm(1_000_000), end], {
      kind: 'globalWindow',
      config: { function: { type: 'sum' }, trigger: { type: 'purging', of: 'eventTime' } },
    });
    // A GlobalWindow has no bounds: the result carries no window and no firing.
    expect(results(doc)).toEqual([{ key: 'a', value: 3, timestamp: MAX_WATERMARK }]);
  });

  it('the Global window node defaults to a purging count trigger of 3', () => {
    const doc = windowed([...[1, 2, 3, 4, 5, 6, 7].map((v) => rec(v, v, 'a')), end], {
      kind: 'globalWindow',
      config: { function: { type: 'sum' } },
    });
    expect(results(doc).map((r) => r.value)).toEqual([6, 15]);
  });
});
