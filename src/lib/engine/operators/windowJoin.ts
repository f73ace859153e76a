/**
 * Flink's window join: `left.join(right).where(key).equalTo(key).window(assigner).apply(f)`.
 * Flink runs it as a coGroup: both inputs, tagged, go into one keyed event-time WindowOperator
 * with the default trigger; when a window fires, the join function is called for every pair
 * (each left element, in arrival order, with each right element, in arrival order) and each
 * result carries the window's maxTimestamp (end − 1). A window with one side empty emits nothing.
 * Elements for windows the watermark has passed (allowed lateness 0) are dropped.
 * The operator's watermark is the minimum of both inputs' (the runtime's valve does that).
 */
import type { Key } from '../api';
import type { NodeOf } from '../../pipeline/types';
import { compileFunction, describeThrown } from '../expressions';
import {
  cover,
  intersects,
  session,
  sliding,
  tumbling,
  type TimeWindow,
} from '../windows/assigners';
import { keyId } from './keyedState';
import { replayLegacyLog, type LegacyLog } from '../checkpoints/replayLog';
import type { Operator, OperatorContext, OperatorFactory } from './types';

export type JoinFn = (left: unknown, right: unknown, key: Key) => unknown;

/** Compiles a join expression over (left, right, key) once per run. */
export function compileJoin(node: { id: string; config: { expression: string } }): JoinFn {
  return compileFunction<JoinFn>(
    ['left', 'right', 'key'],
    `return (${node.config.expression}\n);`,
    node.id,
    'config.expression',
  );
}

/** A window join's checkpoint: [key, window start, end, left elements, right elements]. */
export interface WindowJoinState {
  v: 1;
  panes: [Key, number, number, unknown[], unknown[]][];
}

interface Pane {
  key: Key;
  window: TimeWindow;
  left: unknown[];
  right: unknown[];
}

const ns = (w: TimeWindow) => `${w.start}:${w.end}`;
const maxTs = (w: TimeWindow) => w.end - 1;

function traceWindow(
  ctx: OperatorContext,
  key: Key,
  action: 'create' | 'fire' | 'purge' | 'merge',
  w: TimeWindow,
  value?: unknown,
) {
  if (!ctx.tracing) return;
  ctx.trace({
    type: 'window',
    time: ctx.now,
    node: ctx.nodeId,
    subtask: ctx.subtask,
    key,
    action,
    start: w.start,
    end: w.end,
    ...(value !== undefined ? { value } : {}),
  });
}

