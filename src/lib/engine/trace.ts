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
 *
 * The columns are few and mostly typed: the kind (with a flag for a null timestamp), the time and
 * the timestamp are numbers in typed arrays (no write barrier, nothing for the collector to
 * scan); `ref` holds what else an event needs (a receive's sender, an add's window, or the
 * event object itself). Every per-record event costs four reference stores and three number
 * stores.
 */
import type { Key, Place, TraceEvent, WindowBounds } from './api';

/** A copy of the newest events of a ring (TraceRing.tail), columns as the ring stores them. */
export interface TraceTail {
  total: number;
  kind: number[];
  time: number[];
  ts: number[];
  at: Place[];
  key: Key[];
  value: unknown[];
  /** The event (OBJECT), the sender (RECEIVE), the window (WINDOW_ADD), else null. */
  ref: (TraceEvent | Place | WindowBounds | null)[];
}

const OBJECT = 0;
const EMIT = 1;
const EMIT_LATE = 2;
const RECEIVE = 3;
const EMIT_REPLAYED = 4;
const EMIT_LATE_REPLAYED = 5;
const WINDOW_ADD = 6;
/** Or'ed into the kind: the record's timestamp is null (the ts column holds 0). */
const TS_NULL = 8;
const KIND = 7;

/** The kind of an emit event (from its flags). */
const EMIT_KIND = [EMIT, EMIT_LATE, EMIT_REPLAYED, EMIT_LATE_REPLAYED];

export class TraceRing {
  private kind: Uint8Array;
  private time: Float64Array;
  private ts: Float64Array;
  private readonly at: Place[] = [];
  private readonly key: Key[] = [];
  private readonly value: unknown[] = [];
  private readonly ref: (TraceEvent | Place | WindowBounds | null)[] = [];
  /** Events kept (at most `limit`). */
  private n = 0;
  private pos = 0;
  dropped = 0;

  constructor(private readonly limit: number) {
    // The typed columns grow by doubling up to `limit` (a large limit costs only what is used).
    const cap = Math.min(limit, 1024);
    this.kind = new Uint8Array(cap);
    this.time = new Float64Array(cap);
    this.ts = new Float64Array(cap);
  }

  private grow(): void {
    const cap = Math.min(this.limit, this.kind.length * 2);
    const kind = new Uint8Array(cap);
    kind.set(this.kind);
    this.kind = kind;
    const time = new Float64Array(cap);
    time.set(this.time);
    this.time = time;
    const ts = new Float64Array(cap);
    ts.set(this.ts);
    this.ts = ts;
  }

