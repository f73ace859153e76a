/**
 * Flink's WindowOperator and EvictingWindowOperator for the five window kinds, step for step:
 *
 * processElement: the assigner gives the element's windows (session windows first go through
 * the key's MergingWindowSet); a window is skipped when it is late, i.e. an event-time window
 * whose cleanup time (end − 1 + allowed lateness) the watermark has reached; otherwise the
 * element is added to the window's contents, the trigger's onElement decides (FIRE, PURGE) and
 * the cleanup timer is registered. An element skipped by every window that is itself late
 * (timestamp + allowed lateness <= watermark) goes to the 'late' side output.
 *
 * onTimer: the trigger's onEventTime / onProcessingTime decides; when the timer is the window's
 * cleanup time (in the assigner's time domain), the contents, the trigger's state and timers and
 * the window's place in the merging set are cleared.
 *
 * A firing emits (key, result, timestamp = end − 1) with a PaneInfo (window bounds, and whether
 * the firing is early, on time or late); global windows' results carry none.
 */
import type { Firing, Key, PaneInfo, TraceEvent } from '../api';
import type { PipelineNode } from '../../pipeline/types';
import type { Trigger } from '../../pipeline/kinds';
import { MAX_WATERMARK } from '../time';
import type {
  Operator,
  OperatorContext,
  OperatorFactory,
  StreamRecord,
  Timer,
} from '../operators/types';
import { session, sliding, tumbling, type TimeWindow } from './assigners';
import { nodeEvictor, type Elements, type WindowEvictor } from './evictors';
import { windowFunction, type WindowFunctionImpl } from './functions';
import { MergingWindowSet, windowId } from './mergingWindowSet';
import { replayLegacyLog, type LegacyLog } from '../checkpoints/replayLog';
import {
  isFire,
  isPurge,
  triggerOf,
  type OnMergeContext,
  type TriggerResult,
  type WindowTrigger,
} from './triggers';

type Domain = 'event' | 'processing' | 'none';

interface Spec {
  /** 'none': GlobalWindows (neither event nor processing time, as Flink's isEventTime() false). */
  domain: Domain;
  assign: ((timestamp: number) => TimeWindow[]) | null;
  merging: boolean;
  allowedLateness: number;
  trigger: WindowTrigger;
  evictor: WindowEvictor | null;
  fn: WindowFunctionImpl;
  /** windowAll: every record is in the one (null) key. */
  nonKeyed: boolean;
}

const GLOBAL: TimeWindow = { start: Number.MIN_SAFE_INTEGER, end: MAX_WATERMARK + 1 };

function specOf(node: PipelineNode): Spec {
  const c = node.config as Record<string, unknown> & { nonKeyed: boolean };
  const fn = windowFunction(node, c.function as never);
  const time = (c.time as 'event' | 'processing' | undefined) ?? 'event';
  const base = {
    merging: false,
    allowedLateness: time === 'event' ? ((c.allowedLateness as number | undefined) ?? 0) : 0,
    evictor: nodeEvictor(node),
    fn,
    nonKeyed: c.nonKeyed,
  };
  const trig = (domain: Domain) =>
    triggerOf((c.trigger as Trigger | undefined) ?? { type: 'default' }, domain);
  switch (node.kind) {
    case 'tumblingWindow': {
      const { size, offset } = c as unknown as { size: number; offset: number };
      return {
        ...base,
        domain: time,
        assign: (ts) => tumbling(ts, size, offset),
        trigger: trig(time),
      };
    }
    case 'slidingWindow': {
      const { size, slide, offset } = c as unknown as {
        size: number;
        slide: number;
        offset: number;
      };
      return {
        ...base,
        domain: time,
        assign: (ts) => sliding(ts, size, slide, offset),
        trigger: trig(time),
      };
    }
    case 'sessionWindow': {
      const { gap } = c as unknown as { gap: number };
      return {
        ...base,
        domain: time,
        merging: true,
        assign: (ts) => session(ts, gap),
        trigger: trig(time),
      };
    }
    case 'globalWindow':
      return { ...base, allowedLateness: 0, domain: 'none', assign: null, trigger: trig('none') };
    case 'countWindow': {
      const { size, slide } = c as unknown as { size: number; slide: number | null };
      // countWindow(size) = GlobalWindows + PurgingTrigger(CountTrigger(size));
      // countWindow(size, slide) = GlobalWindows + CountEvictor(size) + CountTrigger(slide).
      const trigger: Trigger =
        slide === null
          ? { type: 'count', count: size, purging: true }
          : { type: 'count', count: slide, purging: false };
      return {
        ...base,
        allowedLateness: 0,
        domain: 'none',
        assign: null,
        trigger: triggerOf(trigger, 'none'),
      };
    }
    default:
      throw new Error(`node ${node.id}: ${node.kind} is not a window kind`);
  }
}