export const windowJoinOperator: OperatorFactory = (node) => {
  const c = (node as NodeOf<'windowJoin'>).config;
  const join = compileJoin(node as NodeOf<'windowJoin'>);
  const assign: (ts: number) => TimeWindow[] =
    c.assigner === 'tumbling'
      ? (ts) => tumbling(ts, c.size, c.offset)
      : c.assigner === 'sliding'
        ? (ts) => sliding(ts, c.size, c.slide, c.offset)
        : (ts) => session(ts, c.gap);
  const merging = c.assigner === 'session';

  return () => {
    const panes = new Map<string, Map<string, Pane>>();

    function byKey(key: Key): Map<string, Pane> {
      let m = panes.get(keyId(key));
      if (!m) panes.set(keyId(key), (m = new Map()));
      return m;
    }

    /** Session merging, as Flink's MergingWindowSet: the new window absorbs every one it touches. */
    function merge(ctx: OperatorContext, key: Key, w: TimeWindow): TimeWindow {
      const m = byKey(key);
      let merged = w;
      const absorbed: Pane[] = [];
      let changed = true;
      while (changed) {
        changed = false;
        for (const p of m.values()) {
          if (!absorbed.includes(p) && intersects(p.window, merged)) {
            merged = cover(merged, p.window);
            absorbed.push(p);
            changed = true;
          }
        }
      }
      if (absorbed.length === 0) return w;
      if (absorbed.length === 1 && ns(absorbed[0].window) === ns(merged)) return merged;
      const pane: Pane = { key, window: merged, left: [], right: [] };
      for (const p of absorbed) {
        pane.left.push(...p.left);
        pane.right.push(...p.right);
        m.delete(ns(p.window));
        ctx.timers.deleteEventTimeTimer(maxTs(p.window), key, ns(p.window));
      }
      m.set(ns(merged), pane);
      ctx.timers.registerEventTimeTimer(maxTs(merged), key, ns(merged));
      traceWindow(ctx, key, 'merge', merged);
      return merged;
    }

    const op: Operator = {
      processRecord(port, r, ctx) {
        if (r.timestamp === null) {
          ctx.error(
            'a record has no event timestamp; a window join uses event-time windows (add a watermark strategy)',
          );
          return;
        }
        const key = r.key;
        let added = false;
        for (let w of assign(r.timestamp)) {
          if (merging) w = merge(ctx, key, w);
          // WindowOperator.isWindowLate with allowed lateness 0.
          if (maxTs(w) <= ctx.currentWatermark) continue;
          const m = byKey(key);
          let pane = m.get(ns(w));
          if (!pane) {
            pane = { key, window: w, left: [], right: [] };
            m.set(ns(w), pane);
            traceWindow(ctx, key, 'create', w);
            ctx.timers.registerEventTimeTimer(maxTs(w), key, ns(w));
          }
          (port === 'right' ? pane.right : pane.left).push(r.value);
          added = true;
        }
        if (!added && ctx.tracing) {
          ctx.trace({
            type: 'drop',
            time: ctx.now,
            node: ctx.nodeId,
            subtask: ctx.subtask,
            key,
            value: r.value,
            timestamp: r.timestamp,
            reason: `late: the watermark ${ctx.currentWatermark} had passed the end − 1 of every window of this ${port} element`,
            cause: 'late',
            watermark: ctx.currentWatermark,
          });
        }
      },
      onTimer(timer, ctx) {
        const m = panes.get(keyId(timer.key));
        const pane = m?.get(timer.namespace);
        if (!m || !pane || timer.time !== maxTs(pane.window)) return;
        const results: unknown[] = [];
        try {
          for (const l of pane.left) for (const r of pane.right) results.push(join(l, r, pane.key));
        } catch (e) {
          ctx.error(
            `the join expression threw ${describeThrown(e)}; the window's pairs are skipped`,
          );
          results.length = 0;
        }
        if (results.length > 0) traceWindow(ctx, pane.key, 'fire', pane.window, results);
        for (const x of results) ctx.emit(pane.key, x, maxTs(pane.window));
        m.delete(timer.namespace);
        traceWindow(ctx, pane.key, 'purge', pane.window);
      },
      // Checkpoints: every key's windows with both sides' elements, in arrival order; the firing
      // timers are the runtime's.
      snapshot(): WindowJoinState {
        const out: WindowJoinState['panes'] = [];
        for (const m of panes.values())
          for (const p of m.values())
            out.push([p.key, p.window.start, p.window.end, p.left, p.right]);
        return { v: 1, panes: out };
      },
      restore(st: WindowJoinState | LegacyLog) {
        if (Array.isArray(st)) {
          replayLegacyLog(op, st);
          return;
        }
        panes.clear();
        for (const [key, start, end, left, right] of st.panes) {
          const window = { start, end };
          byKey(key).set(ns(window), { key, window, left, right });
        }
      },
      inspect() {
        const windows: {
          key: Key;
          start: number;
          end: number;
          left: unknown[];
          right: unknown[];
        }[] = [];
        for (const m of panes.values())
          for (const p of m.values())
            windows.push({
              key: p.key,
              start: p.window.start,
              end: p.window.end,
              left: [...p.left],
              right: [...p.right],
            });
        return { windows };
      },
    };
    return op;
  };
};
