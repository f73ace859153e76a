/**
 * The bounded trace: the last `limit` events in a ring, older ones dropped and counted.
 *
 * Why columns: with tracing on, every record makes an `emit` and a `receive` event per hop. As
 * objects, each lived exactly as long as the ring kept it (100 000 events by default): long
 * enough to be copied by every young-generation collection and promoted, short enough to die in
 * the old generation. Collection took over half of the time of a traced run. The two per-record
 * kinds are therefore kept as columns (references to the key and value the record carries
 * anyway, numbers for the rest) and made into objects only when the trace is read, once per
 * event (they are cached). So is a window's `add` event (one per element and window: the window
 * is the window operator's own object, the value the record's). Every other event is stored as
 * the object it is recorded as.
 */
import type { Key, Place, TraceEvent, WindowBounds } from './api';

/** A copy of the newest events of a ring (TraceRing.tail), columns as the ring stores them. */
export interface TraceTail {
  total: number;
  kind: number[];
  time: number[];
  at: Place[];
  from: (Place | null)[];
  key: Key[];
  value: unknown[];
  ts: (number | null)[];
  obj: (TraceEvent | null)[];
  /** Window bounds of `add` events kept as columns (null for the others). */
  win: (WindowBounds | null)[];
}

const OBJECT = 0;
const EMIT = 1;
const EMIT_LATE = 2;
const RECEIVE = 3;
const EMIT_REPLAYED = 4;
const EMIT_LATE_REPLAYED = 5;
const WINDOW_ADD = 6;

export class TraceRing {
  private readonly kind: number[] = [];
  private readonly time: number[] = [];
  private readonly at: Place[] = [];
  private readonly from: (Place | null)[] = [];
  private readonly key: Key[] = [];
  private readonly value: unknown[] = [];
  private readonly ts: (number | null)[] = [];
  private readonly obj: (TraceEvent | null)[] = [];
  private readonly win: (WindowBounds | null)[] = [];
  private pos = 0;
  dropped = 0;

  constructor(private readonly limit: number) {}

  /** The slot for the next event (overwriting the oldest once the ring is full). */
  private slot(): number {
    const n = this.kind.length;
    if (n < this.limit) {
      this.kind.push(OBJECT);
      this.time.push(0);
      this.at.push(null as unknown as Place);
      this.from.push(null);
      this.key.push(null);
      this.value.push(undefined);
      this.ts.push(null);
      this.obj.push(null);
      this.win.push(null);
      return n;
    }
    const i = this.pos;
    this.pos = i + 1 === this.limit ? 0 : i + 1;
    this.dropped++;
    return i;
  }

  push(ev: TraceEvent): void {
    const i = this.slot();
    this.kind[i] = OBJECT;
    this.obj[i] = ev;
    this.key[i] = null;
    this.value[i] = undefined;
    this.win[i] = null;
  }

  /** A window `add` event: element `value` of `key` went into `window` at `at`. */
  windowAdd(time: number, at: Place, key: Key, window: WindowBounds, value: unknown): void {
    const i = this.slot();
    this.kind[i] = WINDOW_ADD;
    this.time[i] = time;
    this.at[i] = at;
    this.key[i] = key;
    this.value[i] = value;
    this.win[i] = window;
    this.obj[i] = null;
  }

  /** An `emit` (from = null) or `receive` event of one record at `at`. */
  flow(
    time: number,
    at: Place,
    from: Place | null,
    key: Key,
    value: unknown,
    ts: number | null,
    late: boolean,
    replayed = false,
  ): void {
    const i = this.slot();
    this.kind[i] =
      from !== null
        ? RECEIVE
        : replayed
          ? late
            ? EMIT_LATE_REPLAYED
            : EMIT_REPLAYED
          : late
            ? EMIT_LATE
            : EMIT;
    this.time[i] = time;
    this.at[i] = at;
    this.from[i] = from;
    this.key[i] = key;
    this.value[i] = value;
    this.ts[i] = ts;
    this.obj[i] = null;
    this.win[i] = null;
  }

