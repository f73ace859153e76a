/**
 * Where a sink row came from, for the Results table: one source record passed along, or a
 * window firing and the records that were in the window. The fate tracker (fates.ts) notes every
 * sink event it follows here with what it derives from; a row is found again by what it carries
 * (sink subtask, arrival time, key, timestamp, value), as rows have no identity of their own.
 * Pure data: the UI words it.
 */
import type { Firing, Key, SinkRecord } from './api';
import type { RecordFate } from './fates';

/** The window firing a lineage is the result of. */
export interface FiredWindow {
  node: string;
  subtask: number;
  key: Key;
  start: number;
  end: number;
  firing: Firing;
  /** Processing time of the firing. */
  firedAt: number;
  /** The tracker saw every record that went into it (else its result is "not followed"). */
  whole: boolean;
}

/** One record of a window's result, enough to name it on a button. */
export type OriginRecord = Pick<
  RecordFate,
  'id' | 'source' | 'offset' | 'key' | 'value' | 'timestamp'
>;

export type ResultOrigin =
  /** The row is this source record itself, passed along (map, filter, keyBy … → sink). */
  | { kind: 'record'; id: number }
  /**
   * The row is the result of this window firing (`derived`: made from it by an operator after
   * the window, e.g. a map). `count` records were in the window, `kept` of them the tracker
   * still keeps; `records` are the first MAX_ORIGIN_RECORDS of those.
   */
  | {
      kind: 'window';
      window: FiredWindow;
      derived: boolean;
      count: number;
      kept: number;
      records: OriginRecord[];
    }
  /** The tracker did not follow this row's records (not traced, sampled, or forgotten). */
  | { kind: 'unknown' };

/** Records of a window origin listed at most. */
export const MAX_ORIGIN_RECORDS = 200;
/** Sink events remembered per sink (the newest). */
const MAX_ENTRIES = 20_000;

export interface ResultEntry {
  subtask: number;
  time: number;
  key: Key;
  value: unknown;
  timestamp: number | null;
  /** Record ids it derives from (null: not followed). */
  lineage: readonly number[] | null;
  window: FiredWindow | null;
  /** The sink event carried its window itself (no new record was made after the window). */
  ownWindow: boolean;
}

/** The sink events followed, per sink node, newest last; bounded. */
export class ResultIndex {
  private readonly bySink = new Map<string, ResultEntry[]>();

  add(sink: string, entry: ResultEntry): void {
    let list = this.bySink.get(sink);
    if (!list) this.bySink.set(sink, (list = []));
    list.push(entry);
    if (list.length > 2 * MAX_ENTRIES) this.bySink.set(sink, list.slice(-MAX_ENTRIES));
  }

  /** The newest followed sink event this row matches, or null. */
  find(row: SinkRecord): ResultEntry | null {
    const list = this.bySink.get(row.sink);
    if (!list) return null;
    for (let i = list.length - 1; i >= 0; i--) {
      const e = list[i];
      if (
        e.subtask === row.subtask &&
        e.time === row.processingTime &&
        e.key === row.key &&
        e.timestamp === row.timestamp &&
        sameValue(e.value, row.value)
      )
        return e;
    }
    return null;
  }
}

/** Values compare by content: a row comes back from the UI as a structured clone. */
function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
