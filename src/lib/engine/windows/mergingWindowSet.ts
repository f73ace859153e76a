/**
 * Flink's MergingWindowSet, for one key: which windows are in flight, and for each the "state
 * window" whose namespace holds its contents. When windows merge, the merged window takes over
 * the state window of one of the windows it absorbed, so the contents need not move; the others'
 * contents are merged into it (by the merge callback). Windows merge when they intersect
 * (touching counts, Flink's TimeWindow.intersects), found by sorting by start as
 * TimeWindow.mergeWindows does.
 */
import { cover, intersects, type TimeWindow } from './assigners';

export const windowId = (w: TimeWindow) => `${w.start}:${w.end}`;

export type MergeCallback = (
  mergeResult: TimeWindow,
  /** The in-flight windows that merged into mergeResult (the new window is not among them). */
  mergedWindows: TimeWindow[],
  /** The state window mergeResult now uses. */
  stateWindowResult: TimeWindow,
  /** The other state windows, whose contents must be merged into stateWindowResult. */
  mergedStateWindows: TimeWindow[],
) => void;

export class MergingWindowSet {
  /** window id → [window, its state window] */
  private readonly mapping = new Map<string, [TimeWindow, TimeWindow]>();

  get size(): number {
    return this.mapping.size;
  }

  getStateWindow(w: TimeWindow): TimeWindow | null {
    return this.mapping.get(windowId(w))?.[1] ?? null;
  }

  retireWindow(w: TimeWindow): void {
    if (!this.mapping.delete(windowId(w)))
      throw new Error(`window ${windowId(w)} is not in flight`);
  }

  /** Adds a new window, merging it with the windows it intersects; returns the window it ended up in. */
  addWindow(newWindow: TimeWindow, merge: MergeCallback): TimeWindow {
    const windows = [...this.mapping.values()].map(([w]) => w);
    windows.push(newWindow);
    windows.sort((a, b) => a.start - b.start);
    // Groups of intersecting windows (a Set in Flink: equal windows count once).
    const groups: { result: TimeWindow; members: TimeWindow[] }[] = [];
    let cur: { result: TimeWindow; members: TimeWindow[] } | null = null;
    for (const w of windows) {
      if (cur !== null && intersects(cur.result, w)) {
        cur.result = cover(cur.result, w);
        if (!cur.members.some((m) => m.start === w.start && m.end === w.end)) cur.members.push(w);
      } else {
        if (cur !== null) groups.push(cur);
        cur = { result: w, members: [w] };
      }
    }
    if (cur !== null) groups.push(cur);

    const newId = windowId(newWindow);
    let resultWindow = newWindow;
    let mergedNewWindow = false;
    let anyMerge = false;
    for (const { result, members } of groups) {
      if (members.length < 2) continue;
      anyMerge = true;
      const i = members.findIndex((m) => windowId(m) === newId);
      if (i >= 0) {
        members.splice(i, 1);
        mergedNewWindow = true;
        resultWindow = result;
      }
      const stateWindowResult = this.mapping.get(windowId(members[0]))![1];
      const mergedStateWindows: TimeWindow[] = [];
      for (const m of members) {
        const entry = this.mapping.get(windowId(m));
        if (entry) {
          this.mapping.delete(windowId(m));
          if (entry[1] !== stateWindowResult) mergedStateWindows.push(entry[1]);
        }
      }
      this.mapping.set(windowId(result), [result, stateWindowResult]);
      // Absorbing a new window into an existing one that does not grow is no merge.
      const same = members.length === 1 && windowId(members[0]) === windowId(result);
      if (!same) merge(result, members, stateWindowResult, mergedStateWindows);
    }
    if (!anyMerge || (windowId(resultWindow) === newId && !mergedNewWindow))
      this.mapping.set(newId, [resultWindow, resultWindow]);
    return resultWindow;
  }

  /** The in-flight windows, for the state inspector and tests. */
  windows(): TimeWindow[] {
    return [...this.mapping.values()].map(([w]) => w);
  }
}
