/**
 * The fate of every source record, read from the trace.
 *
 * Why from the trace and not in the runtime: a record carries no identity through the engine's
 * hot path (key, value and timestamp only), and giving it one would cost every run, traced or
 * not. The trace already says everything in order, so the tracker follows records there:
 * - a source's `emit` is a new record, numbered per source subtask (its offset);
 * - a `receive` at Q from P is the oldest record P sent towards Q's node with the same key,
 *   value (the same reference: records are passed on, not copied) and timestamp; FIFO per
 *   channel, so it is almost always the first one waiting;
 * - what a subtask emits while it processes a record derives from that record (map, flatMap,
 *   keyBy, filter pass it on); what it emits after a window `fire` is the window's result, which
 *   derives from every record in the window; after a `timer` fires, from none of them.
 * Window `add`, `fire`, `purge`, `merge` and `cleanup` say which window a record went into and
 * which firing took it; `drop` (with its `cause`) says why one was dropped.
 * Pure and incremental: the Worker feeds it each batch of new trace events; tests feed a whole
 * trace. Memory is bounded: the newest MAX_RECORDS records are kept (counters stay exact).
 */
import type { Firing, Key, Place, SinkRecord, TraceEvent, WindowBounds } from './api';
import type { PipelineDocument } from '../pipeline/types';
import { SOURCES } from './sources/index';
import {
  MAX_ORIGIN_RECORDS,
  ResultIndex,
  type FiredWindow,
  type ResultOrigin,
} from './resultOrigin';

/**
 * What became of a record, most telling first (see fateOf):
 * - late-dropped: behind the watermark of every window it belonged to, beyond the allowed
 *   lateness, and the window has no late side output;
 * - side-output: the same, sent to the window's late side output;
 * - late-fired: arrived after the watermark had passed its window's end − 1, within the allowed
 *   lateness, and fired the window again (a late firing);
 * - on-time: went into a window that fired with it (early or on time);
 * - delivered: reached a sink itself (no window on its way);
 * - filtered: a filter rejected it; error: a user function threw on it;
 * - in-flight: none of these yet (in a channel, or in a window that has not fired).
 */
export type FateKind =
  | 'late-dropped'
  | 'side-output'
  | 'late-fired'
  | 'on-time'
  | 'delivered'
  | 'filtered'
  | 'error'
  | 'in-flight';

/** The per-node counters: each fate where it happened, plus replays (at sources) and duplicates (at sinks). */
export type FateCounter = Exclude<FateKind, 'in-flight'> | 'replayed' | 'duplicated';

/** One window a record went into. */
export interface WindowFate {
  node: string;
  subtask: number;
  key: Key;
  start: number;
  end: number;
  /** Processing time it was added. */
  addedAt: number;
  /** The first firing that included it (null while the window has not fired). */
  firing: Firing | null;
  firedAt: number | null;
  /** Its arrival fired the window again after the watermark had passed (a late firing). */
  causedLateFiring: boolean;
}

export interface RecordFate {
  id: number;
  /** The source subtask that emitted it and its position there (1 = its first record). */
  source: Place;
  offset: number;
  key: Key;
  value: unknown;
  timestamp: number | null;
  emittedAt: number;
  /** Emitted again by its source after a recovery; `replayOf` is the first emission's id. */
  replayed: boolean;
  replayOf: number | null;
  /** Every subtask it reached, in order (the source first); at most MAX_HOPS. */
  hops: { node: string; subtask: number; time: number }[];
  windows: WindowFate[];
  /** Sinks it reached itself. `duplicate`: written again after a recovery (at-least-once). */
  sinks: { node: string; subtask: number; time: number; duplicate: boolean }[];
  /** Sinks that received a window result it went into. */
  results: { node: string; time: number; firing: Firing | null }[];
  /** Dropped: where, when, why; for late drops the watermark and window at that moment. */
  drop: {
    node: string;
    subtask: number;
    time: number;
    cause: 'late' | 'filtered' | 'error';
    watermark: number | null;
    window: WindowBounds | null;
    allowedLateness: number | null;
  } | null;
  /** Sent to a window's late side output, with the watermark and window that made it late. */
  sideOutput: {
    node: string;
    subtask: number;
    time: number;
    watermark: number | null;
    window: WindowBounds | null;
    allowedLateness: number | null;
  } | null;
  /** A result of it (or it) was written twice by an at-least-once sink after a recovery. */
  duplicated: boolean;
  fate: FateKind;
}

