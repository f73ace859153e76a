/**
 * A run image: the WHOLE state of a running simulation, in memory, so that a run restored from
 * it goes on exactly as the run it was taken from (same events, same trace, same results). The
 * Worker keeps a few as seek points (seekPoints.ts) to seek without re-simulating from the start.
 *
 * Unlike a checkpoint (checkpoints/), which holds what Flink would persist, an image also holds
 * what is in flight: queued elements of every input channel, the event queue (scheduled
 * deliveries, sources, timers, checkpoint triggers, failures), barrier alignments, clocks,
 * counters, random generators, sink outputs, the checkpoint coordinator and store, and the tail
 * of the trace ring.
 *
 * Written against a structural view of the runtime (RunInternals below), which the Runtime
 * satisfies at run time; runtime.ts only has the capture/restore pair that hands itself here.
 *
 * Copies: operator state is deep-copied (user code may change its accumulators in place), both
 * when taken and when restored, so one image can be restored any number of times. Record values
 * in queues, sink records and trace events are shared, not copied: the engine never changes them
 * after they are emitted (user functions are expected not to change their input in place, as
 * with Flink's object reuse).
 */
import type { Key, PaneInfo, RunImage } from './api';
import type { Operator, Timer } from './operators/types';
import type { Random } from './rng';
import type { SourceReader } from './sources/types';
import type { TraceRing, TraceTail } from './trace';
import type { WatermarkGenerator } from './watermarks';
import type { SortableQueue } from './batchSort';
import { decodeState, encodeState } from './checkpoints/format';
import { SinkLedger } from './checkpoints/ledger';
import { restoreFields } from './checkpoints/state';
import type { CheckpointStats } from './api';
import {
  MemoryCheckpointStore,
  type CheckpointStore,
  type StoredCheckpoint,
} from './checkpoints/store';

// ------------------------------------------------------------------ the view of the runtime

interface ChannelInternals {
  wm: number;
  aligned: boolean;
  idle: boolean;
  ended: boolean;
  buffered: number;
  records: number;
  blocked: boolean;
}

interface TimerHeapInternals {
  snapshot(): Timer[];
  clear(): void;
  add(timer: Timer): boolean;
}

interface AlignmentInternals {
  id: number;
  start: number;
  seen: Set<ChannelInternals>;
  held: {
    ch: ChannelInternals;
    kind: number;
    key: Key;
    val: unknown;
    ts: number | null;
    pane: PaneInfo | null;
  }[];
  taken: Uint8Array | null;
  inflight: unknown[];
}

/** A subtask's fields the image copies; its input queue is the one batchSort.ts sorts. */
interface SubInternals extends SortableQueue<ChannelInternals> {
  readonly nodeId: string;
  readonly node: { kind: string };
  op: Operator | null;
  source: SourceReader | null;
  wmgen: WatermarkGenerator | null;
  readonly inputs: ChannelInternals[];
  readonly main: { rr: number }[];
  readonly late: { rr: number }[];
  watermark: number;
  outWm: number;
  outIdle: boolean;
  valveIdle: boolean;
  ended: boolean;
  inputsEnded: number;
  scheduled: boolean;
  blocked: boolean;
  recordsIn: number;
  recordsOut: number;
  readonly eventTimers: TimerHeapInternals;
  readonly procTimers: TimerHeapInternals;
  readonly ctx: { currentWatermark: number };
  align: AlignmentInternals | null;
  acked: number;
  pos: number;
  highWater: number;
  lastRecordAt: number | null;
}

interface CoordinatorInternals {
  nextId: number;
  pending: { id: number; stats: CheckpointStats; states: Record<string, Uint8Array> } | null;
  lastTrigger: number;
  running: boolean;
  history: CheckpointStats[];
  completed: number;
  failed: number;
  readonly store: CheckpointStore;
}

interface LedgerInternals {
  out: unknown[];
  written: number[];
  recent: unknown[][];
  recentBase: number[];
  atRisk: Map<string, number>;
  committed: Set<string>;
  total: number;
}