  /** The slot for the next event (overwriting the oldest once the ring is full). */
  private slot(): number {
    const n = this.n;
    if (n < this.limit) {
      if (n === this.kind.length) this.grow();
      this.at.push(null as unknown as Place);
      this.key.push(null);
      this.value.push(undefined);
      this.ref.push(null);
      this.n = n + 1;
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
    this.ref[i] = ev;
    this.key[i] = null;
    this.value[i] = undefined;
  }

  /** A window `add` event: element `value` of `key` went into `window` at `at`. */
  windowAdd(time: number, at: Place, key: Key, window: WindowBounds, value: unknown): void {
    const i = this.slot();
    this.kind[i] = WINDOW_ADD;
    this.time[i] = time;
    this.at[i] = at;
    this.key[i] = key;
    this.value[i] = value;
    this.ref[i] = window;
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
    const k = from !== null ? RECEIVE : EMIT_KIND[(late ? 1 : 0) + (replayed ? 2 : 0)];
    if (ts === null) {
      this.kind[i] = k | TS_NULL;
      this.ts[i] = 0;
    } else {
      this.kind[i] = k;
      this.ts[i] = ts;
    }
    this.time[i] = time;
    this.at[i] = at;
    this.key[i] = key;
    this.value[i] = value;
    this.ref[i] = from;
  }

  private event(i: number): TraceEvent {
    const code = this.kind[i];
    const k = code & KIND;
    if (k === OBJECT) return this.ref[i] as TraceEvent;
    const at = this.at[i];
    let ev: TraceEvent;
    if (k === WINDOW_ADD) {
      const w = this.ref[i] as WindowBounds;
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
    } else {
      const timestamp = (code & TS_NULL) !== 0 ? null : this.ts[i];
      if (k === RECEIVE) {
        const from = this.ref[i] as Place;
        ev = {
          type: 'receive',
          time: this.time[i],
          node: at.node,
          subtask: at.subtask,
          from: { node: from.node, subtask: from.subtask },
          key: this.key[i],
          value: this.value[i],
          timestamp,
        };
      } else {
        ev = {
          type: 'emit',
          time: this.time[i],
          node: at.node,
          subtask: at.subtask,
          key: this.key[i],
          value: this.value[i],
          timestamp,
        };
        if (k === EMIT_LATE || k === EMIT_LATE_REPLAYED) ev.late = true;
        if (k === EMIT_REPLAYED || k === EMIT_LATE_REPLAYED) ev.replayed = true;
      }
    }
    // Read once, kept as an object: later reads return the same event.
    this.kind[i] = OBJECT;
    this.ref[i] = ev;
    return ev;
  }

  /** How many events are kept. */
  get size(): number {
    return this.n;
  }

  /** The event with absolute index `abs` (counting dropped ones), which must still be kept. */
  eventAt(abs: number): TraceEvent {
    const n = this.n;
    const rel = abs - this.dropped;
    return this.event(n < this.limit ? rel : (this.pos + rel) % this.limit);
  }

  /**
   * Seek points (../seekPoints.ts): the newest `keep` kept events as stored, and how many were
   * recorded in all. Loading it gives a ring that goes on exactly as this one would, holding
   * those events (the older ones count as dropped).
   */
  tail(keep: number): TraceTail {
    const n = this.n;
    const k = Math.min(Math.max(0, keep), n);
    const oldest = n < this.limit ? 0 : this.pos;
    const t: TraceTail = {
      total: this.dropped + n,
      kind: new Array<number>(k),
      time: new Array<number>(k),
      ts: new Array<number>(k),
      at: new Array<Place>(k),
      key: new Array<Key>(k),
      value: new Array<unknown>(k),
      ref: new Array<TraceEvent | Place | WindowBounds | null>(k),
    };
    for (let j = 0; j < k; j++) {
      let i = oldest + n - k + j;
      if (i >= n) i -= n;
      t.kind[j] = this.kind[i];
      t.time[j] = this.time[i];
      t.ts[j] = this.ts[i];
      t.at[j] = this.at[i];
      t.key[j] = this.key[i];
      t.value[j] = this.value[i];
      t.ref[j] = this.ref[i];
    }
    return t;
  }

  load(t: TraceTail): void {
    const k = Math.min(t.kind.length, this.limit);
    const from = t.kind.length - k;
    let cap = Math.min(this.limit, 1024);
    while (cap < k) cap = Math.min(this.limit, cap * 2);
    this.kind = new Uint8Array(cap);
    this.time = new Float64Array(cap);
    this.ts = new Float64Array(cap);
    this.at.length = 0;
    this.key.length = 0;
    this.value.length = 0;
    this.ref.length = 0;
    for (let j = from; j < t.kind.length; j++) {
      const i = j - from;
      this.kind[i] = t.kind[j];
      this.time[i] = t.time[j];
      this.ts[i] = t.ts[j];
      this.at.push(t.at[j]);
      this.key.push(t.key[j]);
      this.value.push(t.value[j]);
      this.ref.push(t.ref[j]);
    }
    this.n = k;
    // A full ring overwrites slot 0 next: the oldest of the loaded events.
    this.pos = 0;
    this.dropped = t.total - k;
  }

  /** The kept events, oldest first. */
  events(): TraceEvent[] {
    const n = this.n;
    const out: TraceEvent[] = new Array<TraceEvent>(n);
    const start = n < this.limit ? 0 : this.pos;
    for (let j = 0; j < n; j++) {
      const i = start + j < n ? start + j : start + j - n;
      out[j] = this.event(i);
    }
    return out;
  }
}