/** What the timeline needs per record: its fate and the two flags. */
export interface FateMark {
  id: number;
  fate: FateKind;
  replayed: boolean;
  duplicated: boolean;
}

const MAX_RECORDS = 50_000;
const MAX_HOPS = 24;
const MAX_LIST = 8;
/** Cleaned-up windows remembered for a restore that brings them back. */
const MAX_CLOSED_WINDOWS = 2_000;
/** Window results of windows with more records than this are not followed to their sinks. */
const MAX_RESULT_LINEAGE = 5_000;

/** Records a lineage derives from: one id for a record, many for a window result. */
type Lineage = readonly number[];

interface Waiting {
  lineage: Lineage | null;
  key: Key;
  value: unknown;
  ts: number | null;
  /** Receiving subtask (broadcast) or -1 (whichever the partitioner chose). */
  to: number;
  taken: boolean;
}

class WaitQueue {
  items: Waiting[] = [];
  head = 0;
  take(subtask: number, key: Key, value: unknown, ts: number | null): Waiting | null {
    const it = this.items;
    for (let i = this.head; i < it.length; i++) {
      const w = it[i];
      if (w.taken || (w.to >= 0 && w.to !== subtask)) continue;
      if (w.ts === ts && w.key === key && Object.is(w.value, value)) {
        w.taken = true;
        while (this.head < it.length && it[this.head].taken) this.head++;
        if (this.head > 1024 && this.head * 2 > it.length) {
          this.items = it.slice(this.head);
          this.head = 0;
        }
        return w;
      }
    }
    return null;
  }
}

interface PlaceState {
  /** The record being processed here (null: none, or a timer's work). */
  input: Lineage | null;
  /** What an emit here derives from: the input, or after a window fire, the window's records. */
  out: Lineage | null;
}

interface OpenWindow {
  ids: number[];
  /**
   * Its ids are all of its records: its `create` was seen, and since then no trace event went
   * unread (see missed()), no restore and no eviction happened. Otherwise a result of it is
   * "not followed" rather than a guess.
   */
  whole: boolean;
  /** The count of gaps (missed()) when it was created. */
  gaps: number;
}

const emptyCounts = (): Record<FateCounter, number> => ({
  'late-dropped': 0,
  'side-output': 0,
  'late-fired': 0,
  'on-time': 0,
  delivered: 0,
  filtered: 0,
  error: 0,
  replayed: 0,
  duplicated: 0,
});

export function fateOf(r: RecordFate): FateKind {
  if (r.drop?.cause === 'late') return 'late-dropped';
  if (r.sideOutput) return 'side-output';
  if (r.windows.some((w) => w.causedLateFiring)) return 'late-fired';
  if (r.windows.some((w) => w.firing !== null)) return 'on-time';
  if (r.sinks.length > 0) return 'delivered';
  if (r.drop) return r.drop.cause;
  return 'in-flight';
}

export class FateTracker {
  private readonly records = new Map<number, RecordFate>();
  private readonly counts = new Map<string, Record<FateCounter, number>>();
  /** Per node, per subtask: what it is processing; and its queues towards each receiving node. */
  private places = new Map<string, PlaceState[]>();
  private queues = new Map<string, Map<string, WaitQueue>[]>();
  private readonly windows = new Map<string, OpenWindow>();
  /**
   * Windows cleaned up lately: a restore from a checkpoint taken before a cleanup brings the
   * window back (and it fires again, a duplicate at an at-least-once sink).
   */
  private readonly closed = new Map<string, OpenWindow>();
  /** Outgoing edges per node, of the main output and of the late side output. */
  private readonly outMain = new Map<string, { to: string; broadcast: number }[]>();
  private readonly outLate = new Map<string, { to: string; broadcast: number }[]>();
  private readonly sources = new Set<string>();
  private readonly lateEdge = new Set<string>();
  /** Per source subtask: ids of first emissions in order, and where a replay continues. */
  private readonly originals = new Map<string, number[]>();
  private readonly replayCursor = new Map<string, number>();
  private readonly offsets = new Map<string, number>();
  /**
   * Exactly-once sinks, per `node:subtask`: what the sink received and has not committed yet,
   * oldest first. A commit takes as many as its transaction holds (they count as delivered); a
   * failure aborts the rest: those records never reach the output.
   */
  private readonly uncommitted = new Map<
    string,
    { record: RecordFate | null; entry: RecordFate['sinks'][number] | null }[]
  >();
  /** The window firing each window-result lineage came from (lineages are passed on, not copied). */
  private readonly fired = new WeakMap<Lineage, FiredWindow>();
  /** Every sink event followed, with what it derives from (the Results table's "origin"). */
  private readonly results = new ResultIndex();
  /** Gaps in what the tracker read (events it never saw, restores): see OpenWindow.whole. */
  private gaps = 0;
  private nextId = 1;
  private oldest = 1;
  private changed = new Set<number>();

