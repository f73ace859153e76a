/**
 * Flink's WindowOperator (and EvictingWindowOperator for count windows with a slide), for the
 * five window kinds. Elements are kept per (key, window); a firing evaluates the window function
 * over them and emits key, result, timestamp = window.maxTimestamp() (end − 1).
 *
 * Rules, as in Flink:
 * - an element is late when, for an event-time assigner, window.maxTimestamp() + allowedLateness
 *   <= currentWatermark; if every window of the element is late it goes to the 'late' side
 *   output (or is dropped), else it is added to the windows that are not;
 * - the default event-time trigger fires when the watermark reaches maxTimestamp, and fires at
 *   once for an element added to a window whose maxTimestamp <= watermark (a late firing);
 * - state is cleared at the cleanup time maxTimestamp + allowedLateness (event time) or
 *   maxTimestamp (processing time);
 * - session windows merge when they intersect (touching counts); timers move to the merged window.
 */
import type { Key, TraceEvent } from '../api';
import type { PipelineNode } from '../../pipeline/types';
import type { Trigger, WindowFunction } from '../../pipeline/kinds';
import { MAX_WATERMARK } from '../time';
import type {
  Operator,
  OperatorContext,
  OperatorFactory,
  StreamRecord,
  Timer,
} from '../operators/types';
import {
  cover,
  intersects,
  session,
  sliding,
  tumbling,
  windowStart,
  type TimeWindow,
} from './assigners';
import {
  incrementalFunction,
  windowFunction,
  type Incremental,
  type WindowResult,
} from './functions';

interface Pane {
  key: Key;
  window: TimeWindow;
  /** The elements, in arrival order; null when the function is incremental (see `acc`). */
  elements: unknown[] | null;
  /** Incremental functions: the accumulator and the number of elements it holds. */
  acc: number;
  size: number;
  /** Elements since the last count-trigger firing. */
  count: number;
  /**
   * The trigger's timers for this pane are registered. Registering them again for every element,
   * as Flink's triggers do, changes nothing (the timer service keeps one timer per (time, key,
   * namespace), and a fired end-of-window timer is not registered again once the watermark is
   * past it), so it is done once per pane: no per-element timer work.
   */
  timers: boolean;
  /** Its id in the key's panes (window start, or namespace for merging windows). */
  id: number | string;
  /** The next pane of the same key in KeyPanes' list. */
  older: Pane | null;
}

type Assign = (timestamp: number) => TimeWindow[];

interface Spec {
  domain: 'event' | 'processing' | 'none';
  assign: Assign | null;
  merging: boolean;
  allowedLateness: number;
  trigger: Trigger;
  /** countWindow(size, slide): keep only the last `evictKeep` elements (CountEvictor before the function). */
  evictKeep: number | null;
  fn: WindowResult;
}

const GLOBAL: TimeWindow = { start: Number.MIN_SAFE_INTEGER, end: MAX_WATERMARK + 1 };

/**
 * Tumbling and sliding windows depend only on the (last) window start of a timestamp: successive
 * records mostly fall in the same windows, so the last list is reused instead of allocated per
 * record. The lists are never changed by the operator.
 */
function lastWindows(startOf: (ts: number) => number, assign: Assign): Assign {
  let lastStart = Number.NaN;
  let last: TimeWindow[] = [];
  return (ts) => {
    const start = startOf(ts);
    if (start !== lastStart) {
      last = assign(ts);
      lastStart = start;
    }
    return last;
  };
}

