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

const same = (a: TimeWindow, b: TimeWindow) => a.start === b.start && a.end === b.end;

export class MergingWindowSet {
  /**
   * The in-flight windows and their state windows. A key has few windows in flight, so a list
   * searched by bounds is cheaper than a map keyed by strings.
   */
  private readonly entries: { window: TimeWindow; state: TimeWindow }[] = [];

  get size(): number {
    return this.entries.length;
  }

  private indexOf(w: TimeWindow): number {
    const es = this.entries;
    for (let i = 0; i < es.length; i++) if (same(es[i].window, w)) return i;
    return -1;
  }

  getStateWindow(w: TimeWindow): TimeWindow | null {
    const i = this.indexOf(w);
    return i < 0 ? null : this.entries[i].state;
  }

  retireWindow(w: TimeWindow): void {
    const i = this.indexOf(w);
    if (i < 0) throw new Error(`window ${windowId(w)} is not in flight`);
    this.entries.splice(i, 1);
  }

  /** Adds a new window, merging it with the windows it intersects; returns the window it ended up in. */
  addWindow(newWindow: TimeWindow, merge: MergeCallback): TimeWindow {
    // In-flight windows never intersect one another (a merge removes the windows it covers), so
    // the group of Flink's sort-and-sweep TimeWindow.mergeWindows that holds the new window is
    // the new window with exactly the in-flight windows it intersects; no other group can merge.
    const es = this.entries;
    let members: { window: TimeWindow; state: TimeWindow }[] | null = null;
    let result = newWindow;
    for (let i = 0; i < es.length; i++) {
      if (intersects(es[i].window, newWindow)) {
        (members ??= []).push(es[i]);
        result = cover(result, es[i].window);
      }
    }
    // No merge, or the new window equals an in-flight one (a set of one in Flink, after which
    // Flink maps it to itself): it is its own state window.
    if (members === null || (members.length === 1 && same(members[0].window, newWindow))) {
      if (members !== null) es.splice(es.indexOf(members[0]), 1);
      es.push({ window: newWindow, state: newWindow });
      return newWindow;
    }
    // Flink takes the state window of "any" merged window (a HashSet's first); here the earliest.
    members.sort((a, b) => a.window.start - b.window.start);
    const stateWindowResult = members[0].state;
    const mergedStateWindows: TimeWindow[] = [];
    for (const m of members) {
      es.splice(es.indexOf(m), 1);
      if (m.state !== stateWindowResult) mergedStateWindows.push(m.state);
    }
    es.push({ window: result, state: stateWindowResult });
    // Absorbing a new window into an existing one that does not grow is no merge.
    if (!(members.length === 1 && same(members[0].window, result)))
      merge(
        result,
        members.map((m) => m.window),
        stateWindowResult,
        mergedStateWindows,
      );
    return result;
  }

  /** Checkpoints: [window start, end, state window start, end] per in-flight window, in order. */
  snapshot(): [number, number, number, number][] {
    return this.entries.map((e) => [e.window.start, e.window.end, e.state.start, e.state.end]);
  }

  restore(entries: [number, number, number, number][]): void {
    this.entries.length = 0;
    for (const [ws, we, ss, se] of entries) {
      const window = { start: ws, end: we };
      this.entries.push({
        window,
        state: ws === ss && we === se ? window : { start: ss, end: se },
      });
    }
  }

  /** The in-flight windows, for the state inspector and tests. */
  windows(): TimeWindow[] {
    return this.entries.map((e) => e.window);
  }
}
