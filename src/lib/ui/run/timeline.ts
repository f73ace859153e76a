import type { Key, TraceEvent } from '../../engine/api';

/** The facts the timeline draws for one operator, gathered from the trace. Pure, unit-tested. */
export interface TimelineData {
  node: string;
  isSource: boolean;
  dots: { t: number; ts: number; key: Key; late: boolean; value: unknown }[];
  /** The operator's watermark over processing time (minimum over its subtasks), as steps. */
  watermark: { t: number; wm: number }[];
  panes: { key: Key; start: number; end: number; opened: number; fired: number[] }[];
  drops: { t: number; ts: number; key: Key; reason: string }[];
}

const MAX_DOTS = 4000;

export function emptyTimeline(node: string, isSource: boolean): TimelineData {
  return { node, isSource, dots: [], watermark: [], panes: [], drops: [] };
}

/** Folds trace events into the timeline of `data.node`. Mutates and returns `data`. */
export function addToTimeline(
  data: TimelineData,
  events: TraceEvent[],
  subtaskWatermarks: Map<number, number>,
): TimelineData {
  for (const e of events) {
    if (e.node !== data.node) continue;
    switch (e.type) {
      case 'receive':
      case 'emit':
        // A source shows what it emits; any other operator what it receives.
        if (e.timestamp !== null && (e.type === 'emit') === data.isSource) {
          data.dots.push({
            t: e.time,
            ts: e.timestamp,
            key: e.key,
            late: e.type === 'emit' && !!e.late,
            value: e.value,
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
        let pane = data.panes.find(
          (p) => p.key === e.key && p.start === e.start && p.end === e.end,
        );
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
  if (data.dots.length > MAX_DOTS) data.dots.splice(0, data.dots.length - MAX_DOTS);
  return data;
}

/** A stable colour per key, so a key keeps its colour across views. */
export function keyColor(key: Key): string {
  const s = String(key);
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) >>> 0;
  return `hsl(${h % 360} 65% 50%)`;
}
