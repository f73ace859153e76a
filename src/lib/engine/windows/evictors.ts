/**
 * Evictors as Flink defines them (org.apache.flink.streaming.api.windowing.evictors): they remove
 * elements from a firing window's contents before the window function runs (evictBefore) or
 * after it (evictAfter, when `doEvictAfter`); what remains stays in the window.
 */
import type { PipelineNode } from '../../pipeline/types';

/** A window's kept elements, in arrival order, with their timestamps (null: the stream has none). */
export interface Elements {
  values: unknown[];
  timestamps: (number | null)[];
}

export interface WindowEvictor {
  /** Evicts in place; returns how many elements were removed. */
  evictBefore(els: Elements): number;
  evictAfter(els: Elements): number;
}

function removeFirst(els: Elements, n: number): number {
  if (n <= 0) return 0;
  els.values.splice(0, n);
  els.timestamps.splice(0, n);
  return n;
}

/** CountEvictor: keeps the last `maxCount` elements. */
function countEvict(els: Elements, maxCount: number): number {
  return removeFirst(els, els.values.length - maxCount);
}

/**
 * TimeEvictor: keeps the elements with timestamp > (max timestamp − windowSize). Does nothing
 * when the elements carry no timestamps (Flink looks at the first element).
 */
function timeEvict(els: Elements, windowSize: number): number {
  const ts = els.timestamps;
  if (ts.length === 0 || ts[0] === null) return 0;
  let max = Number.NEGATIVE_INFINITY;
  for (const t of ts) if (t !== null && t > max) max = t;
  const cutoff = max - windowSize;
  const values: unknown[] = [];
  const timestamps: (number | null)[] = [];
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i];
    if (t !== null && t <= cutoff) continue;
    values.push(els.values[i]);
    timestamps.push(t);
  }
  const removed = ts.length - values.length;
  els.values = values;
  els.timestamps = timestamps;
  return removed;
}

type EvictorConfig =
  | { type: 'count'; count: number; afterFunction: boolean }
  | { type: 'time'; keep: number; afterFunction: boolean };

export function evictorOf(cfg: EvictorConfig): WindowEvictor {
  const evict =
    cfg.type === 'count'
      ? (els: Elements) => countEvict(els, cfg.count)
      : (els: Elements) => timeEvict(els, cfg.keep);
  return cfg.afterFunction
    ? { evictBefore: () => 0, evictAfter: evict }
    : { evictBefore: evict, evictAfter: () => 0 };
}

/** The evictor of a window node, or null. countWindow(size, slide) is CountEvictor(size) as in Flink. */
export function nodeEvictor(node: PipelineNode): WindowEvictor | null {
  const c = node.config as { evictor?: EvictorConfig | null; size?: number; slide?: number | null };
  if (node.kind === 'countWindow')
    return c.slide != null
      ? evictorOf({ type: 'count', count: c.size!, afterFunction: false })
      : null;
  return c.evictor ? evictorOf(c.evictor) : null;
}
