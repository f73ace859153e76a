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
import { session, sliding, tumbling, windowStart, type TimeWindow } from './assigners';
import { nodeEvictor, type Elements, type WindowEvictor } from './evictors';
import { windowFunction, type WindowFunctionImpl } from './functions';
import { MergingWindowSet, windowId } from './mergingWindowSet';
import { replayLegacyLog, type LegacyLog } from '../checkpoints/replayLog';
import {
  CONTINUE,
  eventTimeTrigger,
  FIRE,
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
  /**
   * Tumbling and sliding windows: size, slide and the offset modulo the slide, so that the
   * per-record path computes window starts itself instead of allocating the assigner's windows
   * (the same windows, in the same order: SlidingEventTimeWindows.assignWindows').
   */
  fixed: { size: number; slide: number; offset: number } | null;
}

const GLOBAL: TimeWindow = { start: Number.MIN_SAFE_INTEGER, end: MAX_WATERMARK + 1 };
/** A spare ring pane's window (none; small numbers keep Pane.start a small integer field). */
const SPARE: TimeWindow = Object.freeze({ start: 0, end: 0 });

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
    fixed: null,
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
        fixed: { size, slide: size, offset: offset % size },
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
        fixed: { size, slide, offset: offset % slide },
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
  /** windowId(window), built once: the timers' namespace and the trigger state's key. */
  id: string;
  /** window.start, kept here so that finding a key's current pane reads only the pane. */
  start: number;
  els: Elements | null;
  /** The accumulator, unless the pane is in its key's ring (see accOf). */
  acc: unknown;
  hasAcc: boolean;
  /**
   * Timers of this window known to be pending (null: none known), so that registering them again
   * for every element (a no-op in the timer service) is skipped: the last event-time and
   * processing-time timer the trigger registered, and whether the cleanup timer is registered.
   * Forgotten when such a timer fires or is deleted; a fresh pane knows none, which is safe.
   */
  // null rather than NaN for none: a field that only ever holds small integers and null keeps
  // them inline, where NaN would make it a boxed double, one more object to reach per element.
  evTimer: number | null;
  procTimer: number | null;
  cleanupSet: boolean;
  /** False for a spare pane in a key's ring (KeyState.ring), which holds no window now. */
  live: boolean;
  /**
   * Tumbling and sliding windows: the key's state (so that the per-element path can start from
   * the pane), and for a pane of the key's ring its slot (else −1; see KeyState.ring).
   */
  home: KeyState | null;
  slot: number;
}

/**
 * A tumbling or sliding window, shared by the panes of every key (one window object and one id
 * string per window rather than per key and window), counted so that it is dropped with its
 * last pane.
 */
interface SharedWindow {
  window: TimeWindow;
  id: string;
  panes: number;
  /** Its on-time results' PaneInfo, made at the first such firing. */
  onTime: PaneInfo | null;
}

/** Everything the operator keeps for one key. */
interface KeyState {
  /** state window → contents, by paneKey (the start for windows that do not merge) */
  panes: Map<string | number, Pane>;
  /** window id → the trigger's state (count, next fire time); NO_TRIGGER_STATE until one is set */
  triggerState: Map<string, number>;
  merging: MergingWindowSet | null;
  /**
   * Sliding windows: the key's pane objects, made together when the key's state is
   * and reused window after window. The window numbered (start − offset) / slide uses the slot
   * of that number modulo the ring's length (RING), so an element's windows, which have
   * consecutive numbers, are in consecutive slots, and their panes lie side by side in memory.
   * With 10 000 keys the panes are out of the CPU's caches: panes made one by one, each linked
   * to the one before, cost ten dependent misses per element, most of a sliding window's time.
   * `panes` stays the truth: a window whose slot is held by another live pane gets a pane of
   * its own, found there.
   */
  ring: Pane[] | null;
  /**
   * Per ring slot i, what the per-element path needs of its pane, side by side in one array so
   * that an element's ten or so windows cost one object to reach: at 2i the window's start when
   * an element needs nothing but the accumulator updated (the pane is live, aggregates, has the
   * default event-time trigger, and its trigger and cleanup timers are known pending), else
   * null; at 2i + 1 the pane's accumulator (NO_ACC: none yet; see accOf). Last, this KeyState.
   */
  hot: unknown[] | null;
}