/** The parts of runtime.ts's Runtime an image reads and writes. */
export interface RunInternals {
  now: number;
  eventCount: number;
  seq: number;
  endedCount: number;
  hTime: number[];
  /** Entries of the event heap in use (its arrays are not shortened). */
  hN: number;
  hSeq: number[];
  hSub: number[];
  hType: number[];
  readonly subs: SubInternals[];
  readonly errs: unknown[];
  errsDropped: number;
  readonly ledgers: Map<string, SinkLedger>;
  readonly coordinator: CoordinatorInternals;
  readonly restartPolicy: { failures: number; times: number[] };
  readonly randomFailures: { rng: Random } | null;
  job: string;
  failedSub: SubInternals | null;
  restartAt: number | null;
  failureCause: string | null;
  restarts: number;
  replayedCount: number;
  lastReplay: number | null;
  readonly failureLog: unknown[];
  readonly restoreLog: unknown[];
  readonly traceRing: TraceRing;
  readonly traceLimit: number;
  readonly factories: Map<string, (subtask: number) => Operator>;
  instantiate(kind: string, factory: (subtask: number) => Operator, s: SubInternals): Operator;
}

// ------------------------------------------------------------------ the image

type OpImage =
  { mode: 'explicit'; state: unknown } | { mode: 'fields'; state: Record<string, unknown> } | null;

interface SubImage {
  op: OpImage;
  source: unknown;
  wmgen: unknown;
  channels: [number, boolean, boolean, boolean, number, number, boolean][];
  rr: number[];
  /** The input queue from its head: channel index (in inputs), kind, key, value, ts, pane. */
  qChan: number[];
  qKind: number[];
  qKey: Key[];
  qVal: unknown[];
  qTs: (number | null)[];
  qPane: (PaneInfo | null)[] | null;
  flags: [number, number, boolean, boolean, boolean, number, boolean, boolean, number, number];
  eventTimers: Timer[];
  procTimers: Timer[];
  align: {
    id: number;
    start: number;
    seen: number[];
    held: [number, number, Key, unknown, number | null, PaneInfo | null][];
    taken: Uint8Array | null;
    inflight: unknown[];
  } | null;
  acked: number;
  pos: number;
  highWater: number;
  lastRecordAt: number | null;
}

interface FullImage extends RunImage {
  seq: number;
  endedCount: number;
  heap: [number[], number[], number[], number[]];
  subs: SubImage[];
  errs: unknown[];
  errsDropped: number;
  ledgers: [string, LedgerInternals][];
  coordinator: {
    nextId: number;
    pendingIndex: number;
    pendingStates: Record<string, Uint8Array> | null;
    lastTrigger: number;
    running: boolean;
    history: CheckpointStats[];
    completed: number;
    failed: number;
    store: StoredCheckpoint[] | null;
  };
  restartPolicy: { failures: number; times: number[] };
  randomRng: unknown;
  job: string;
  failedSub: number;
  restartAt: number | null;
  failureCause: string | null;
  restarts: number;
  replayedCount: number;
  lastReplay: number | null;
  failureLog: unknown[];
  restoreLog: unknown[];
  trace: TraceTail;
}

/** A deep copy of plain state (Maps, Sets, arrays, typed arrays, objects). */
function deepCopy<T>(x: T): T {
  try {
    return structuredClone(x);
  } catch {
    // Something structured cloning refuses (a function or symbol inside user state): the
    // checkpoint format drops or tags it the same way a checkpoint would.
    return decodeState(encodeState(x)) as T;
  }
}

/**
 * The state of an operator. Closure-based operators (object literals: windows, process
 * functions, joins, watermarks) give their snapshot(), which has no side effects for them. An
 * operator that is a class instance (a sink) is captured by its data fields instead: a sink's
 * snapshot() pre-commits its transaction. The sink's ledger is shared by the node's subtasks
 * and captured once, by the runtime.
 */
function captureOperator(op: Operator): OpImage {
  const proto: unknown = Object.getPrototypeOf(op);
  if (proto === Object.prototype || proto === null)
    return op.snapshot ? { mode: 'explicit', state: deepCopy(op.snapshot(0)) } : null;
  const fields: Record<string, unknown> = {};
  let any = false;
  for (const [k, v] of Object.entries(op)) {
    if (typeof v === 'function' || v instanceof SinkLedger) continue;
    fields[k] = v;
    any = true;
  }
  return any ? { mode: 'fields', state: deepCopy(fields) } : null;
}