  private event(i: number): TraceEvent {
    const k = this.kind[i];
    if (k === OBJECT) return this.obj[i]!;
    const at = this.at[i];
    let ev: TraceEvent;
    if (k === WINDOW_ADD) {
      const w = this.win[i]!;
      ev = {
        type: 'window',
        time: this.time[i],
        node: at.node,
        subtask: at.subtask,
        key: this.key[i],
        action: 'add',
        start: w.start,
        end: w.end,
      };
      // As the window operator builds it: no `value` property for an undefined value.
      if (this.value[i] !== undefined) ev.value = this.value[i];
      this.win[i] = null;
    } else if (k === RECEIVE) {
      const from = this.from[i]!;
      ev = {
        type: 'receive',
        time: this.time[i],
        node: at.node,
        subtask: at.subtask,
        from: { node: from.node, subtask: from.subtask },
        key: this.key[i],
        value: this.value[i],
        timestamp: this.ts[i],
      };
    } else {
      ev = {
        type: 'emit',
        time: this.time[i],
        node: at.node,
        subtask: at.subtask,
        key: this.key[i],
        value: this.value[i],
        timestamp: this.ts[i],
      };
      if (k === EMIT_LATE || k === EMIT_LATE_REPLAYED) ev.late = true;
      if (k === EMIT_REPLAYED || k === EMIT_LATE_REPLAYED) ev.replayed = true;
    }
    // Read once, kept as an object: later reads return the same event.
    this.kind[i] = OBJECT;
    this.obj[i] = ev;
    return ev;
  }

  /** How many events are kept. */
  get size(): number {
    return this.kind.length;
  }

  /** The event with absolute index `abs` (counting dropped ones), which must still be kept. */
  eventAt(abs: number): TraceEvent {
    const n = this.kind.length;
    const rel = abs - this.dropped;
    return this.event(n < this.limit ? rel : (this.pos + rel) % this.limit);
  }

  /**
   * Seek points (../seekPoints.ts): the newest `keep` kept events as stored, and how many were
   * recorded in all. Loading it gives a ring that goes on exactly as this one would, holding
   * those events (the older ones count as dropped).
   */
  tail(keep: number): TraceTail {
    const n = this.kind.length;
    const k = Math.min(Math.max(0, keep), n);
    const oldest = n < this.limit ? 0 : this.pos;
    const t: TraceTail = {
      total: this.dropped + n,
      kind: new Array<number>(k),
      time: new Array<number>(k),
      at: new Array<Place>(k),
      from: new Array<Place | null>(k),
      key: new Array<Key>(k),
      value: new Array<unknown>(k),
      ts: new Array<number | null>(k),
      obj: new Array<TraceEvent | null>(k),
      win: new Array<WindowBounds | null>(k),
    };
    for (let j = 0; j < k; j++) {
      let i = oldest + n - k + j;
      if (i >= n) i -= n;
      t.kind[j] = this.kind[i];
      t.time[j] = this.time[i];
      t.at[j] = this.at[i];
      t.from[j] = this.from[i];
      t.key[j] = this.key[i];
      t.value[j] = this.value[i];
      t.ts[j] = this.ts[i];
      t.obj[j] = this.obj[i];
      t.win[j] = this.win[i];
    }
    return t;
  }

  load(t: TraceTail): void {
    const k = Math.min(t.kind.length, this.limit);
    const from = t.kind.length - k;
    const cols = [
      this.kind,
      this.time,
      this.at,
      this.from,
      this.key,
      this.value,
      this.ts,
      this.obj,
      this.win,
    ];
    const src = [t.kind, t.time, t.at, t.from, t.key, t.value, t.ts, t.obj, t.win];
    for (let c = 0; c < cols.length; c++) {
      const col = cols[c] as unknown[];
      col.length = 0;
      for (let j = from; j < t.kind.length; j++) col.push((src[c] as unknown[])[j]);
    }
    // A full ring overwrites slot 0 next: the oldest of the loaded events.
    this.pos = 0;
    this.dropped = t.total - k;
  }

  /** The kept events, oldest first. */
  events(): TraceEvent[] {
    const n = this.kind.length;
    const out: TraceEvent[] = new Array<TraceEvent>(n);
    const start = n < this.limit ? 0 : this.pos;
    for (let j = 0; j < n; j++) {
      const i = start + j < n ? start + j : start + j - n;
      out[j] = this.event(i);
    }
    return out;
  }
}