const maxTs = (w: TimeWindow) => w.end - 1;

/**
 * The trigger state of every key whose trigger never kept any (the default triggers keep none):
 * empty and never written, so that a key does not cost a map of its own for it.
 */
const NO_TRIGGER_STATE: ReadonlyMap<string, number> = new Map();

function newPane(window: TimeWindow, keepsElements: boolean, id = windowId(window)): Pane {
  // What the per-element path reads comes first: in the object's first bytes, fewer cache lines.
  return {
    start: window.start,
    acc: undefined,
    hasAcc: false,
    els: keepsElements ? { values: [], timestamps: [] } : null,
    evTimer: null,
    cleanupSet: false,
    window,
    id,
    procTimer: null,
    live: true,
    home: null,
    slot: -1,
  };
}

/** A ring slot's accumulator when it has none (KeyState.hot). */
const NO_ACC: unique symbol = Symbol('no accumulator');

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
  // Panes of windows that do not merge are found by their start (unique per assigner: tumbling
  // and sliding windows have one size, global windows are one window), others by their id.
  const paneKey = spec.merging ? windowId : (w: TimeWindow) => w.start;
  // The default event-time trigger's onElement is inlined on the per-record path.
  const eventTimeDefault = trigger === eventTimeTrigger;
  // Sliding windows keep a key's panes in a ring (KeyState.ring): room for the windows an
  // element is in, and two more a lagging watermark keeps open (a power of two only to keep it
  // small and regular). Tumbling windows, one per element, keep the pane the one object to reach.
  const sliding = spec.fixed !== null && spec.fixed.slide < spec.fixed.size;
  let RING = 0;
  if (sliding) {
    RING = 4;
    while (RING < Math.ceil(spec.fixed!.size / spec.fixed!.slide) + 2) RING *= 2;
  }
  /** The slot of the window starting at `start` in KeyState.ring. */
  const ringSlot = (start: number) => {
    const n = (start - spec.fixed!.offset) / spec.fixed!.slide;
    return n - Math.floor(n / RING) * RING;
  };

  return () => {
    const keys = new Map<Key, KeyState>();
    /** Sliding windows: each key's KeyState.hot, one object less to reach per element. */
    const hotOf = new Map<Key, unknown[]>();
    /** Tumbling windows: each key's latest pane, where most of its elements go. */
    const latest = new Map<Key, Pane>();
    let ctx!: OperatorContext;
    /** Tumbling and sliding windows in use, by start and by id (see SharedWindow). */
    const shared = new Map<number, SharedWindow>();
    const sharedById = new Map<string, SharedWindow>();
    /** The latest shared window per ring slot (KeyState.ring's numbering), for the fast path's trace. */
    const recent: (SharedWindow | undefined)[] = [];

    /** The shared window [start, end) with one more pane (see releaseWindow). */
    function holdWindow(start: number, end: number): SharedWindow {
      let w = shared.get(start);
      if (w === undefined) {
        // Frozen: every key's pane, and every result's PaneInfo, holds this one object.
        const window: TimeWindow = Object.freeze({ start, end });
        w = { window, id: windowId(window), panes: 0, onTime: null };
        shared.set(start, w);
        sharedById.set(w.id, w);
        recent[ringSlot(start)] = w;
      }
      w.panes++;
      return w;
    }

    function releaseWindow(p: Pane) {
      const w = shared.get(p.start);
      if (w === undefined || w.window !== p.window) return;
      if (--w.panes === 0) {
        shared.delete(p.start);
        sharedById.delete(w.id);
      }
    }

    /** A new pane of a tumbling or sliding window, in its key's panes (and ring). */
    function addFixedPane(
      s: KeyState,
      start: number,
      end: number,
      els: Elements | null,
      acc: unknown,
      hasAcc: boolean,
    ): Pane {
      const w = holdWindow(start, end);
      let p = s.ring !== null ? s.ring[ringSlot(start)] : null;
      if (p === null || p.live) {
        p = newPane(w.window, false, w.id);
        p.home = s;
      } else {
        p.live = true;
        p.start = start;
        p.window = w.window;
        p.id = w.id;
        p.evTimer = null;
        p.procTimer = null;
        p.cleanupSet = false;
      }
      p.els = els;
      if (hasAcc) setAcc(p, acc);
      else clearAcc(p);
      s.panes.set(start, p);
      return p;
    }

    // A pane's accumulator: in its key's ring (KeyState.hot) for a ring pane, else in the pane.
    function accOf(p: Pane): unknown {
      if (p.slot < 0) return p.acc;
      const a = p.home!.hot![2 * p.slot + 1];
      return a === NO_ACC ? undefined : a;
    }
    function hasAccOf(p: Pane): boolean {
      return p.slot < 0 ? p.hasAcc : p.home!.hot![2 * p.slot + 1] !== NO_ACC;
    }
    function setAcc(p: Pane, acc: unknown) {
      if (p.slot < 0) {
        p.acc = acc;
        p.hasAcc = true;
      } else p.home!.hot![2 * p.slot + 1] = acc;
    }
    function clearAcc(p: Pane) {
      if (p.slot < 0) {
        p.acc = undefined;
        p.hasAcc = false;
      } else p.home!.hot![2 * p.slot + 1] = NO_ACC;
    }
    /** Whether the per-element path may update ring pane `p`'s accumulator alone (KeyState.hot). */
    const quickable = sliding && eventTimeDefault && !keepsElements;
    // A timer that fired leaves the mark: the fast path also requires end − 1 > watermark, which
    // no longer holds once the trigger's timer (end − 1) or the cleanup (later) fired. Only the
    // default trigger's panes are marked, and nothing else deletes their timers.
    function markQuick(p: Pane) {
      if (p.slot >= 0 && p.cleanupSet && p.evTimer === maxTs(p.window))
        p.home!.hot![2 * p.slot] = p.start;
    }
    function unmarkQuick(p: Pane) {
      if (p.slot >= 0) p.home!.hot![2 * p.slot] = null;
    }

    // ------------------------------------------------------------- trigger context
    let tKey: Key = null;
    let tState: KeyState | null = null;
    let tWindow: TimeWindow = GLOBAL;
    /** The window's pane when its contents live in it (windows that do not merge), else null. */
    let tPane: Pane | null = null;
    let tId = '';
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
      getState: () => tState!.triggerState.get(tId) ?? null,
      setState(v) {
        const s = tState!;
        if (v === null) s.triggerState.delete(tId);
        else {
          if (s.triggerState === NO_TRIGGER_STATE) s.triggerState = new Map();
          s.triggerState.set(tId, v);
        }
      },
      registerEventTimeTimer(t) {
        const p = tPane;
        if (p !== null) {
          if (p.evTimer === t) return; // pending already
          p.evTimer = t;
        }
        ctx.timers.registerEventTimeTimer(t, tKey, tId);
      },
      deleteEventTimeTimer(t) {
        if (tPane !== null) forgetTimer(tPane, 'event', t);
        ctx.timers.deleteEventTimeTimer(t, tKey, tId);
      },
      registerProcessingTimeTimer(t) {
        const p = tPane;
        if (p !== null) {
          if (p.procTimer === t) return;
          p.procTimer = t;
        }
        ctx.timers.registerProcessingTimeTimer(t, tKey, tId);
      },
      deleteProcessingTimeTimer(t) {
        if (tPane !== null) forgetTimer(tPane, 'processing', t);
        ctx.timers.deleteProcessingTimeTimer(t, tKey, tId);
      },
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
    const on = (s: KeyState, key: Key, w: TimeWindow, pane: Pane | null = null) => {
      tState = s;
      tKey = key;
      tWindow = w;
      tPane = pane;
      tId = pane !== null ? pane.id : windowId(w);
      return tctx;
    };

    // ------------------------------------------------------------- helpers
    const cleanupTime = (w: TimeWindow) =>
      domain === 'event' ? Math.min(maxTs(w) + spec.allowedLateness, MAX_WATERMARK) : maxTs(w);
    const isWindowLate = (w: TimeWindow) =>
      domain === 'event' && cleanupTime(w) <= ctx.currentWatermark;
    const cleanupDomain = domain === 'event' ? 'event' : 'processing';

    /** A timer of pane `p`'s window fired or was deleted: it is no longer known to be pending. */
    function forgetTimer(p: Pane, timerDomain: 'event' | 'processing', t: number) {
      if (timerDomain === 'event') {
        if (p.evTimer === t) p.evTimer = null;
      } else if (p.procTimer === t) p.procTimer = null;
      if (timerDomain === cleanupDomain && t === cleanupTime(p.window)) p.cleanupSet = false;
    }

    function registerCleanupTimer(key: Key, w: TimeWindow, pane: Pane | null) {
      if (pane !== null) {
        if (pane.cleanupSet) return; // pending already
        pane.cleanupSet = true;
      }
      const t = cleanupTime(w);
      if (t === MAX_WATERMARK) return; // GlobalWindows: never cleaned up
      const id = pane !== null ? pane.id : windowId(w);
      if (domain === 'event') ctx.timers.registerEventTimeTimer(t, key, id);
      else ctx.timers.registerProcessingTimeTimer(t, key, id);
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

    /** A fixed-window key's ring (KeyState.ring, hot), its panes spare. */
    function withRing(s: KeyState): KeyState {
      const ring: Pane[] = [];
      for (let i = 0; i < RING; i++) {
        const p = newPane(SPARE, false, '');
        p.live = false;
        p.home = s;
        p.slot = i;
        ring.push(p);
      }
      s.ring = ring;
      const hot: unknown[] = [];
      for (let i = 0; i < RING; i++) hot.push(null, NO_ACC);
      hot.push(s);
      s.hot = hot;
      return s;
    }

    function keyState(key: Key): KeyState {
      let s = keys.get(key);
      if (!s) {
        s = {
          panes: new Map(),
          triggerState: NO_TRIGGER_STATE as Map<string, number>,
          merging: spec.merging ? new MergingWindowSet() : null,
          ring: null,
          hot: null,
        };
        if (sliding) hotOf.set(key, withRing(s).hot!);
        keys.set(key, s);
      }
      return s;
    }

    function isEmpty(p: Pane | undefined): boolean {
      return !p || (p.els !== null ? p.els.values.length === 0 : !hasAccOf(p));
    }

    function addToPane(
      s: KeyState,
      key: Key,
      stateWindow: TimeWindow,
      window: TimeWindow,
      r: StreamRecord,
    ): Pane {
      const pk = paneKey(stateWindow);
      let p = s.panes.get(pk);
      if (!p) {
        p = newPane(stateWindow, keepsElements);
        s.panes.set(pk, p);
        if (ctx.tracing) traceWindow(key, 'create', window);
      }
      addElement(p, key, window, r);
      return p;
    }

    function addElement(p: Pane, key: Key, window: TimeWindow, r: StreamRecord) {
      if (p.els !== null) {
        p.els.values.push(r.value);
        p.els.timestamps.push(r.timestamp);
      } else {
        const agg = fn.aggregation!;
        setAcc(p, agg.add(hasAccOf(p) ? accOf(p) : agg.create(), r.value));
      }
      if (ctx.tracing) traceAdd(key, window, r.value);
    }

    function traceAdd(key: Key, window: TimeWindow, value: unknown) {
      if (ctx.traceWindowAdd) ctx.traceWindowAdd(key, window, value);
      else traceWindow(key, 'add', window, value);
    }

    /** The pane of the fixed-size window [start, end), created if need be. */
    function fixedPane(s: KeyState, key: Key, start: number, end: number): Pane {
      let p = s.panes.get(start);
      if (!p) {
        const els = keepsElements ? { values: [], timestamps: [] } : null;
        p = addFixedPane(s, start, end, els, undefined, false);
        if (ctx.tracing) traceWindow(key, 'create', p.window);
      }
      return p;
    }

    function clearContents(p: Pane | undefined) {
      if (!p) return;
      if (p.els !== null) p.els = { values: [], timestamps: [] };
      clearAcc(p);
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
        else result = fn.aggregation!.result(accOf(p));
      } catch (e) {
        ctx.error(`window function threw: ${(e as Error).message}`);
        return;
      }
      const firing = domain === 'none' ? undefined : firingOf(window, timer);
      if (ctx.tracing) traceWindow(key, 'fire', window, result, firing);
      let pane: PaneInfo | null = null;
      if (bounds !== null) {
        // Every key's on-time result of a tumbling or sliding window carries the same PaneInfo.
        const sw =
          firing === 'on-time' && spec.fixed !== null ? shared.get(window.start) : undefined;
        if (sw !== undefined && sw.window === window)
          pane = sw.onTime ??= Object.freeze({ window, firing: 'on-time' as const });
        else pane = { window: bounds, firing: firing! };
      }
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
      pane: Pane | null = null,
    ) {
      if (r === 0) return;
      const p = pane ?? s.panes.get(paneKey(stateWindow));
      if (isFire(r) && !isEmpty(p)) emitWindowContents(key, window, p!, timer);
      if (isPurge(r) && p) {
        clearContents(p);
        if (ctx.tracing) traceWindow(key, 'purge', window);
      }
    }

    /**
     * `triggerTimerFired`: the default event-time trigger's one timer (end − 1) is the one firing
     * now, so its clear() (deleting that timer) has nothing to do.
     */
    function clearAllState(
      s: KeyState,
      key: Key,
      window: TimeWindow,
      stateWindow: TimeWindow,
      triggerTimerFired = false,
    ) {
      const pk = paneKey(stateWindow);
      const p = s.panes.get(pk) ?? null;
      s.panes.delete(pk);
      if (p !== null && spec.fixed !== null) {
        releaseWindow(p);
        if (!sliding && latest.get(key) === p) latest.delete(key);
      }
      if (!triggerTimerFired) trigger.clear(on(s, key, window, s.merging === null ? p : null));
      if (s.merging !== null) s.merging.retireWindow(window);
      if (ctx.tracing) traceWindow(key, 'cleanup', window);
      if (p !== null && p.slot >= 0) {
        // Spare for a later window (see KeyState.ring); what it held is let go.
        unmarkQuick(p);
        clearAcc(p);
        p.live = false;
        p.els = null;
      }
      dropIfUnused(key, s);
    }

    function dropIfUnused(key: Key, s: KeyState) {
      if (s.panes.size === 0 && s.triggerState.size === 0 && (s.merging?.size ?? 0) === 0) {
        keys.delete(key);
        hotOf.delete(key);
      }
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
        else
          s.panes.set(windowId(stateWindowResult), {
            ...merged,
            window: stateWindowResult,
            id: windowId(stateWindowResult),
            start: stateWindowResult.start,
          });
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

    /**
     * An element no window took: to the late side output when it is late itself (else, e.g.
     * a processing-time window, it is just not kept), and the key's state goes if unused.
     * `first`: the element's first window, named in the trace.
     */
    function lateOrDrop(s: KeyState, key: Key, r: StreamRecord, first: TimeWindow) {
      if (domain === 'event' && r.timestamp! + spec.allowedLateness <= ctx.currentWatermark) {
        ctx.sideOutput('late', r.key, r.value, r.timestamp);
        if (ctx.tracing) {
          ctx.trace({
            type: 'drop',
            time: ctx.now,
            node: ctx.nodeId,
            subtask: ctx.subtask,
            key: r.key,
            value: r.value,
            timestamp: r.timestamp,
            reason: `late: watermark ${ctx.currentWatermark} had passed the window [${first.start}, ${first.end}) end − 1 + allowed lateness ${spec.allowedLateness}`,
            cause: 'late',
            watermark: ctx.currentWatermark,
            window: { start: first.start, end: first.end },
            allowedLateness: spec.allowedLateness,
          });
        }
      }
      dropIfUnused(key, s);
    }

    /** The record's event or processing time for tumbling and sliding windows, null after an error. */
    function fixedTime(r: StreamRecord): number | null {
      const ts = domain === 'event' ? r.timestamp : ctx.now;
      if (ts === null)
        ctx.error(
          'a record has no event timestamp; event-time windows need timestamps (add a watermark strategy or use processing time)',
        );
      return ts;
    }

    /**
     * An element goes into pane `p` of window [p.start, end): the general path's steps
     * (addToPane, the trigger's onElement, the cleanup timer) for a tumbling or sliding window.
     */
    function addToFixedPane(
      s: KeyState,
      key: Key,
      p: Pane,
      end: number,
      lateBound: number,
      r: StreamRecord,
    ) {
      const window = p.window;
      addElement(p, key, window, r);
      if (eventTimeDefault) {
        // eventTimeTrigger.onElement, with the trigger context's timer registration
        // (the default event-time trigger means event time: lateBound is the watermark)
        const maxTimestamp = end - 1;
        if (maxTimestamp <= lateBound) act(s, key, window, window, FIRE, null, p);
        else if (p.evTimer !== maxTimestamp) {
          p.evTimer = maxTimestamp;
          ctx.timers.registerEventTimeTimer(maxTimestamp, key, p.id);
        }
      } else {
        const res = trigger.onElement(r.timestamp, on(s, key, window, p));
        if (res !== 0) act(s, key, window, window, res, null, p);
      }
      if (!p.cleanupSet) registerCleanupTimer(key, window, p);
    }

    /** isWindowLate for a tumbling or sliding window ending at `end`. */
    const fixedLate = (end: number, lateBound: number) =>
      Math.min(end - 1 + spec.allowedLateness, MAX_WATERMARK) <= lateBound;

    /**
     * processRecord for tumbling windows: the general path's steps for the element's one window,
     * most often its key's latest pane, reached through `latest` (one object per element).
     */
    function processTumbling(size: number, offset: number, key: Key, r: StreamRecord) {
      const ts = fixedTime(r);
      if (ts === null) return;
      const start = windowStart(ts, offset, size);
      const end = start + size;
      const top = latest.get(key);
      let s = top !== undefined ? top.home! : null;
      const lateBound = domain === 'event' ? ctx.currentWatermark : Number.NEGATIVE_INFINITY;
      if (fixedLate(end, lateBound)) {
        lateOrDrop(s ?? keyState(key), key, r, { start, end });
        return;
      }
      if (s === null) s = keyState(key);
      let p = top;
      if (p === undefined || p.start !== start) {
        p = fixedPane(s, key, start, end);
        // `latest` stays the key's latest pane (out-of-order elements do not move it back).
        if (top === undefined || top.start < start) latest.set(key, p);
      }
      addToFixedPane(s, key, p, end, lateBound, r);
    }

    /**
     * processRecord for sliding windows: the general path's steps for the element's windows in
     * the same order (latest first), without allocating them; where only an accumulator changes,
     * it is updated in KeyState.hot without reaching the pane.
     */
    function processSliding(f: NonNullable<Spec['fixed']>, key: Key, r: StreamRecord) {
      const ts = fixedTime(r);
      if (ts === null) return;
      const { size, slide } = f;
      const last = windowStart(ts, f.offset, slide);
      // The key's state, reached (or made) only when the per-element path needs more than `hot`.
      const hot = hotOf.get(key);
      let s: KeyState | null = null;
      const lateBound = domain === 'event' ? ctx.currentWatermark : Number.NEGATIVE_INFINITY;
      let skipped = true;
      // Windows latest first: their ring slots count down.
      for (let start = last, i = ringSlot(last); start > ts - size; start -= slide) {
        const slot = i;
        i = i === 0 ? RING - 1 : i - 1;
        const end = start + size;
        if (fixedLate(end, lateBound)) continue;
        skipped = false;
        if (hot !== undefined && hot[2 * slot] === start && end - 1 > lateBound) {
          // A live aggregating pane whose timers are pending: only its accumulator changes.
          const a = hot[2 * slot + 1];
          const agg = fn.aggregation!;
          hot[2 * slot + 1] = agg.add(a === NO_ACC ? agg.create() : a, r.value);
          if (ctx.tracing) {
            const sw = recent[slot];
            const known = sw !== undefined && sw.window.start === start;
            traceAdd(key, known ? sw.window : shared.get(start)!.window, r.value);
          }
          continue;
        }
        if (s === null) s = hot !== undefined ? (hot[2 * RING] as KeyState) : keyState(key);
        let p = s.ring![slot];
        if (p.start !== start || !p.live) p = fixedPane(s, key, start, end);
        addToFixedPane(s, key, p, end, lateBound, r);
        if (quickable) markQuick(p);
      }
      if (skipped) lateOrDrop(s ?? keyState(key), key, r, { start: last, end: last + size });
    }

    // ------------------------------------------------------------- the operator
    const op: Operator = {
      open(c) {
        ctx = c;
      },
      processRecord(_port: string, r: StreamRecord, c: OperatorContext) {
        ctx = c;
        const key = spec.nonKeyed ? null : r.key;
        if (spec.fixed !== null) {
          if (sliding) processSliding(spec.fixed, key, r);
          else processTumbling(spec.fixed.size, spec.fixed.offset, key, r);
          return;
        }
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
          const p = addToPane(s, key, stateWindow, window, r);
          const pane = s.merging === null ? p : null;
          const res = trigger.onElement(r.timestamp, on(s, key, window, pane));
          act(s, key, window, stateWindow, res, null);
          registerCleanupTimer(key, window, pane);
        }
        if (skipped) lateOrDrop(s, key, r, windows[0]);
      },
      onTimer(timer: Timer, c: OperatorContext) {
        ctx = c;
        const key = timer.key;
        const s = keys.get(key);
        if (!s) return;
        const known = spec.fixed !== null ? sharedById.get(timer.namespace) : undefined;
        const window = known !== undefined ? known.window : parseWindowId(timer.namespace);
        let stateWindow = window;
        let pane: Pane | null = null;
        if (s.merging !== null) {
          const sw = s.merging.getStateWindow(window);
          if (sw === null) return; // a timer of a window that merged away
          stateWindow = sw;
        } else {
          pane = s.panes.get(paneKey(window)) ?? null;
          if (pane !== null) forgetTimer(pane, timer.domain, timer.time);
        }
        // The default event-time trigger's onEventTime / onProcessingTime, inlined.
        const ownTimer =
          eventTimeDefault && timer.domain === 'event' && timer.time === maxTs(window);
        let res: TriggerResult;
        if (eventTimeDefault) res = ownTimer ? FIRE : CONTINUE;
        else {
          const t = on(s, key, window, pane);
          res =
            timer.domain === 'event'
              ? trigger.onEventTime(timer.time, t)
              : trigger.onProcessingTime(timer.time, t);
        }
        act(s, key, window, stateWindow, res, timer.time, pane);
        if (timer.domain === cleanupDomain && timer.time === cleanupTime(window))
          clearAllState(s, key, window, stateWindow, ownTimer);
      },
      // Checkpoints: the window contents (or accumulators) per key and window, the trigger
      // states and the merging window sets. Timers are the runtime's; the current watermark
      // comes back through the context.
      snapshot(): WindowOperatorState {
        const out: WindowOperatorState['keys'] = [];
        for (const [key, s] of keys) {
          const panes: WindowOperatorState['keys'][number][1] = [];
          for (const p of s.panes.values())
            panes.push([p.window.start, p.window.end, p.els, accOf(p), hasAccOf(p)]);
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
        hotOf.clear();
        latest.clear();
        shared.clear();
        sharedById.clear();
        recent.length = 0;
        for (const [key, panes, triggerState, merging] of state.keys) {
          const s: KeyState = {
            panes: new Map(),
            triggerState: new Map(triggerState),
            merging: null,
            ring: null,
            hot: null,
          };
          if (sliding) hotOf.set(key, withRing(s).hot!);
          for (const [start, end, els, acc, hasAcc] of panes) {
            if (spec.fixed !== null) {
              addFixedPane(s, start, end, els, acc, hasAcc);
              continue;
            }
            const window = { start, end };
            // Timers are restored by the runtime; the pane learns of them again as they come up.
            s.panes.set(paneKey(window), { ...newPane(window, els !== null), els, acc, hasAcc });
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
          /** The trigger's per-window number (a count trigger's count so far), when it keeps one. */
          triggerState?: number;
        }[] = [];
        for (const [key, s] of keys) {
          // Session windows are shown as they are now; their contents live in a state window.
          const windows = s.merging?.windows() ?? [...s.panes.values()].map((p) => p.window);
          for (const w of windows) {
            const p = s.panes.get(paneKey(s.merging?.getStateWindow(w) ?? w));
            if (!p) continue;
            const ts = s.triggerState.get(windowId(w));
            const extra = ts === undefined ? {} : { triggerState: ts };
            if (p.els !== null)
              open.push({ key, start: w.start, end: w.end, elements: [...p.els.values], ...extra });
            else open.push({ key, start: w.start, end: w.end, accumulator: accOf(p), ...extra });
          }
        }
        return { windows: open };
      },
    };
    return op;
  };
};