function restoreOperator(op: Operator, image: OpImage): void {
  if (image === null) return;
  if (image.mode === 'fields') restoreFields(op, deepCopy(image.state));
  else op.restore?.(deepCopy(image.state) as never);
}

interface Snapshottable {
  snapshot(): unknown;
  restore(state: unknown): void;
}
const isSnapshottable = (x: unknown): x is Snapshottable =>
  typeof x === 'object' &&
  x !== null &&
  typeof (x as Snapshottable).snapshot === 'function' &&
  typeof (x as Snapshottable).restore === 'function';

/**
 * A source reader's or watermark generator's changing state: its own snapshot(), or its fields
 * holding plain values and its random generator. Other fields (configuration, key names, a
 * file's rows) never change during a run and stay as they are.
 */
function captureMutable(obj: object): unknown {
  if (isSnapshottable(obj)) return { snap: deepCopy(obj.snapshot()) };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (v === null || typeof v !== 'object') {
      if (typeof v !== 'function') out[k] = v;
    } else if (isSnapshottable(v)) out[k] = { snap: deepCopy(v.snapshot()) };
  }
  return { fields: out };
}

function restoreMutable(obj: object, image: unknown): void {
  const im = image as { snap?: unknown; fields?: Record<string, unknown> };
  if ('snap' in im && isSnapshottable(obj)) {
    obj.restore(deepCopy(im.snap));
    return;
  }
  const target = obj as Record<string, unknown>;
  for (const [k, v] of Object.entries(im.fields ?? {})) {
    const cur = target[k];
    if (v !== null && typeof v === 'object' && isSnapshottable(cur))
      cur.restore(deepCopy((v as { snap: unknown }).snap));
    else target[k] = v;
  }
}

function captureSub(s: SubInternals): SubImage {
  const h = s.qHead;
  const t = s.qTail;
  const index = new Map(s.inputs.map((c, i) => [c, i]));
  const a = s.align;
  return {
    op: s.op ? captureOperator(s.op) : null,
    source: s.source ? captureMutable(s.source) : null,
    wmgen: s.wmgen ? captureMutable(s.wmgen) : null,
    channels: s.inputs.map((c) => [
      c.wm,
      c.aligned,
      c.idle,
      c.ended,
      c.buffered,
      c.records,
      c.blocked,
    ]),
    rr: [...s.main, ...s.late].map((g) => g.rr),
    qChan: s.qChan.slice(h, t).map((c) => index.get(c)!),
    qKind: s.qKind.slice(h, t),
    qKey: s.qKey.slice(h, t),
    qVal: s.qVal.slice(h, t),
    qTs: s.qTs.slice(h, t),
    qPane: s.qPane !== null ? s.qPane.slice(h, t) : null,
    flags: [
      s.watermark,
      s.outWm,
      s.outIdle,
      s.valveIdle,
      s.ended,
      s.inputsEnded,
      s.scheduled,
      s.blocked,
      s.recordsIn,
      s.recordsOut,
    ],
    eventTimers: s.eventTimers.snapshot().map((t) => ({ ...t })),
    procTimers: s.procTimers.snapshot().map((t) => ({ ...t })),
    align: a
      ? {
          id: a.id,
          start: a.start,
          seen: [...a.seen].map((c) => index.get(c)!),
          held: a.held.map((e) => [index.get(e.ch)!, e.kind, e.key, e.val, e.ts, e.pane]),
          taken: a.taken,
          inflight: a.inflight.slice(),
        }
      : null,
    acked: s.acked,
    pos: s.pos,
    highWater: s.highWater,
    lastRecordAt: s.lastRecordAt,
  };
}