  constructor(doc: PipelineDocument) {
    const par = new Map(doc.nodes.map((n) => [n.id, n.parallelism]));
    for (const n of doc.nodes) if (n.kind in SOURCES) this.sources.add(n.id);
    for (const e of doc.edges) {
      const port = e.fromPort ?? 'main';
      if (port === 'late') this.lateEdge.add(e.from);
      const out = port === 'late' ? this.outLate : this.outMain;
      const list = out.get(e.from) ?? [];
      list.push({ to: e.to, broadcast: e.partitioning === 'broadcast' ? (par.get(e.to) ?? 1) : 0 });
      out.set(e.from, list);
    }
  }

  /**
   * Trace events went by unread before the next batch: the windows open now may miss records,
   * so their results are not followed.
   */
  missed(): void {
    this.gaps++;
  }

  /** Follows a batch of trace events (in order); annotates emits and receives with `record`. */
  feed(events: readonly TraceEvent[]): void {
    for (const e of events) this.one(e);
  }

  /** The record with this id (while it is kept). */
  get(id: number): RecordFate | undefined {
    return this.records.get(id);
  }

  /** Every kept record, oldest first. */
  all(): RecordFate[] {
    return [...this.records.values()];
  }

  /** Where a sink row came from, as far as the trace was followed (see resultOrigin.ts). */
  resultOrigin(row: SinkRecord): ResultOrigin {
    const entry = this.results.find(row);
    if (!entry || entry.lineage === null) return { kind: 'unknown' };
    if (entry.window && !entry.window.whole) return { kind: 'unknown' };
    if (entry.window) {
      const records = [];
      let kept = 0;
      for (const id of entry.lineage) {
        const r = this.records.get(id);
        if (!r) continue;
        kept++;
        if (records.length >= MAX_ORIGIN_RECORDS) continue;
        const { source, offset, key, value, timestamp } = r;
        records.push({ id, source, offset, key, value, timestamp });
      }
      return {
        kind: 'window',
        window: entry.window,
        derived: !entry.ownWindow,
        count: entry.lineage.length,
        kept,
        records,
      };
    }
    return entry.lineage.length === 1
      ? { kind: 'record', id: entry.lineage[0] }
      : { kind: 'unknown' };
  }

  /** Counters per node (only nodes where something happened). */
  counters(): Record<string, Record<FateCounter, number>> {
    return Object.fromEntries([...this.counts].map(([n, c]) => [n, { ...c }]));
  }

  /**
   * Records whose fate changed since the last call (the newest `max`); with `wanted`, only those
   * it accepts (the others are forgotten as changed).
   */
  takeChanged(max: number, wanted?: (id: number) => boolean): FateMark[] {
    const ids = wanted ? [...this.changed].filter(wanted) : [...this.changed];
    this.changed = new Set();
    const out: FateMark[] = [];
    for (let i = Math.max(0, ids.length - max); i < ids.length; i++) {
      const r = this.records.get(ids[i]);
      if (r) out.push({ id: r.id, fate: r.fate, replayed: r.replayed, duplicated: r.duplicated });
    }
    return out;
  }

  // ------------------------------------------------------------------ internals

  private place(node: string, subtask: number): PlaceState {
    let list = this.places.get(node);
    if (!list) this.places.set(node, (list = []));
    let p = list[subtask];
    if (!p) list[subtask] = p = { input: null, out: null };
    return p;
  }

  /** The queue of what `node[subtask]` sent towards node `to`. */
  private queue(node: string, subtask: number, to: string, create: boolean): WaitQueue | null {
    let list = this.queues.get(node);
    if (!list) {
      if (!create) return null;
      this.queues.set(node, (list = []));
    }
    let byTo = list[subtask];
    if (!byTo) {
      if (!create) return null;
      list[subtask] = byTo = new Map();
    }
    let q = byTo.get(to);
    if (!q && create) byTo.set(to, (q = new WaitQueue()));
    return q ?? null;
  }

  private count(node: string, c: FateCounter): void {
    let m = this.counts.get(node);
    if (!m) this.counts.set(node, (m = emptyCounts()));
    m[c]++;
  }

