/**
 * Flink's KeyedProcessOperator running a user KeyedProcessFunction written as two JavaScript
 * function bodies:
 *
 *   processElement(value, ctx, state, out)   for every element of the current key
 *   onTimer(timestamp, ctx, state, out)      for every timer of the current key that fires
 *
 * As in Flink: `out.collect(x)` emits with the element's timestamp in processElement, the timer's
 * timestamp for an event-time timer, and no timestamp for a processing-time timer; timers are
 * per key and deduplicated (one timer per key and time); an event-time timer fires when the
 * watermark reaches its time, before the watermark goes downstream; state is scoped to the key.
 * The output keeps the current key as its key.
 */
import type { Key } from '../api';
import type { NodeOf } from '../../pipeline/types';
import { compileFunction, describeThrown } from '../expressions';
import { replayLegacyLog, type LegacyLog } from '../checkpoints/replayLog';
import { KeyedStateStore, keyId, type KeyedStateSnapshot, type StateAccess } from './keyedState';
import type { Operator, OperatorContext, OperatorFactory, TimeDomain } from './types';

type Collector = { collect(value: unknown): void };
type ElementFn = (value: unknown, ctx: object, state: StateAccess, out: Collector) => unknown;
type TimerFn = (timestamp: number, ctx: object, state: StateAccess, out: Collector) => unknown;

/** A process function's checkpoint (see snapshot()). */
export interface ProcessFunctionState {
  v: 1;
  state: KeyedStateSnapshot;
  timers: PendingTimer[];
}

interface PendingTimer {
  domain: TimeDomain;
  time: number;
  key: Key;
}

function checkTime(method: string, time: unknown): number {
  if (typeof time !== 'number' || !Number.isFinite(time) || !Number.isInteger(time))
    throw new TypeError(`${method} needs a time in whole milliseconds, got ${String(time)}`);
  return time;
}

export const processFunctionOperator: OperatorFactory = (node) => {
  const c = (node as NodeOf<'processFunction'>).config;
  const onElement = compileFunction<ElementFn>(
    ['value', 'ctx', 'state', 'out'],
    c.processElement,
    node.id,
    'config.processElement',
  );
  const onTimerFn = compileFunction<TimerFn>(
    ['timestamp', 'ctx', 'state', 'out'],
    c.onTimer,
    node.id,
    'config.onTimer',
  );

  return () => {
    const store = new KeyedStateStore();
    const pending = new Map<string, PendingTimer>();
    const pid = (domain: TimeDomain, time: number, key: Key) => `${domain}|${time}|${keyId(key)}`;

    // What the current call is about; the user-facing objects below read it.
    let ctx!: OperatorContext;
    let key: Key = null;
    let timestamp: number | null = null;
    /** The timestamp out.collect gives results (null: none). */
    let outTimestamp: number | null = null;
    let domain: TimeDomain = 'event';

    const timerService = {
      currentProcessingTime: () => ctx.now,
      currentWatermark: () => ctx.currentWatermark,
      registerEventTimeTimer(time: unknown) {
        const t = checkTime('registerEventTimeTimer', time);
        pending.set(pid('event', t, key), { domain: 'event', time: t, key });
        ctx.timers.registerEventTimeTimer(t, key);
      },
      deleteEventTimeTimer(time: unknown) {
        const t = checkTime('deleteEventTimeTimer', time);
        pending.delete(pid('event', t, key));
        ctx.timers.deleteEventTimeTimer(t, key);
      },
      registerProcessingTimeTimer(time: unknown) {
        const t = checkTime('registerProcessingTimeTimer', time);
        pending.set(pid('processing', t, key), { domain: 'processing', time: t, key });
        ctx.timers.registerProcessingTimeTimer(t, key);
      },
      deleteProcessingTimeTimer(time: unknown) {
        const t = checkTime('deleteProcessingTimeTimer', time);
        pending.delete(pid('processing', t, key));
        ctx.timers.deleteProcessingTimeTimer(t, key);
      },
    };
    // Flink's KeyedProcessFunction.Context, plus currentWatermark()/currentProcessingTime() as shortcuts.
    const elementCtx = {
      timestamp: () => timestamp,
      getCurrentKey: () => key,
      timerService: () => timerService,
      currentWatermark: () => ctx.currentWatermark,
      currentProcessingTime: () => ctx.now,
    };
    // Flink's OnTimerContext: timestamp() is the timer's time, timeDomain() its domain.
    const timerCtx = {
      ...elementCtx,
      timeDomain: () => (domain === 'event' ? 'EVENT_TIME' : 'PROCESSING_TIME'),
    };
    const out: Collector = {
      collect(value: unknown) {
        ctx.emit(key, value, outTimestamp);
      },
    };

    const op: Operator = {
      processRecord(_port, r, c) {
        ctx = c;
        key = r.key;
        timestamp = r.timestamp;
        outTimestamp = r.timestamp;
        const value = r.value;
        try {
          onElement(value, elementCtx, store.access(key, c), out);
        } catch (e) {
          c.error(`processElement threw ${describeThrown(e)}; the element is skipped`);
        }
      },
      onTimer(timer, c) {
        ctx = c;
        key = timer.key;
        domain = timer.domain;
        timestamp = timer.time;
        outTimestamp = timer.domain === 'event' ? timer.time : null;
        pending.delete(pid(timer.domain, timer.time, timer.key));
        try {
          onTimerFn(timer.time, timerCtx, store.access(key, c), out);
        } catch (e) {
          c.error(`onTimer threw ${describeThrown(e)} (timer at ${timer.time})`);
        }
      },
      onEnd() {
        // Input ended: event-time timers have fired at the maximum watermark; pending
        // processing-time timers are dropped (the runtime does not fire them after the end of
        // input, as in a finishing STREAMING job).
        pending.clear();
      },
      // Checkpoints: the keyed state and the timers as the function registered them (the
      // runtime snapshots the timers themselves; this copy is what inspect() shows).
      snapshot(): ProcessFunctionState {
        return { v: 1, state: store.snapshot(), timers: [...pending.values()] };
      },
      restore(st: ProcessFunctionState | LegacyLog) {
        if (Array.isArray(st)) {
          replayLegacyLog(op, st);
          return;
        }
        store.restore(st.state);
        pending.clear();
        for (const t of st.timers) pending.set(pid(t.domain, t.time, t.key), t);
      },
      inspect() {
        const timers = [...pending.values()].sort(
          (a, b) => a.time - b.time || a.domain.localeCompare(b.domain),
        );
        return { keys: store.inspect(), timers };
      },
    };
    return op;
  };
};