function specOf(node: PipelineNode): Spec {
  const c = node.config as Record<string, unknown> & { function: never; nonKeyed: boolean };
  const fn = windowFunction(node, c.function);
  const lateness = (c.allowedLateness as number | undefined) ?? 0;
  const trigger = (c.trigger as Trigger | undefined) ?? { type: 'default' };
  const evictor = c.evictor as unknown;
  if (evictor)
    throw new Error(
      `node ${node.id}, config.evictor: evictors are not supported by the engine yet`,
    );
  if (trigger.type === 'continuousEventTime' || trigger.type === 'continuousProcessingTime') {
    throw new Error(
      `node ${node.id}, config.trigger: continuous triggers are not supported by the engine yet`,
    );
  }
  const time = (c.time as 'event' | 'processing' | undefined) ?? 'event';
  switch (node.kind) {
    case 'tumblingWindow': {
      const { size, offset } = c as unknown as { size: number; offset: number };
      return {
        domain: time,
        assign: lastWindows(
          (ts) => windowStart(ts, offset % size, size),
          (ts) => tumbling(ts, size, offset),
        ),
        merging: false,
        allowedLateness: lateness,
        trigger,
        evictKeep: null,
        fn,
      };
    }
    case 'slidingWindow': {
      const { size, slide, offset } = c as unknown as {
        size: number;
        slide: number;
        offset: number;
      };
      return {
        domain: time,
        assign: lastWindows(
          (ts) => windowStart(ts, offset % slide, slide),
          (ts) => sliding(ts, size, slide, offset),
        ),
        merging: false,
        allowedLateness: lateness,
        trigger,
        evictKeep: null,
        fn,
      };
    }
    case 'sessionWindow': {
      const { gap } = c as unknown as { gap: number };
      return {
        domain: time,
        assign: (ts) => session(ts, gap),
        merging: true,
        allowedLateness: lateness,
        trigger,
        evictKeep: null,
        fn,
      };
    }
    case 'globalWindow':
      return {
        domain: 'none',
        assign: null,
        merging: false,
        allowedLateness: 0,
        trigger,
        evictKeep: null,
        fn,
      };
    case 'countWindow': {
      const { size, slide } = c as unknown as { size: number; slide: number | null };
      // countWindow(size) = GlobalWindows + PurgingTrigger(CountTrigger(size));
      // countWindow(size, slide) = GlobalWindows + CountEvictor(size) + CountTrigger(slide).
      return slide === null
        ? {
            domain: 'none',
            assign: null,
            merging: false,
            allowedLateness: 0,
            trigger: { type: 'count', count: size, purging: true },
            evictKeep: null,
            fn,
          }
        : {
            domain: 'none',
            assign: null,
            merging: false,
            allowedLateness: 0,
            trigger: { type: 'count', count: slide, purging: false },
            evictKeep: size,
            fn,
          };
    }
    default:
      throw new Error(`node ${node.id}: ${node.kind} is not a window kind`);
  }
}

/** A `window` trace event (create, fire, purge, merge); nothing is built when tracing is off. */
function traceWindow(
  ctx: OperatorContext,
  key: Key,
  action: 'create' | 'fire' | 'purge' | 'merge',
  w: TimeWindow,
  value?: unknown,
) {
  if (!ctx.tracing) return;
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
  ctx.trace(event);
}

/**
 * The open panes of one key, as a linked list (see set for the order). A key has few (one or two
 * tumbling windows, size/slide sliding ones, a few sessions), so a short walk along the list is
 * cheaper than a Map per key, in time and memory, and the usual pane is one step from the key's
 * entry.
 */
class KeyPanes {
  /** The first pane; each links to the next (`older`). */
  private head: Pane | null = null;

  /** Searches from the head: an element mostly belongs to the latest windows. */
  get(id: number | string): Pane | undefined {
    for (let p = this.head; p !== null; p = p.older) if (p.id === id) return p;
    return undefined;
  }

  /**
   * Like get, but starting at `from` (a pane of this list, or null for the newest) and then
   * going round from the newest: an element's windows come latest first, so the search for the
   * next window goes on from the pane of the previous one instead of from the start.
   */
  find(id: number | string, from: Pane | null): Pane | undefined {
    for (let p = from ?? this.head; p !== null; p = p.older) if (p.id === id) return p;
    if (from !== null)
      for (let p = this.head; p !== from && p !== null; p = p.older) if (p.id === id) return p;
    return undefined;
  }

  /**
   * Adds a pane (ids are unique: a pane with the same id is replaced). Panes found by window
   * start are kept latest start first, the order in which an element's windows are looked up;
   * merging windows (found by namespace) newest first.
   */
  set(id: number | string, pane: Pane): void {
    this.delete(id);
    pane.id = id;
    let newer: Pane | null = null;
    let p = this.head;
    if (typeof id === 'number')
      while (p !== null && (p.id as number) > id) {
        newer = p;
        p = p.older;
      }
    pane.older = p;
    if (newer === null) this.head = pane;
    else newer.older = pane;
  }

  delete(id: number | string): void {
    let newer: Pane | null = null;
    for (let p = this.head; p !== null; newer = p, p = p.older) {
      if (p.id !== id) continue;
      if (newer === null) this.head = p.older;
      else newer.older = p.older;
      p.older = null;
      return;
    }
  }

  /** The panes, the last of the list first: by window start, or in creation order (sessions). */
  values(): Pane[] {
    const out: Pane[] = [];
    for (let p = this.head; p !== null; p = p.older) out.push(p);
    return out.reverse();
  }
}

const ns = (w: TimeWindow) => `${w.start}:${w.end}`;
const maxTs = (w: TimeWindow) => w.end - 1;