  private touch(r: RecordFate): void {
    r.fate = fateOf(r);
    this.changed.add(r.id);
  }

  /** The one record a lineage is, or null for none or a window result. */
  private single(l: Lineage | null): RecordFate | null {
    return l !== null && l.length === 1 ? (this.records.get(l[0]) ?? null) : null;
  }

  private one(e: TraceEvent): void {
    switch (e.type) {
      case 'emit':
        if (this.sources.has(e.node)) this.sourceEmit(e);
        else {
          const p = this.place(e.node, e.subtask);
          const lineage = e.late ? p.input : p.out;
          if (e.late) this.lateEmit(e.node, e.subtask, e.time, lineage);
          this.send(
            e.node,
            e.subtask,
            e.late ? 'late' : 'main',
            lineage,
            e.key,
            e.value,
            e.timestamp,
          );
          if (lineage !== null && lineage.length === 1) e.record = lineage[0];
        }
        break;
      case 'receive': {
        const q = this.queue(e.from.node, e.from.subtask, e.node, false);
        const w = q ? q.take(e.subtask, e.key, e.value, e.timestamp) : null;
        const lineage = w?.lineage ?? null;
        const p = this.place(e.node, e.subtask);
        p.input = lineage;
        p.out = lineage;
        const r = this.single(lineage);
        if (r) {
          e.record = r.id;
          if (r.hops.length < MAX_HOPS)
            r.hops.push({ node: e.node, subtask: e.subtask, time: e.time });
        }
        break;
      }
      case 'timer':
        if (e.action === 'fire') {
          const p = this.place(e.node, e.subtask);
          p.input = null;
          p.out = null;
        }
        break;
      case 'window':
        this.window(e);
        break;
      case 'drop':
        this.drop(e);
        break;
      case 'sink':
        this.sink(e);
        break;
      case 'checkpoint':
        if (e.action === 'commit') this.commit(e.node, e.subtask, e.size ?? 0);
        break;
      case 'failure':
        this.abortUncommitted();
        break;
      case 'restore':
        // Every channel was emptied and every operator restored: nothing in flight survives.
        this.queues = new Map();
        this.places = new Map();
        for (const k of this.originals.keys()) this.replayCursor.set(k, -1);
        // Open windows go back to their checkpointed contents: their ids no longer say which.
        this.gaps++;
        break;
    }
  }

  /** Queues what `node[subtask]` emitted on `port` for every node it feeds. */
  private send(
    node: string,
    subtask: number,
    port: 'main' | 'late',
    lineage: Lineage | null,
    key: Key,
    value: unknown,
    ts: number | null,
  ): void {
    const targets = (port === 'late' ? this.outLate : this.outMain).get(node);
    if (!targets) return;
    for (const t of targets) {
      const q = this.queue(node, subtask, t.to, true)!;
      if (t.broadcast > 0)
        for (let j = 0; j < t.broadcast; j++)
          q.items.push({ lineage, key, value, ts, to: j, taken: false });
      else q.items.push({ lineage, key, value, ts, to: -1, taken: false });
    }
  }

  private sourceEmit(e: Extract<TraceEvent, { type: 'emit' }>): void {
    const pk = `${e.node}#${e.subtask}`;
    let originals = this.originals.get(pk);
    if (!originals) this.originals.set(pk, (originals = []));
    let offset: number;
    let replayOf: number | null = null;
    if (e.replayed) {
      // A replay continues the first emissions in order from the restored offset; find where.
      let at = this.replayCursor.get(pk) ?? -1;
      const same = (id: number | undefined) => {
        const o = id === undefined ? undefined : this.records.get(id);
        return (
          o !== undefined &&
          o.key === e.key &&
          o.timestamp === e.timestamp &&
          sameValue(o.value, e.value)
        );
      };
      if (at < 0 || !same(originals[at])) {
        at = originals.findIndex((id) => same(id));
      }
      if (at >= 0) {
        replayOf = originals[at];
        offset = at + 1;
        this.replayCursor.set(pk, at + 1);
      } else offset = (this.offsets.get(pk) ?? 0) + 1;
      this.count(e.node, 'replayed');
    } else {
      offset = (this.offsets.get(pk) ?? 0) + 1;
      this.offsets.set(pk, offset);
    }
    const id = this.nextId++;
    if (!e.replayed) originals.push(id);
    const r: RecordFate = {
      id,
      source: { node: e.node, subtask: e.subtask },
      offset,
      key: e.key,
      value: e.value,
      timestamp: e.timestamp,
      emittedAt: e.time,
      replayed: !!e.replayed,
      replayOf,
      hops: [{ node: e.node, subtask: e.subtask, time: e.time }],
      windows: [],
      sinks: [],
      results: [],
      drop: null,
      sideOutput: null,
      duplicated: false,
      fate: 'in-flight',
    };
    this.records.set(id, r);
    // Ids grow by one: the oldest kept is found by counting, not by iterating the map (slow
    // over the holes that deletions at its front leave).
    while (this.records.size > MAX_RECORDS) this.records.delete(this.oldest++);
    this.changed.add(id);
    e.record = id;
    const lineage: Lineage = [id];
    this.send(e.node, e.subtask, 'main', lineage, e.key, e.value, e.timestamp);
  }