/** The contents of one state window: elements (process, evictors) or one accumulator. */
interface Pane {
  window: TimeWindow;
  els: Elements | null;
  acc: unknown;
  hasAcc: boolean;
}

/** Everything the operator keeps for one key. */
interface KeyState {
  /** state-window id → contents */
  panes: Map<string, Pane>;
  /** window id → the trigger's state (count, next fire time) */
  triggerState: Map<string, number>;
  merging: MergingWindowSet | null;
}

const maxTs = (w: TimeWindow) => w.end - 1;

/**
 * A window operator's checkpoint (plain data, see snapshot()): per key in first-use order, its
 * panes as [state-window start, end, elements or null, accumulator, has accumulator], its
 * trigger states as [window id, value] and, for session windows, its merging window set.
 */
export interface WindowOperatorState {
  v: 1;
  keys: [
    Key,
    [number, number, Elements | null, unknown, boolean][],
    [string, number][],
    [number, number, number, number][] | null,
  ][];
}

function parseWindowId(id: string): TimeWindow {
  const i = id.indexOf(':', 1);
  return { start: Number(id.slice(0, i)), end: Number(id.slice(i + 1)) };
}

export const windowOperator: OperatorFactory = (node) => {
  const spec = specOf(node);
  const { trigger, evictor, fn, domain } = spec;
  const keepsElements = evictor !== null || fn.aggregation === null;

  return () => {
    const keys = new Map<Key, KeyState>();
    let ctx!: OperatorContext;

    // ------------------------------------------------------------- trigger context
    let tKey: Key = null;
    let tState: KeyState | null = null;
    let tWindow: TimeWindow = GLOBAL;
    let tMerged: TimeWindow[] = [];
    const tctx: OnMergeContext = {
      get window() {
        return tWindow;
      },
      get currentWatermark() {
        return ctx.currentWatermark;
      },
      get now() {
        return ctx.now;
      },
      getState: () => tState!.triggerState.get(windowId(tWindow)) ?? null,
      setState(v) {
        const id = windowId(tWindow);
        if (v === null) tState!.triggerState.delete(id);
        else tState!.triggerState.set(id, v);
      },
      registerEventTimeTimer: (t) => ctx.timers.registerEventTimeTimer(t, tKey, windowId(tWindow)),
      deleteEventTimeTimer: (t) => ctx.timers.deleteEventTimeTimer(t, tKey, windowId(tWindow)),
      registerProcessingTimeTimer: (t) =>
        ctx.timers.registerProcessingTimeTimer(t, tKey, windowId(tWindow)),
      deleteProcessingTimeTimer: (t) =>
        ctx.timers.deleteProcessingTimeTimer(t, tKey, windowId(tWindow)),
      mergeState(reduce) {
        const ts = tState!.triggerState;
        let merged: number | null = null;
        for (const m of tMerged) {
          const v = ts.get(windowId(m));
          if (v === undefined) continue;
          ts.delete(windowId(m));
          merged = merged === null ? v : reduce(merged, v);
        }
        if (merged !== null) {
          const own = ts.get(windowId(tWindow));
          ts.set(windowId(tWindow), own === undefined ? merged : reduce(own, merged));
        }
      },
    };
    const on = (s: KeyState, key: Key, w: TimeWindow) => {
      tState = s;
      tKey = key;
      tWindow = w;
      return tctx;
    };

    // ------------------------------------------------------------- helpers
    const cleanupTime = (w: TimeWindow) =>
      domain === 'event' ? Math.min(maxTs(w) + spec.allowedLateness, MAX_WATERMARK) : maxTs(w);
    const isWindowLate = (w: TimeWindow) =>
      domain === 'event' && cleanupTime(w) <= ctx.currentWatermark;

    function registerCleanupTimer(key: Key, w: TimeWindow) {
      const t = cleanupTime(w);
      if (t === MAX_WATERMARK) return; // GlobalWindows: never cleaned up
      if (domain === 'event') ctx.timers.registerEventTimeTimer(t, key, windowId(w));
      else ctx.timers.registerProcessingTimeTimer(t, key, windowId(w));
    }
    function deleteCleanupTimer(key: Key, w: TimeWindow) {
      const t = cleanupTime(w);
      if (t === MAX_WATERMARK) return;
      if (domain === 'event') ctx.timers.deleteEventTimeTimer(t, key, windowId(w));
      else ctx.timers.deleteProcessingTimeTimer(t, key, windowId(w));
    }

    function traceWindow(
      key: Key,
      action: 'create' | 'add' | 'fire' | 'purge' | 'evict' | 'merge' | 'cleanup',
      w: TimeWindow,
      value?: unknown,
      firing?: Firing,
    ) {
      const event: TraceEvent = {
        type: 'window',
        time: ctx.now,
        node: ctx.nodeId,
        subtask: ctx.subtask,
        key,
        action,
        start: w.start,
        end: w.end,
      };
      if (value !== undefined) event.value = value;
      if (firing !== undefined) event.firing = firing;
      ctx.trace(event);
    }

    function keyState(key: Key): KeyState {
      let s = keys.get(key);
      if (!s) {
        s = {
          panes: new Map(),
          triggerState: new Map(),
          merging: spec.merging ? new MergingWindowSet() : null,
        };
        keys.set(key, s);
      }
      return s;
    }

    function isEmpty(p: Pane | undefined): boolean {
      return !p || (p.els !== null ? p.els.values.length === 0 : !p.hasAcc);
    }

    function addToPane(
      s: KeyState,
      key: Key,
      stateWindow: TimeWindow,
      window: TimeWindow,
      r: StreamRecord,
    ) {
      const id = windowId(stateWindow);
      let p = s.panes.get(id);
      if (!p) {
        p = {
          window: stateWindow,
          els: keepsElements ? { values: [], timestamps: [] } : null,
          acc: undefined,
          hasAcc: false,
        };
        s.panes.set(id, p);
        if (ctx.tracing) traceWindow(key, 'create', window);
      }
      if (p.els !== null) {
        p.els.values.push(r.value);
        p.els.timestamps.push(r.timestamp);
      } else {
        const agg = fn.aggregation!;
        p.acc = agg.add(p.hasAcc ? p.acc : agg.create(), r.value);
        p.hasAcc = true;
      }
      if (ctx.tracing) traceWindow(key, 'add', window, r.value);
    }

    function clearContents(p: Pane | undefined) {
      if (!p) return;
      if (p.els !== null) p.els = { values: [], timestamps: [] };
      p.acc = undefined;
      p.hasAcc = false;
    }

    /**
     * Which firing this is (see Firing in ../api.ts). `timer`: the time of the timer that fired
     * the window, null when an element did. A timer before end − 1 (a continuous trigger's) is
     * early even when one watermark advance fires it together with the on-time timer.
     */
    function firingOf(w: TimeWindow, timer: number | null): Firing {
      if (timer !== null) return timer >= maxTs(w) ? 'on-time' : 'early';
      return domain === 'event' && ctx.currentWatermark >= maxTs(w) ? 'late' : 'early';
    }

    /** Flink's emitWindowContents (with the evicting operator's evictBefore / evictAfter). */
    function emitWindowContents(key: Key, window: TimeWindow, p: Pane, timer: number | null) {
      const bounds = domain === 'none' ? null : window;
      let result: unknown;
      try {
        if (evictor !== null) {
          const els = p.els!;
          const before = evictor.evictBefore(els);
          if (before > 0 && ctx.tracing) traceWindow(key, 'evict', window, before);
          result = fn.overElements(els.values.slice(), key, bounds);
          const after = evictor.evictAfter(els);
          if (after > 0 && ctx.tracing) traceWindow(key, 'evict', window, after);
        } else if (p.els !== null) result = fn.overElements(p.els.values.slice(), key, bounds);
        else result = fn.aggregation!.result(p.acc);
      } catch (e) {
        ctx.error(`window function threw: ${(e as Error).message}`);
        return;
      }
      const firing = domain === 'none' ? undefined : firingOf(window, timer);
      if (ctx.tracing) traceWindow(key, 'fire', window, result, firing);
      const pane: PaneInfo | null = bounds !== null ? { window: bounds, firing: firing! } : null;
      ctx.emit(key, result, maxTs(window), pane);
    }

    /** Acts on a trigger's answer for `window`, whose contents live in `stateWindow`. */
    function act(
      s: KeyState,
      key: Key,
      window: TimeWindow,
      stateWindow: TimeWindow,
      r: TriggerResult,
      timer: number | null,
    ) {
      if (r === 0) return;
      const p = s.panes.get(windowId(stateWindow));
      if (isFire(r) && !isEmpty(p)) emitWindowContents(key, window, p!, timer);
      if (isPurge(r) && p) {
        clearContents(p);
        if (ctx.tracing) traceWindow(key, 'purge', window);
      }
    }

    function clearAllState(s: KeyState, key: Key, window: TimeWindow, stateWindow: TimeWindow) {
      s.panes.delete(windowId(stateWindow));
      trigger.clear(on(s, key, window));
      if (s.merging !== null) s.merging.retireWindow(window);
      if (ctx.tracing) traceWindow(key, 'cleanup', window);
      dropIfUnused(key, s);
    }

    function dropIfUnused(key: Key, s: KeyState) {
      if (s.panes.size === 0 && s.triggerState.size === 0 && (s.merging?.size ?? 0) === 0)
        keys.delete(key);
    }

    /** MergingWindowSet's merge callback, as WindowOperator's. */
    function mergeWindows(
      s: KeyState,
      key: Key,
      mergeResult: TimeWindow,
      mergedWindows: TimeWindow[],
      stateWindowResult: TimeWindow,
      mergedStateWindows: TimeWindow[],
    ) {
      if (domain === 'event' && cleanupTime(mergeResult) <= ctx.currentWatermark)
        throw new Error(
          `merging made window [${mergeResult.start}, ${mergeResult.end}) end before the watermark`,
        );
      if (domain === 'processing' && maxTs(mergeResult) <= ctx.now)
        throw new Error(
          `merging made window [${mergeResult.start}, ${mergeResult.end}) end before the current processing time`,
        );
      tMerged = mergedWindows;
      trigger.onMerge(on(s, key, mergeResult));
      tMerged = [];
      for (const m of mergedWindows) {
        trigger.clear(on(s, key, m));
        deleteCleanupTimer(key, m);
      }
      // Contents: the target's first, then the others' (Flink's mergeNamespaces).
      const target = s.panes.get(windowId(stateWindowResult));
      let merged: Pane | undefined;
      for (const sw of mergedStateWindows) {
        const src = s.panes.get(windowId(sw));
        s.panes.delete(windowId(sw));
        if (!src || isEmpty(src)) continue;
        if (!merged) merged = src;
        else mergeInto(merged, src);
      }
      if (merged) {
        if (target) mergeInto(target, merged);
        else s.panes.set(windowId(stateWindowResult), { ...merged, window: stateWindowResult });
      }
      if (ctx.tracing) traceWindow(key, 'merge', mergeResult);
    }

    function mergeInto(target: Pane, src: Pane) {
      if (target.els !== null) {
        const a = target.els;
        const b = src.els!;
        target.els = {
          values: a.values.concat(b.values),
          timestamps: a.timestamps.concat(b.timestamps),
        };
      } else if (src.hasAcc) {
        target.acc = target.hasAcc ? fn.aggregation!.merge(target.acc, src.acc) : src.acc;
        target.hasAcc = true;
      }
    }

    // ------------------------------------------------------------- the operator
    const op: Operator = {
      open(c) {
        ctx = c;
      },
      processRecord(_port: string, r: StreamRecord, c: OperatorContext) {
        ctx = c;
        const key = spec.nonKeyed ? null : r.key;
        let windows: TimeWindow[];
        if (spec.assign === null) windows = [GLOBAL];
        else {
          const ts = domain === 'event' ? r.timestamp : ctx.now;
          if (ts === null) {
            ctx.error(
              'a record has no event timestamp; event-time windows need timestamps (add a watermark strategy or use processing time)',
            );
            return;
          }
          windows = spec.assign(ts);
        }
        const s = keyState(key);
        let skipped = true;
        for (const w of windows) {
          let window = w;
          let stateWindow = w;
          if (s.merging !== null) {
            const set = s.merging;
            window = set.addWindow(w, (res, mw, swr, msw) =>
              mergeWindows(s, key, res, mw, swr, msw),
            );
            if (isWindowLate(window)) {
              set.retireWindow(window);
              continue;
            }
            stateWindow = set.getStateWindow(window)!;
          } else if (isWindowLate(window)) continue;
          skipped = false;
          addToPane(s, key, stateWindow, window, r);
          const res = trigger.onElement(r.timestamp, on(s, key, window));
          act(s, key, window, stateWindow, res, null);
          registerCleanupTimer(key, window);
        }
        if (
          skipped &&
          domain === 'event' &&
          r.timestamp! + spec.allowedLateness <= ctx.currentWatermark
        ) {
          ctx.sideOutput('late', r.key, r.value, r.timestamp);
          if (ctx.tracing) {
            const w = windows[0];
            ctx.trace({
              type: 'drop',
              time: ctx.now,
              node: ctx.nodeId,
              subtask: ctx.subtask,
              key: r.key,
              value: r.value,
              timestamp: r.timestamp,
              reason: `late: watermark ${ctx.currentWatermark} had passed the window [${w.start}, ${w.end}) end − 1 + allowed lateness ${spec.allowedLateness}`,
            });
          }
        }
        if (skipped) dropIfUnused(key, s);
      },
      onTimer(timer: Timer, c: OperatorContext) {
        ctx = c;
        const key = timer.key;
        const s = keys.get(key);
        if (!s) return;
        const window = parseWindowId(timer.namespace);
        let stateWindow = window;
        if (s.merging !== null) {
          const sw = s.merging.getStateWindow(window);
          if (sw === null) return; // a timer of a window that merged away
          stateWindow = sw;
        }
        const t = on(s, key, window);
        const res =
          timer.domain === 'event'
            ? trigger.onEventTime(timer.time, t)
            : trigger.onProcessingTime(timer.time, t);
        act(s, key, window, stateWindow, res, timer.time);
        const cleanupDomain = domain === 'event' ? 'event' : 'processing';
        if (timer.domain === cleanupDomain && timer.time === cleanupTime(window))
          clearAllState(s, key, window, stateWindow);
      },
      // Checkpoints: the window contents (or accumulators) per key and window, the trigger
      // states and the merging window sets. Timers are the runtime's; the current watermark
      // comes back through the context.
      snapshot(): WindowOperatorState {
        const out: WindowOperatorState['keys'] = [];
        for (const [key, s] of keys) {
          const panes: WindowOperatorState['keys'][number][1] = [];
          for (const p of s.panes.values())
            panes.push([p.window.start, p.window.end, p.els, p.acc, p.hasAcc]);
          out.push([key, panes, [...s.triggerState], s.merging?.snapshot() ?? null]);
        }
        return { v: 1, keys: out };
      },
      restore(state: WindowOperatorState | LegacyLog) {
        if (Array.isArray(state)) {
          replayLegacyLog(op, state);
          return;
        }
        keys.clear();
        for (const [key, panes, triggerState, merging] of state.keys) {
          const s: KeyState = {
            panes: new Map(),
            triggerState: new Map(triggerState),
            merging: null,
          };
          for (const [start, end, els, acc, hasAcc] of panes) {
            const window = { start, end };
            s.panes.set(windowId(window), { window, els, acc, hasAcc });
          }
          if (spec.merging) {
            s.merging = new MergingWindowSet();
            if (merging) s.merging.restore(merging);
          }
          keys.set(key, s);
        }
      },
      inspect() {
        const open: {
          key: Key;
          start: number;
          end: number;
          elements?: unknown[];
          accumulator?: unknown;
        }[] = [];
        for (const [key, s] of keys) {
          // Session windows are shown as they are now; their contents live in a state window.
          const windows = s.merging?.windows() ?? [...s.panes.values()].map((p) => p.window);
          for (const w of windows) {
            const p = s.panes.get(windowId(s.merging?.getStateWindow(w) ?? w));
            if (!p) continue;
            if (p.els !== null)
              open.push({ key, start: w.start, end: w.end, elements: [...p.els.values] });
            else open.push({ key, start: w.start, end: w.end, accumulator: p.acc });
          }
        }
        return { windows: open };
      },
    };
    return op;
  };
};
