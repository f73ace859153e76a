/**
 * Window triggers as Flink defines them (org.apache.flink.streaming.api.windowing.triggers):
 * EventTimeTrigger, ProcessingTimeTrigger, CountTrigger, ContinuousEventTimeTrigger,
 * ContinuousProcessingTimeTrigger, PurgingTrigger, and GlobalWindows' NeverTrigger.
 *
 * A trigger is told about elements, timers and merges of one (key, window) through a
 * TriggerContext, and answers CONTINUE, FIRE, PURGE or FIRE_AND_PURGE. Its timers are the window
 * operator's timers in the window's namespace. Flink's triggers keep at most one number of
 * per-window state (the count, or the next fire time), so that is what the context offers.
 */
import type { Trigger } from '../../pipeline/kinds';
import type { TimeWindow } from './assigners';

export type TriggerResult = number;
export const CONTINUE: TriggerResult = 0;
export const FIRE: TriggerResult = 1;
export const PURGE: TriggerResult = 2;
export const FIRE_AND_PURGE: TriggerResult = FIRE | PURGE;

export const isFire = (r: TriggerResult) => (r & FIRE) !== 0;
export const isPurge = (r: TriggerResult) => (r & PURGE) !== 0;

export interface TriggerContext {
  /** The window the call is about (for merging windows: the merged window, not the state window). */
  readonly window: TimeWindow;
  readonly currentWatermark: number;
  /** Current processing time. */
  readonly now: number;
  /** The trigger's state for (key, window): Flink's ReducingState<Long>; null when empty. */
  getState(): number | null;
  setState(value: number | null): void;
  registerEventTimeTimer(time: number): void;
  deleteEventTimeTimer(time: number): void;
  registerProcessingTimeTimer(time: number): void;
  deleteProcessingTimeTimer(time: number): void;
}

export interface OnMergeContext extends TriggerContext {
  /**
   * Flink's mergePartitionedState: combines the states of the merged windows with `reduce` into
   * this (the merged) window's state, and removes theirs.
   */
  mergeState(reduce: (a: number, b: number) => number): void;
}

export interface WindowTrigger {
  /** `timestamp`: the element's timestamp (null when the stream has none). */
  onElement(timestamp: number | null, ctx: TriggerContext): TriggerResult;
  onEventTime(time: number, ctx: TriggerContext): TriggerResult;
  onProcessingTime(time: number, ctx: TriggerContext): TriggerResult;
  onMerge(ctx: OnMergeContext): void;
  /** The window is being removed: delete this trigger's timers and state. */
  clear(ctx: TriggerContext): void;
}

const maxTs = (w: TimeWindow) => w.end - 1;

/** Fires when the watermark passes the window's end − 1; at once for an element of a window already past it. */
export const eventTimeTrigger: WindowTrigger = {
  onElement(_ts, ctx) {
    if (maxTs(ctx.window) <= ctx.currentWatermark) return FIRE;
    ctx.registerEventTimeTimer(maxTs(ctx.window));
    return CONTINUE;
  },
  onEventTime: (time, ctx) => (time === maxTs(ctx.window) ? FIRE : CONTINUE),
  onProcessingTime: () => CONTINUE,
  onMerge(ctx) {
    // Only when the watermark is not past the merged window: else onElement fires it, and a
    // timer as well would fire it twice.
    if (maxTs(ctx.window) > ctx.currentWatermark) ctx.registerEventTimeTimer(maxTs(ctx.window));
  },
  clear(ctx) {
    ctx.deleteEventTimeTimer(maxTs(ctx.window));
  },
};

/** Fires when the processing-time clock reaches the window's end − 1. */
export const processingTimeTrigger: WindowTrigger = {
  onElement(_ts, ctx) {
    ctx.registerProcessingTimeTimer(maxTs(ctx.window));
    return CONTINUE;
  },
  onEventTime: () => CONTINUE,
  onProcessingTime: () => FIRE,
  onMerge(ctx) {
    if (maxTs(ctx.window) > ctx.now) ctx.registerProcessingTimeTimer(maxTs(ctx.window));
  },
  clear(ctx) {
    ctx.deleteProcessingTimeTimer(maxTs(ctx.window));
  },
};

/** GlobalWindows' default trigger: never fires. */
export const neverTrigger: WindowTrigger = {
  onElement: () => CONTINUE,
  onEventTime: () => CONTINUE,
  onProcessingTime: () => CONTINUE,
  onMerge() {},
  clear() {},
};

const sum = (a: number, b: number) => a + b;

/** Fires (without purging) when the window holds `count` elements since its last firing. */
export function countTrigger(count: number): WindowTrigger {
  return {
    onElement(_ts, ctx) {
      const n = (ctx.getState() ?? 0) + 1;
      if (n >= count) {
        ctx.setState(null);
        return FIRE;
      }
      ctx.setState(n);
      return CONTINUE;
    },
    onEventTime: () => CONTINUE,
    onProcessingTime: () => CONTINUE,
    onMerge(ctx) {
      // The counts add up; a merged count at or above `count` fires with the next element.
      ctx.mergeState(sum);
    },
    clear(ctx) {
      ctx.setState(null);
    },
  };
}