  private lateEmit(node: string, subtask: number, time: number, lineage: Lineage | null): void {
    const r = this.single(lineage);
    if (!r || !this.lateEdge.has(node)) return;
    r.sideOutput = {
      node,
      subtask,
      time,
      watermark: null,
      window: null,
      allowedLateness: null,
    };
    this.count(node, 'side-output');
    this.touch(r);
  }

  private windowKey(node: string, subtask: number, key: Key, start: number, end: number): string {
    return `${node}#${subtask}|${typeof key}:${String(key)}|${start}|${end}`;
  }

  /** The open window, or one cleaned up that a restore brought back. */
  private openWindow(wk: string): OpenWindow | undefined {
    let w = this.windows.get(wk);
    if (!w && (w = this.closed.get(wk))) {
      this.closed.delete(wk);
      this.windows.set(wk, w);
    }
    return w;
  }

  private window(e: Extract<TraceEvent, { type: 'window' }>): void {
    const p = this.place(e.node, e.subtask);
    const wk = this.windowKey(e.node, e.subtask, e.key, e.start, e.end);
    switch (e.action) {
      case 'create':
        this.windows.set(wk, { ids: [], whole: true, gaps: this.gaps });
        return;
      case 'evict': {
        const w = this.windows.get(wk);
        if (w) w.whole = false;
        return;
      }
      case 'add': {
        p.out = p.input;
        const r = this.single(p.input);
        if (!r) return;
        let w = this.openWindow(wk);
        if (!w) this.windows.set(wk, (w = { ids: [], whole: false, gaps: this.gaps }));
        w.ids.push(r.id);
        if (r.windows.length < MAX_LIST)
          r.windows.push({
            node: e.node,
            subtask: e.subtask,
            key: e.key,
            start: e.start,
            end: e.end,
            addedAt: e.time,
            firing: null,
            firedAt: null,
            causedLateFiring: false,
          });
        this.changed.add(r.id);
        return;
      }
      case 'fire': {
        const w = this.openWindow(wk);
        const ids = w ? w.ids.slice() : [];
        p.out = ids.length > 0 && ids.length <= MAX_RESULT_LINEAGE ? ids : null;
        const whole = !!w && w.whole && w.gaps === this.gaps;
        if (p.out)
          this.fired.set(p.out, {
            node: e.node,
            subtask: e.subtask,
            key: e.key,
            start: e.start,
            end: e.end,
            firing: e.firing ?? 'on-time',
            firedAt: e.time,
            whole,
          });
        const cause = this.single(p.input);
        for (const id of ids) {
          const r = this.records.get(id);
          if (!r) continue;
          const wf = r.windows.find(
            (x) =>
              x.node === e.node &&
              x.subtask === e.subtask &&
              x.key === e.key &&
              x.start === e.start &&
              x.end === e.end,
          );
          if (!wf || wf.firing !== null) continue;
          const firstAtNode = !r.windows.some((x) => x.node === e.node && x.firing !== null);
          wf.firing = e.firing ?? 'on-time';
          wf.firedAt = e.time;
          wf.causedLateFiring = e.firing === 'late' && cause === r;
          if (firstAtNode) this.count(e.node, wf.causedLateFiring ? 'late-fired' : 'on-time');
          this.touch(r);
        }
        return;
      }
      case 'purge': {
        const w = this.windows.get(wk);
        if (w) w.ids = [];
        return;
      }
      case 'cleanup': {
        const w = this.windows.get(wk);
        this.windows.delete(wk);
        if (w) {
          this.closed.set(wk, w);
          if (this.closed.size > MAX_CLOSED_WINDOWS)
            this.closed.delete(this.closed.keys().next().value!);
        }
        return;
      }
      case 'merge': {
        // Session windows: every open window of this key inside the merged one joins it.
        const prefix = `${e.node}#${e.subtask}|${typeof e.key}:${String(e.key)}|`;
        let target = this.windows.get(wk);
        for (const [k, w] of [...this.windows]) {
          if (k === wk || !k.startsWith(prefix)) continue;
          const [start, end] = k.slice(prefix.length).split('|').map(Number);
          if (start < e.start || end > e.end) continue;
          this.windows.delete(k);
          if (!target) this.windows.set(wk, (target = { ids: [], whole: w.whole, gaps: w.gaps }));
          target.whole &&= w.whole && w.gaps === target.gaps;
          for (const id of w.ids) {
            target.ids.push(id);
            const r = this.records.get(id);
            const wf = r?.windows.find(
              (x) => x.node === e.node && x.key === e.key && x.start === start && x.end === end,
            );
            if (wf) {
              wf.start = e.start;
              wf.end = e.end;
            }
          }
        }
        return;
      }
    }
  }