function restoreSub(rt: RunInternals, s: SubInternals, im: SubImage): void {
  const f = rt.factories.get(s.nodeId);
  // A fresh operator (as a restart makes), then its state.
  if (f) s.op = rt.instantiate(s.node.kind, f, s);
  if (s.op) restoreOperator(s.op, im.op);
  if (s.source && im.source) restoreMutable(s.source, im.source);
  if (s.wmgen && im.wmgen) restoreMutable(s.wmgen, im.wmgen);
  im.channels.forEach(([wm, aligned, idle, ended, buffered, records, blocked], i) => {
    const c = s.inputs[i];
    c.wm = wm;
    c.aligned = aligned;
    c.idle = idle;
    c.ended = ended;
    c.buffered = buffered;
    c.records = records;
    c.blocked = blocked;
  });
  [...s.main, ...s.late].forEach((g, i) => (g.rr = im.rr[i]));
  s.qChan = im.qChan.map((i) => s.inputs[i]);
  s.qKind = im.qKind.slice();
  s.qKey = im.qKey.slice();
  s.qVal = im.qVal.slice();
  s.qTs = im.qTs.slice();
  s.qPane = im.qPane !== null ? im.qPane.slice() : null;
  s.qHead = 0;
  s.qTail = s.qKind.length;
  const [wm, outWm, outIdle, valveIdle, ended, inputsEnded, scheduled, blocked, rin, rout] =
    im.flags;
  s.watermark = wm;
  s.ctx.currentWatermark = wm;
  s.outWm = outWm;
  s.outIdle = outIdle;
  s.valveIdle = valveIdle;
  s.ended = ended;
  s.inputsEnded = inputsEnded;
  s.scheduled = scheduled;
  s.blocked = blocked;
  s.recordsIn = rin;
  s.recordsOut = rout;
  s.eventTimers.clear();
  for (const t of im.eventTimers) s.eventTimers.add({ ...t });
  s.procTimers.clear();
  for (const t of im.procTimers) s.procTimers.add({ ...t });
  const a = im.align;
  s.align = a
    ? {
        id: a.id,
        start: a.start,
        seen: new Set(a.seen.map((i) => s.inputs[i])),
        held: a.held.map(([i, kind, key, val, ts, pane]) => ({
          ch: s.inputs[i],
          kind,
          key,
          val,
          ts,
          pane,
        })),
        taken: a.taken,
        inflight: a.inflight.slice(),
      }
    : null;
  s.acked = im.acked;
  s.pos = im.pos;
  s.highWater = im.highWater;
  s.lastRecordAt = im.lastRecordAt;
}

const copyStats = (h: CheckpointStats): CheckpointStats => ({
  ...h,
  subtasks: h.subtasks.map((x) => ({ ...x })),
});

function captureLedger(l: SinkLedger): LedgerInternals {
  const x = l as unknown as LedgerInternals;
  return {
    out: x.out.slice(),
    written: x.written.slice(),
    recent: x.recent.map((r) => (r ? r.slice() : r)),
    recentBase: x.recentBase.slice(),
    atRisk: new Map(x.atRisk),
    committed: new Set(x.committed),
    total: x.total,
  };
}

function restoreLedger(l: SinkLedger, im: LedgerInternals): void {
  const x = l as unknown as LedgerInternals;
  // `out` is the array sinkRecords() reads: refilled in place.
  x.out.length = 0;
  for (const r of im.out) x.out.push(r);
  x.written = im.written.slice();
  x.recent = im.recent.map((r) => (r ? r.slice() : r));
  x.recentBase = im.recentBase.slice();
  x.atRisk = new Map(im.atRisk);
  x.committed = new Set(im.committed);
  x.total = im.total;
}

function refill<T>(target: T[], from: T[]): void {
  target.length = 0;
  for (const x of from) target.push(x);
}