/**
 * Flink's ContinuousEventTimeTrigger (as of FLINK-20443): fires every `interval` of event time,
 * at interval boundaries, and at the window's end; never later than end − 1. An element of a
 * window whose end the watermark has passed fires it at once.
 */
export function continuousEventTimeTrigger(interval: number): WindowTrigger {
  const registerNext = (time: number, ctx: TriggerContext) => {
    const next = Math.min(time + interval, maxTs(ctx.window));
    const cur = ctx.getState();
    ctx.setState(cur === null ? next : Math.min(cur, next));
    ctx.registerEventTimeTimer(next);
  };
  return {
    onElement(ts, ctx) {
      if (maxTs(ctx.window) <= ctx.currentWatermark) return FIRE;
      ctx.registerEventTimeTimer(maxTs(ctx.window));
      // Java's % keeps the dividend's sign, as JavaScript's does.
      if (ctx.getState() === null && ts !== null) registerNext(ts - (ts % interval), ctx);
      return CONTINUE;
    },
    onEventTime(time, ctx) {
      if (time === maxTs(ctx.window)) return FIRE;
      if (ctx.getState() === time) {
        ctx.setState(null);
        registerNext(time, ctx);
        return FIRE;
      }
      return CONTINUE;
    },
    onProcessingTime: () => CONTINUE,
    onMerge(ctx) {
      // The earliest pending fire time of the merged windows, registered for the new window.
      ctx.mergeState(Math.min);
      const next = ctx.getState();
      if (next !== null) ctx.registerEventTimeTimer(next);
    },
    clear(ctx) {
      const t = ctx.getState();
      if (t !== null) {
        ctx.deleteEventTimeTimer(t);
        ctx.setState(null);
      }
    },
  };
}

/**
 * Flink's ContinuousProcessingTimeTrigger: fires every `interval` of processing time, aligned to
 * multiples of the interval from the first element's arrival, never later than end − 1. It does
 * not fire at the window's end by itself: the window operator's cleanup at end − 1 does.
 */
export function continuousProcessingTimeTrigger(interval: number): WindowTrigger {
  const registerNext = (time: number, ctx: TriggerContext) => {
    const next = Math.min(time + interval, maxTs(ctx.window));
    const cur = ctx.getState();
    ctx.setState(cur === null ? next : Math.min(cur, next));
    ctx.registerProcessingTimeTimer(next);
  };
  return {
    onElement(_ts, ctx) {
      const now = ctx.now;
      if (ctx.getState() === null) registerNext(now - (now % interval), ctx);
      return CONTINUE;
    },
    onEventTime: () => CONTINUE,
    onProcessingTime(time, ctx) {
      if (ctx.getState() === time) {
        ctx.setState(null);
        registerNext(time, ctx);
        return FIRE;
      }
      return CONTINUE;
    },
    onMerge(ctx) {
      ctx.mergeState(Math.min);
      const next = ctx.getState();
      if (next !== null) ctx.registerProcessingTimeTimer(next);
    },
    clear(ctx) {
      const t = ctx.getState();
      if (t !== null) {
        ctx.deleteProcessingTimeTimer(t);
        ctx.setState(null);
      }
    },
  };
}

/** Flink's PurgingTrigger: the nested trigger's FIRE becomes FIRE_AND_PURGE. */
export function purging(inner: WindowTrigger): WindowTrigger {
  const p = (r: TriggerResult) => (isFire(r) ? FIRE_AND_PURGE : r);
  return {
    onElement: (ts, ctx) => p(inner.onElement(ts, ctx)),
    onEventTime: (t, ctx) => p(inner.onEventTime(t, ctx)),
    onProcessingTime: (t, ctx) => p(inner.onProcessingTime(t, ctx)),
    onMerge: (ctx) => inner.onMerge(ctx),
    clear: (ctx) => inner.clear(ctx),
  };
}

/** The trigger a window node's config asks for; `domain` decides what `default` means. */
export function triggerOf(t: Trigger, domain: 'event' | 'processing' | 'none'): WindowTrigger {
  switch (t.type) {
    case 'default':
      return domain === 'event'
        ? eventTimeTrigger
        : domain === 'processing'
          ? processingTimeTrigger
          : neverTrigger;
    case 'count':
      return t.purging ? purging(countTrigger(t.count)) : countTrigger(t.count);
    case 'continuousEventTime': {
      const c = continuousEventTimeTrigger(t.interval);
      return t.purging ? purging(c) : c;
    }
    case 'continuousProcessingTime': {
      const c = continuousProcessingTimeTrigger(t.interval);
      return t.purging ? purging(c) : c;
    }
    case 'purging':
      return purging(t.of === 'eventTime' ? eventTimeTrigger : processingTimeTrigger);
  }
}
