/**
 * BATCH runtime mode: the sorted input of a keyed operator (Flink's SortingDataInput with the
 * batch state backend and BatchExecutionInternalTimeService).
 *
 * In Flink's BATCH mode the shuffle into a keyed operator is blocking and its input is sorted:
 * the operator sees all records of one key, in timestamp order, then the next key. It keeps the
 * state and timers of the current key only; when the key changes it fires that key's event-time
 * timers, then its processing-time timers, as if the watermark were +∞ (while a key's records are
 * processed the watermark is −∞, so nothing is late). Timers registered while they fire are
 * ignored. The order of the keys is Flink's serialized key order; here it is a fixed one: null,
 * then booleans, numbers (ascending), strings (by code unit), then anything else by its JSON.
 */
import type { Key, PaneInfo } from './api';

/** A subtask's input queue (structure of arrays, elements in [qHead, qTail)), as runtime.ts keeps it. */
export interface SortableQueue<C> {
  qChan: C[];
  qKind: number[];
  qKey: Key[];
  qVal: unknown[];
  qTs: (number | null)[];
  qPane: (PaneInfo | null)[] | null;
  qHead: number;
  qTail: number;
}

function rank(k: unknown): number {
  if (k === null || k === undefined) return 0;
  if (typeof k === 'boolean') return 1;
  if (typeof k === 'number') return 2;
  if (typeof k === 'string') return 3;
  return 4;
}

export function compareKeys(a: Key, b: Key): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 0) return 0;
  if (ra === 4) {
    const ja = JSON.stringify(a);
    const jb = JSON.stringify(b);
    return ja < jb ? -1 : ja > jb ? 1 : 0;
  }
  const x = a as number | string | boolean;
  const y = b as number | string | boolean;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** null (no timestamp: processing time) first; records without one keep their arrival order. */
function compareTimestamps(a: number | null, b: number | null): number {
  if (a === null || b === null) return a === null ? (b === null ? 0 : -1) : 1;
  return a - b;
}

/**
 * Reorders a complete input queue: the records grouped by key (in key order), each key's in
 * timestamp order (ties in arrival order), an end-of-key marker of kind `keyEnd` after each key,
 * then the other elements (watermarks, idleness, end of input) in their order.
 */
export function sortByKey<C>(q: SortableQueue<C>, recordKind: number, keyEnd: number): void {
  const { qKind, qKey, qTs } = q;
  const records: number[] = [];
  const others: number[] = [];
  for (let i = q.qHead; i < q.qTail; i++) (qKind[i] === recordKind ? records : others).push(i);
  records.sort(
    (a, b) => compareKeys(qKey[a], qKey[b]) || compareTimestamps(qTs[a], qTs[b]) || a - b,
  );
  const chan: C[] = [];
  const kind: number[] = [];
  const key: Key[] = [];
  const val: unknown[] = [];
  const ts: (number | null)[] = [];
  const pane: (PaneInfo | null)[] = [];
  const take = (i: number) => {
    chan.push(q.qChan[i]);
    kind.push(qKind[i]);
    key.push(qKey[i]);
    val.push(q.qVal[i]);
    ts.push(qTs[i]);
    pane.push(q.qPane !== null ? q.qPane[i] : null);
  };
  records.forEach((i, j) => {
    take(i);
    const next = records[j + 1];
    if (next === undefined || compareKeys(qKey[i], qKey[next]) !== 0) {
      chan.push(q.qChan[i]);
      kind.push(keyEnd);
      key.push(qKey[i]);
      val.push(undefined);
      ts.push(null);
      pane.push(null);
    }
  });
  for (const i of others) take(i);
  q.qChan = chan;
  q.qKind = kind;
  q.qKey = key;
  q.qVal = val;
  q.qTs = ts;
  q.qPane = q.qPane !== null ? pane : null;
  q.qHead = 0;
  q.qTail = kind.length;
}