export const windowOperator: OperatorFactory = (node) => {
  const spec = specOf(node);
  // Merging windows and evictors need the elements (a merge of sums would add in another order).
  const inc: Incremental | null =
    spec.merging || spec.evictKeep !== null
      ? null
      : incrementalFunction((node.config as { function: WindowFunction }).function);
  const t = spec.trigger;
  const timeTrigger = t.type === 'default' || t.type === 'purging';
  const purgeOnFire = (t.type === 'count' && t.purging) || t.type === 'purging';
  return () => {
    /**
     * key → window → pane. A window is found by its start when windows do not merge (a key's
     * windows then differ in start), else by its namespace; no string is built per element.
     */
    const panes = new Map<Key, KeyPanes>();
    const paneId = spec.merging ? ns : (w: TimeWindow) => w.start;
    /** The pane id of a timer's namespace `${start}:${end}`. */
    const timerPaneId = spec.merging
      ? (namespace: string) => namespace
      : (namespace: string) => Number(namespace.slice(0, namespace.indexOf(':')));
    const cleanupTime = (w: TimeWindow) =>
      spec.domain === 'event' ? Math.min(maxTs(w) + spec.allowedLateness, MAX_WATERMARK) : maxTs(w);

    function registerTimers(ctx: OperatorContext, key: Key, w: TimeWindow) {
      if (spec.domain === 'none') return;
      const reg =
        spec.domain === 'event'
          ? ctx.timers.registerEventTimeTimer
          : ctx.timers.registerProcessingTimeTimer;
      // EventTimeTrigger.onElement fires at once (no timer) when the watermark is already past maxTimestamp.
      const alreadyDue = spec.domain === 'event' && maxTs(w) <= ctx.currentWatermark;
      if (timeTrigger && !alreadyDue) reg.call(ctx.timers, maxTs(w), key, ns(w));
      reg.call(ctx.timers, cleanupTime(w), key, ns(w));
    }

    function deleteTimers(ctx: OperatorContext, key: Key, w: TimeWindow) {
      if (spec.domain === 'none') return;
      const del =
        spec.domain === 'event'
          ? ctx.timers.deleteEventTimeTimer
          : ctx.timers.deleteProcessingTimeTimer;
      del.call(ctx.timers, maxTs(w), key, ns(w));
      del.call(ctx.timers, cleanupTime(w), key, ns(w));
    }

    function fire(ctx: OperatorContext, pane: Pane, purge: boolean) {
      const window = spec.domain === 'none' ? null : pane.window;
      let result: unknown;
      if (inc !== null) {
        if (pane.size === 0) return;
        result = inc.result(pane.acc, pane.size);
      } else
        try {
          let els = pane.elements!;
          if (els.length === 0) return;
          if (spec.evictKeep !== null && els.length > spec.evictKeep)
            els = els.slice(els.length - spec.evictKeep);
          pane.elements = els;
          result = spec.fn(els, pane.key, window);
        } catch (e) {
          ctx.error(`window function threw: ${(e as Error).message}`);
          return;
        }
      traceWindow(ctx, pane.key, 'fire', pane.window, result);
      ctx.emit(pane.key, result, window ? maxTs(window) : MAX_WATERMARK);
      if (purge) {
        pane.size = 0;
        if (inc !== null) pane.acc = inc.init;
        else pane.elements = [];
        traceWindow(ctx, pane.key, 'purge', pane.window);
      }
    }

    function paneFor(ctx: OperatorContext, key: Key, w: TimeWindow): Pane {
      let byNs = panes.get(key);
      if (!byNs) panes.set(key, (byNs = new KeyPanes()));
      const id = paneId(w);
      let pane = byNs.get(id);
      if (!pane) {
        pane = {
          key,
          window: w,
          elements: inc === null ? [] : null,
          acc: inc === null ? 0 : inc.init,
          size: 0,
          count: 0,
          timers: false,
          id,
          older: null,
        };
        byNs.set(id, pane);
        traceWindow(ctx, key, 'create', w);
      }
      return pane;
    }

    /** Session merging (Flink's MergingWindowSet): the new window absorbs every intersecting one. */
    function merge(ctx: OperatorContext, key: Key, w: TimeWindow): TimeWindow {
      const byNs = panes.get(key);
      if (!byNs) return w;
      let merged = w;
      const absorbed: Pane[] = [];
      let changed = true;
      while (changed) {
        changed = false;
        for (const p of byNs.values()) {
          if (!absorbed.includes(p) && intersects(p.window, merged)) {
            merged = cover(merged, p.window);
            absorbed.push(p);
            changed = true;
          }
        }
      }
      if (absorbed.length === 0) return w;
      if (
        absorbed.length === 1 &&
        absorbed[0].window.start === merged.start &&
        absorbed[0].window.end === merged.end
      )
        return merged;
      const elements: unknown[] = [];
      for (const p of absorbed) {
        elements.push(...p.elements!);
        byNs.delete(paneId(p.window));
        deleteTimers(ctx, key, p.window);
      }
      byNs.set(paneId(merged), {
        key,
        window: merged,
        elements,
        acc: 0,
        size: elements.length,
        count: elements.length,
        timers: false,
        id: paneId(merged),
        older: null,
      });
      traceWindow(ctx, key, 'merge', merged);
      return merged;
    }

    const eventTime = spec.domain === 'event';
    const assign = spec.assign;
    const merging = spec.merging;
    const lateness = spec.allowedLateness;
    const maxWatermark = MAX_WATERMARK;
    const countTrigger = t.type === 'count' ? t.count : 0;
    const op: Operator = {
      processRecord(_port: string, r: StreamRecord, ctx: OperatorContext) {
        const key = r.key;
        let windows: TimeWindow[];
        if (assign === null) windows = [GLOBAL];
        else {
          const ts = eventTime ? r.timestamp : ctx.now;
          if (ts === null) {
            ctx.error(
              'a record has no event timestamp; event-time windows need timestamps (add a watermark strategy or use processing time)',
            );
            return;
          }
          windows = assign(ts);
        }
        let added = false;
        const wm = ctx.currentWatermark;
        let byKey: KeyPanes | undefined;
        /** Where the search for the next window's pane goes on (see KeyPanes.find). */
        let cursor: Pane | null = null;
        for (let i = 0; i < windows.length; i++) {
          let w = windows[i];
          if (merging) w = merge(ctx, key, w);
          // Late for this window: its cleanup time (maxTimestamp + allowed lateness) has passed.
          if (eventTime && Math.min(w.end - 1 + lateness, maxWatermark) <= wm) continue;
          added = true;
          // The key's panes, found once per element (merging may have replaced them).
          if (byKey === undefined || merging) {
            byKey = panes.get(key);
            cursor = null;
          }
          let pane: Pane | undefined = byKey?.find(paneId(w), cursor);
          if (pane === undefined) {
            pane = paneFor(ctx, key, w);
            byKey = panes.get(key);
          }
          cursor = pane.older;
          if (inc !== null) pane.acc = inc.add(pane.acc, r.value);
          else pane.elements!.push(r.value);
          pane.size++;
          pane.count++;
          if (!pane.timers) {
            registerTimers(ctx, key, w);
            pane.timers = true;
          }
          if (countTrigger > 0) {
            if (pane.count >= countTrigger) {
              pane.count = 0;
              fire(ctx, pane, purgeOnFire);
            }
          } else if (eventTime && w.end - 1 <= ctx.currentWatermark) {
            // The event-time trigger fires at once for a late-but-allowed element: a late firing.
            fire(ctx, pane, purgeOnFire);
          }
        }
        if (!added) {
          const w = windows[0];
          const reason = `late: watermark ${ctx.currentWatermark} had passed the window [${w.start}, ${w.end}) end − 1 + allowed lateness ${spec.allowedLateness}`;
          ctx.sideOutput('late', key, r.value, r.timestamp);
          if (ctx.tracing) {
            ctx.trace({
              type: 'drop',
              time: ctx.now,
              node: ctx.nodeId,
              subtask: ctx.subtask,
              key,
              value: r.value,
              timestamp: r.timestamp,
              reason,
            });
          }
        }
      },
      onTimer(timer: Timer, ctx: OperatorContext) {
        const byNs = panes.get(timer.key);
        const id = timerPaneId(timer.namespace);
        const pane = byNs?.get(id);
        if (!byNs || !pane) return;
        const w = pane.window;
        if (timeTrigger && timer.time === maxTs(w)) fire(ctx, pane, purgeOnFire);
        if (timer.time === cleanupTime(w)) {
          byNs.delete(id);
          traceWindow(ctx, pane.key, 'purge', w);
        }
      },
      inspect() {
        // Incremental functions keep no elements: their state is the accumulator and a count.
        const open: {
          key: Key;
          start: number;
          end: number;
          elements?: unknown[];
          accumulator?: number;
          count: number;
        }[] = [];
        for (const byNs of panes.values()) {
          for (const p of byNs.values()) {
            const state =
              p.elements === null ? { accumulator: p.acc } : { elements: [...p.elements] };
            open.push({
              key: p.key,
              start: p.window.start,
              end: p.window.end,
              ...state,
              count: p.size,
            });
          }
        }
        return { windows: open };
      },
    };
    return op;
  };
};