  private drop(e: Extract<TraceEvent, { type: 'drop' }>): void {
    const p = this.place(e.node, e.subtask);
    const r = this.single(p.input);
    if (!r) return;
    const cause = e.cause ?? (e.reason.startsWith('late') ? 'late' : 'filtered');
    const facts = {
      watermark: e.watermark ?? null,
      window: e.window ?? null,
      allowedLateness: e.allowedLateness ?? null,
    };
    if (cause === 'late' && r.sideOutput?.node === e.node) {
      Object.assign(r.sideOutput, facts);
      this.changed.add(r.id);
      return;
    }
    r.drop = { node: e.node, subtask: e.subtask, time: e.time, cause, ...facts };
    this.count(e.node, cause === 'late' ? 'late-dropped' : cause);
    this.touch(r);
  }

  private sink(e: Extract<TraceEvent, { type: 'sink' }>): void {
    const p = this.place(e.node, e.subtask);
    const lineage = p.out;
    const fired = lineage === null ? undefined : this.fired.get(lineage);
    this.results.add(e.node, {
      subtask: e.subtask,
      time: e.time,
      key: e.key,
      value: e.value,
      timestamp: e.timestamp,
      lineage,
      window: fired ?? null,
      ownWindow: !!e.window,
    });
    const r = this.single(lineage);
    const direct = r !== null && !e.window && !fired;
    const entry = direct
      ? { node: e.node, subtask: e.subtask, time: e.time, duplicate: !!e.replayed }
      : null;
    if (e.pending) {
      // Every received record, so that a commit's size takes exactly its transaction's records.
      const k = `${e.node}:${e.subtask}`;
      let list = this.uncommitted.get(k);
      if (!list) this.uncommitted.set(k, (list = []));
      list.push({ record: direct ? r : null, entry });
    }
    if (lineage === null) return;
    const dup = !!e.replayed;
    if (dup) this.count(e.node, 'duplicated');
    if (direct) {
      if (r.sinks.length < MAX_LIST) r.sinks.push(entry!);
      // Exactly-once: delivered when its transaction commits (see commit()).
      if (!dup && !e.pending) this.count(e.node, 'delivered');
      this.markDuplicate(r, dup);
      this.touch(r);
      return;
    }
    for (const id of lineage) {
      const m = this.records.get(id);
      if (!m) continue;
      if (m.results.length < MAX_LIST)
        m.results.push({ node: e.node, time: e.time, firing: e.firing ?? null });
      this.markDuplicate(m, dup);
      this.changed.add(m.id);
    }
  }

  /** A transaction of `size` records of an exactly-once sink subtask was committed. */
  private commit(node: string, subtask: number, size: number): void {
    const list = this.uncommitted.get(`${node}:${subtask}`);
    if (!list) return;
    for (const it of list.splice(0, size)) if (it.record) this.count(node, 'delivered');
  }

  /** The job failed: exactly-once sinks abort their open and pre-committed transactions. */
  private abortUncommitted(): void {
    for (const list of this.uncommitted.values()) {
      for (const { record, entry } of list) {
        if (!record || !entry) continue;
        const i = record.sinks.indexOf(entry);
        if (i >= 0) record.sinks.splice(i, 1);
        this.touch(record);
      }
    }
    this.uncommitted.clear();
  }

  private markDuplicate(r: RecordFate, dup: boolean): void {
    if (!dup) return;
    r.duplicated = true;
    const first = r.replayOf === null ? undefined : this.records.get(r.replayOf);
    if (first) {
      first.duplicated = true;
      this.changed.add(first.id);
    }
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
