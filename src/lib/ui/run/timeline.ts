import type { Key, TraceEvent } from '../../engine/api';

/** The facts the timeline draws for one operator, gathered from the trace. Pure, unit-tested. */
export interface TimelineData {
  node: string;
  isSource: boolean;
  /**
   * `record`: the source record it is (see engine/fates.ts), when followed; `replayed`: it came
   * again after a recovery (see addToTimeline).
   */
  dots: {
    t: number;
    ts: number;
    key: Key;
    late: boolean;
    value: unknown;
    record?: number;
    replayed: boolean;
  }[];
  /** The operator's watermark over processing time (minimum over its subtasks), as steps. */
  watermark: { t: number; wm: number }[];
  panes: { key: Key; start: number; end: number; opened: number; fired: number[] }[];
  drops: { t: number; ts: number; key: Key; reason: string }[];
  /** Processing time from which the detail is complete (older records were let go); 0 at first. */
  since: number;
  /**
   * Failures and restores of the job, at their processing time. A restore names what it went
   * back to: a checkpoint, a savepoint, or (both null) the beginning.
   */
  marks: (
    | { t: number; kind: 'failure'; node: string; subtask: number }
    | { t: number; kind: 'restore'; checkpoint: number | null; savepoint: number | null }
  )[];
  /**
   * Records this operator received before the last failure, by signature (key, timestamp,
   * value) with their count: after the restore, a record that matches one is a replay (the engine
   * is deterministic, so what comes again is the same record). Sources need no guess: their
   * trace carries the flag.
   */
  atRisk: Map<string, number>;
}

const MAX_MARKS = 200;

/** Bounds on what the timeline keeps, so memory stays flat on long runs (the oldest go first). */
const MAX_DOTS = 3000;
const MAX_PANES = 600;
const MAX_DROPS = 600;
const MAX_STEPS = 4000;

export function emptyTimeline(node: string, isSource: boolean): TimelineData {
  return {
    node,
    isSource,
    dots: [],
    watermark: [],
    panes: [],
    drops: [],
    since: 0,
    marks: [],
    atRisk: new Map(),
  };
}

/** Folds trace events into the timeline of `data.node`. Mutates and returns `data`. */
export function addToTimeline(
  data: TimelineData,
  events: TraceEvent[],
  subtaskWatermarks: Map<number, number>,
): TimelineData {
  for (const e of events) {
    if (e.type === 'failure') {
      data.marks.push({ t: e.time, kind: 'failure', node: e.node, subtask: e.subtask });
      // Everything received so far may come again (what precedes the restored checkpoint does
      // not, and then simply matches nothing).
      data.atRisk.clear();
      for (const d of data.dots) {
        const sig = signature(d.key, d.ts, d.value);
        data.atRisk.set(sig, (data.atRisk.get(sig) ?? 0) + 1);
      }
      continue;
    }
    if (e.type === 'restore') {
      data.marks.push({
        t: e.time,
        kind: 'restore',
        checkpoint: e.checkpoint,
        savepoint: e.savepoint ?? null,
      });
      continue;
    }
    if (e.node !== data.node) continue;
    switch (e.type) {
      case 'receive':
      case 'emit':
        // A source shows what it emits; any other operator what it receives.
        if (e.timestamp !== null && (e.type === 'emit') === data.isSource) {
          let replayed = e.type === 'emit' && !!e.replayed;
          if (e.type === 'receive' && data.atRisk.size > 0) {
            const sig = signature(e.key, e.timestamp, e.value);
            const n = data.atRisk.get(sig);
            if (n !== undefined) {
              replayed = true;
              if (n <= 1) data.atRisk.delete(sig);
              else data.atRisk.set(sig, n - 1);
            }
          }
          data.dots.push({
            t: e.time,
            ts: e.timestamp,
            key: e.key,
            late: e.type === 'emit' && !!e.late,
            value: e.value,
            record: e.record,
            replayed,
          });
        }
        break;
      case 'watermark': {
        subtaskWatermarks.set(e.subtask, e.watermark);
        const wm = Math.min(...subtaskWatermarks.values());
        const last = data.watermark[data.watermark.length - 1];
        if (!last || last.wm !== wm) data.watermark.push({ t: e.time, wm });
        break;
      }
      case 'window': {
        // From the newest: the pane an event is about is almost always a recent one.
        let pane: TimelineData['panes'][number] | undefined;
        for (let i = data.panes.length - 1; i >= 0 && !pane; i--) {
          const p = data.panes[i];
          if (p.key === e.key && p.start === e.start && p.end === e.end) pane = p;
        }
        if (!pane) {
          pane = { key: e.key, start: e.start, end: e.end, opened: e.time, fired: [] };
          data.panes.push(pane);
        }
        if (e.action === 'fire') pane.fired.push(e.time);
        break;
      }
      case 'drop':
        if (e.timestamp !== null)
          data.drops.push({ t: e.time, ts: e.timestamp, key: e.key, reason: e.reason });
        break;
    }
  }
  if (data.dots.length > MAX_DOTS) {
    data.dots.splice(0, data.dots.length - MAX_DOTS);
    data.since = data.dots[0].t;
  }
  if (data.panes.length > MAX_PANES) data.panes.splice(0, data.panes.length - MAX_PANES);
  if (data.drops.length > MAX_DROPS) data.drops.splice(0, data.drops.length - MAX_DROPS);
  if (data.marks.length > MAX_MARKS) data.marks.splice(0, data.marks.length - MAX_MARKS);
  if (data.watermark.length > MAX_STEPS)
    data.watermark.splice(0, data.watermark.length - MAX_STEPS);
  return data;
}

function signature(key: Key, ts: number, value: unknown): string {
  return `${typeof key}:${String(key)}@${ts}=${JSON.stringify(value)}`;
}

/** Distinct hues for keys; red is left out, it marks late records. */
const KEY_PALETTE = [
  '#2f7ed8',
  '#e8a317',
  '#2ca25f',
  '#8e5ad6',
  '#17a2b8',
  '#d9658f',
  '#7a8a10',
  '#c0703a',
  '#5b6fd6',
  '#3aa39a',
];
const keyColors = new Map<string, string>();

/**
 * A stable colour per key, so a key keeps its colour across views: keys get the palette's
 * colours in the order they are first seen (so the few keys of a lesson are clearly apart), and
 * golden-angle hues after that.
 */
export function keyColor(key: Key): string {
  const id = `${typeof key}:${String(key)}`;
  let c = keyColors.get(id);
  if (!c) {
    const i = keyColors.size;
    c = i < KEY_PALETTE.length ? KEY_PALETTE[i] : `hsl(${Math.round(i * 137.508) % 360} 60% 48%)`;
    if (keyColors.size < 5000) keyColors.set(id, c);
  }
  return c;
}
