import type { Firing as FiringKind, Key, SinkRecord, TraceEvent } from '../../engine/api';

/**
 * Which window a sink row came from and whether it was an on-time or a late firing, learned from
 * the trace. Pure and bounded, unit-tested.
 *
 * A firing is on-time when the event-time timer for the window's end − 1 fired it (the trace
 * event right before it is that timer), as Flink's EventTimeTrigger does when the watermark
 * passes the window; any other firing of a time window (a late element inside the allowed
 * lateness, or a count trigger) is late. Sink records that carry `window`/`firing` themselves
 * win over what is learned here.
 */
export interface Firing {
  node: string;
  key: Key;
  start: number;
  end: number;
  /** Processing time of the firing. */
  time: number;
  value: unknown;
  kind: 'on-time' | 'late' | null;
}

/** The extra fields a sink row may carry (from the window operator), all optional. */
export type RichSinkRecord = SinkRecord & {
  window?: { start: number; end: number } | null;
  firing?: FiringKind | null;
};

const MAX_FIRINGS = 20_000;
/** Windows with these bounds are global windows (no time bounds). */
const GLOBAL_START = Number.MIN_SAFE_INTEGER;

export class FiringIndex {
  private byEnd = new Map<string, Firing[]>();
  private count = 0;
  private previous: TraceEvent | null = null;

  private static id(key: Key, maxTimestamp: number) {
    return `${typeof key}:${String(key)}@${maxTimestamp}`;
  }

  clear(): void {
    this.byEnd.clear();
    this.count = 0;
    this.previous = null;
  }

  add(events: TraceEvent[]): void {
    for (const e of events) {
      if (e.type === 'window' && e.action === 'fire') {
        const prev = this.previous;
        const timed = e.start !== GLOBAL_START;
        const byTimer =
          prev !== null &&
          prev.type === 'timer' &&
          prev.action === 'fire' &&
          prev.node === e.node &&
          prev.subtask === e.subtask &&
          prev.at === e.end - 1;
        const firing: Firing = {
          node: e.node,
          key: e.key,
          start: e.start,
          end: e.end,
          time: e.time,
          value: e.value,
          kind: timed ? (byTimer ? 'on-time' : 'late') : null,
        };
        const id = FiringIndex.id(e.key, e.end - 1);
        const list = this.byEnd.get(id);
        if (list) list.push(firing);
        else this.byEnd.set(id, [firing]);
        if (++this.count > MAX_FIRINGS) {
          // Forget the oldest entries (a Map iterates in insertion order).
          const oldest = this.byEnd.keys().next().value;
          if (oldest !== undefined) {
            this.count -= this.byEnd.get(oldest)!.length;
            this.byEnd.delete(oldest);
          }
        }
      }
      this.previous = e;
    }
  }

  /**
   * The firing a sink row most likely came from: same key, timestamp = window end − 1, fired at
   * or before the row arrived, the latest such (with the same value when several match).
   */
  lookup(row: SinkRecord): Firing | null {
    if (row.timestamp === null) return null;
    const list = this.byEnd.get(FiringIndex.id(row.key, row.timestamp));
    if (!list) return null;
    let best: Firing | null = null;
    let bestSame = false;
    for (const f of list) {
      if (f.time > row.processingTime) continue;
      const same = sameValue(f.value, row.value);
      // The latest firing with the same value; else the latest one.
      if (best === null || (same && (!bestSame || f.time >= best.time)) || (!bestSame && !same)) {
        best = f;
        bestSame = same;
      }
    }
    return best;
  }

  /** Window and firing of a row: its own fields when it has them, else what the trace says. */
  describe(row: RichSinkRecord): {
    window: { start: number; end: number } | null;
    firing: FiringKind | null;
  } {
    const f = row.window === undefined || row.firing === undefined ? this.lookup(row) : null;
    const window =
      row.window !== undefined ? row.window : f ? { start: f.start, end: f.end } : null;
    const firing = row.firing !== undefined ? row.firing : (f?.kind ?? null);
    return { window: window && window.start === GLOBAL_START ? null : window, firing };
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