/** Takes an image of the run; `traceKeep` caps the trace events it holds (default: all kept). */
export function captureRun(rt: RunInternals, traceKeep = Number.POSITIVE_INFINITY): FullImage {
  const c = rt.coordinator;
  const store = c.store;
  return {
    eventCount: rt.eventCount,
    now: rt.now,
    seq: rt.seq,
    endedCount: rt.endedCount,
    heap: [
      rt.hTime.slice(0, rt.hN),
      rt.hSeq.slice(0, rt.hN),
      rt.hSub.slice(0, rt.hN),
      rt.hType.slice(0, rt.hN),
    ],
    subs: rt.subs.map(captureSub),
    errs: rt.errs.slice(),
    errsDropped: rt.errsDropped,
    ledgers: [...rt.ledgers].map(([k, l]) => [k, captureLedger(l)]),
    coordinator: {
      nextId: c.nextId,
      pendingIndex: c.pending ? c.history.indexOf(c.pending.stats) : -1,
      pendingStates: c.pending ? { ...c.pending.states } : null,
      lastTrigger: c.lastTrigger,
      running: c.running,
      history: c.history.map(copyStats),
      completed: c.completed,
      failed: c.failed,
      store:
        store instanceof MemoryCheckpointStore ? store.ids().map((id) => store.get(id)!) : null,
    },
    restartPolicy: { failures: rt.restartPolicy.failures, times: rt.restartPolicy.times.slice() },
    randomRng: rt.randomFailures ? rt.randomFailures.rng.snapshot() : null,
    job: rt.job,
    failedSub: rt.failedSub ? rt.subs.indexOf(rt.failedSub) : -1,
    restartAt: rt.restartAt,
    failureCause: rt.failureCause,
    restarts: rt.restarts,
    replayedCount: rt.replayedCount,
    lastReplay: rt.lastReplay,
    failureLog: rt.failureLog.map((f) => ({ ...(f as object) })),
    restoreLog: rt.restoreLog.map((f) => ({ ...(f as object) })),
    trace: rt.traceRing.tail(Math.min(traceKeep, rt.traceLimit)),
  };
}

/** Puts a run back into the state of `image` (taken from a run of the same document and options). */
export function restoreRun(rt: RunInternals, image: RunImage): void {
  const im = image as FullImage;
  if (im.subs.length !== rt.subs.length) throw new Error('the image is of another pipeline');
  rt.eventCount = im.eventCount;
  rt.now = im.now;
  rt.seq = im.seq;
  rt.endedCount = im.endedCount;
  rt.hTime = im.heap[0].slice();
  rt.hSeq = im.heap[1].slice();
  rt.hSub = im.heap[2].slice();
  rt.hType = im.heap[3].slice();
  rt.hN = im.heap[0].length;
  // Ledgers before the operators: a fresh sink registers itself with its ledger.
  for (const [k, l] of im.ledgers) {
    const ledger = rt.ledgers.get(k);
    if (ledger) restoreLedger(ledger, l);
  }
  rt.subs.forEach((s, i) => restoreSub(rt, s, im.subs[i]));
  refill(rt.errs, im.errs);
  rt.errsDropped = im.errsDropped;
  const c = rt.coordinator;
  const ci = im.coordinator;
  c.nextId = ci.nextId;
  c.lastTrigger = ci.lastTrigger;
  c.running = ci.running;
  refill(c.history, ci.history.map(copyStats));
  c.pending =
    ci.pendingIndex >= 0
      ? {
          id: c.history[ci.pendingIndex].id,
          stats: c.history[ci.pendingIndex],
          states: { ...ci.pendingStates! },
        }
      : null;
  c.completed = ci.completed;
  c.failed = ci.failed;
  if (ci.store && c.store instanceof MemoryCheckpointStore) c.store.replaceAll(ci.store);
  rt.restartPolicy.failures = im.restartPolicy.failures;
  refill(rt.restartPolicy.times, im.restartPolicy.times);
  if (rt.randomFailures && im.randomRng) rt.randomFailures.rng.restore(im.randomRng as number[]);
  rt.job = im.job;
  rt.failedSub = im.failedSub >= 0 ? rt.subs[im.failedSub] : null;
  rt.restartAt = im.restartAt;
  rt.failureCause = im.failureCause;
  rt.restarts = im.restarts;
  rt.replayedCount = im.replayedCount;
  rt.lastReplay = im.lastReplay;
  refill(
    rt.failureLog,
    im.failureLog.map((f) => ({ ...(f as object) })),
  );
  refill(
    rt.restoreLog,
    im.restoreLog.map((f) => ({ ...(f as object) })),
  );
  rt.traceRing.load(im.trace);
}
