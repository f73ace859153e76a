/**
 * The discrete-event runtime: subtasks, channels, the event queue, watermark valves, timers,
 * backpressure and the trace.
 *
 * - The event queue is a binary heap ordered by (time, sequence number): deterministic.
 * - A channel connects one sender subtask to one receiver subtask. Every subtask has ONE input
 *   queue holding the elements of all its input channels in arrival order (so each channel is
 *   FIFO), and processes one element per event, `cost` ms after it could start.
 * - Forward edges into a node with a single input and no cost are chained (direct calls), as
 *   Flink chains operators; see SimulationOptions.chaining.
 * - Watermarks go through a valve per subtask that is Flink's StatusWatermarkValve: the
 *   watermark is the minimum over aligned, active channels, only advances, and is forwarded
 *   when it does; when every channel is idle the subtask is idle downstream.
 * - Backpressure: with settings.bufferCapacity = c, a subtask (or source) does not process its
 *   next element while any channel it (or its chain) writes to holds c or more records; it
 *   resumes when the receiver takes a record from that channel. One element may push a channel
 *   a little over c (a flatMap's output): the check is before an element, as Flink blocks on
 *   requesting a buffer.
 */
import type {
  ChannelStatus,
  FaultToleranceStatus,
  Key,
  PaneInfo,
  Place,
  RunImage,
  Simulation,
  SubtaskState,
  SimulationError,
  SimulationOptions,
  SinkRecord,
  SourceStatus,
  SubtaskStatus,
  TraceEvent,
  WindowBounds,
} from './api';
import type { PipelineDocument, PipelineEdge, PipelineNode } from '../pipeline/types';
import { costOf, isChainedEdge } from './chains';
import { compileExpression, describeThrown } from './expressions';
import { subtaskForKey } from './keygroups';
import { OPERATORS } from './operators/index';
import type {
  Operator,
  OperatorContext,
  OperatorSetup,
  StreamRecord,
  Timer,
  TimerService,
} from './operators/types';
import { RandomStreams, type Random } from './rng';
import { SOURCES } from './sources/index';
import type { SourceEmitter, SourceReader } from './sources/types';
import { MAX_WATERMARK, MIN_WATERMARK } from './time';
import { sortByKey } from './batchSort';
import { TraceRing } from './trace';
import { captureRun, restoreRun, type RunInternals } from './runImage';
import { WatermarkGenerator, type WatermarkOutput } from './watermarks';
import { CheckpointCoordinator, type CoordinatorHost } from './checkpoints/coordinator';
import { CorruptSnapshotError, decodeState, encodeState } from './checkpoints/format';
import { SinkLedger } from './checkpoints/ledger';
import { needsReplayLog, withReplayLog } from './checkpoints/replayLog';
import { RestartPolicy } from './checkpoints/restart';
import { MemoryCheckpointStore, subtaskKey } from './checkpoints/store';
import {
  captureSubtask,
  restoreSubtask,
  type InFlight,
  type SubtaskSnapshot,
} from './checkpoints/subtask';
import {
  mapSavepoint,
  SavepointMismatchError,
  SavepointRefusedError,
  savepointNodes,
  type SavepointData,
} from './checkpoints/savepoint';

const K_RECORD = 0;
const K_WM = 1;
const K_IDLE = 2;
const K_ACTIVE = 3;
const K_END = 4;
/** A checkpoint barrier; its `ts` slot carries the checkpoint id. */
const K_BARRIER = 5;
/** BATCH, sorted keyed input: the last record of a key was processed (batchSort.ts). */
const K_KEY_END = 6;

const E_PROCESS = 0;
const E_SOURCE = 1;
const E_PERIODIC = 2;
const E_PTIMER = 3;
// Checkpoints and failures (see the "checkpoints and failures" section of Runtime).
const E_CKPT_TRIGGER = 4;
const E_CKPT_TIMEOUT = 5;
const E_FAIL = 6;
const E_RANDOM_FAIL = 7;
const E_RESTART = 8;

const P_FORWARD = 0;
const P_REBALANCE = 1;
const P_HASH = 2;
const P_BROADCAST = 3;

class Channel {
  wm = MIN_WATERMARK;
  aligned = true;
  idle = false;
  ended = false;
  /** Records waiting in the receiver's queue from this channel. */
  buffered = 0;
  /** Records sent on this channel so far. */
  records = 0;
  /** Aligned checkpoint: this channel delivered the barrier; its elements wait until all have. */
  blocked = false;
  /**
   * The subtask that blocks when this channel is full: the sender, or, when the sender is
   * chained, the head of its chain (a source or the first unchained operator), which is the one
   * that stops and must be woken (set once every channel exists).
   */
  head: Sub;
  constructor(
    readonly from: Sub,
    readonly to: Sub,
    readonly port: string,
    readonly chained: boolean,
    readonly edge = '',
  ) {
    this.head = from;
  }
}

class Gate {
  rr: number;
  constructor(
    readonly partitioning: number,
    readonly channels: Channel[],
    readonly chained: boolean,
    rrStart: number,
  ) {
    this.rr = rrStart;
  }
}

interface TimerEntry {
  timer: Timer;
  seq: number;
  /** Deleted or fired: skipped when its bucket is polled. */
  dead: boolean;
}

/** The timers of one time, in registration order, and their index by key and namespace. */
class TimerBucket {
  readonly entries: TimerEntry[] = [];
  /** entries[next] is the first not yet polled. */
  next = 0;
  /**
   * key → the entry, or (rarely: a key with timers of several namespaces at this time, e.g.
   * windows of different sizes) namespace → entry. One entry needs no map of its own: a window
   * operator registers one timer per key and window, and a map each was most of the allocation
   * when windows fire.
   */
  readonly byKey = new Map<Key, TimerEntry | Map<string, TimerEntry>>();
  constructor(readonly time: number) {}
}

/**
 * Timers an onTimer may register and see fire within one watermark advance (or one processing-time
 * firing) before the run calls it a loop: far more than any real timer pattern registers.
 */
const RUNAWAY_TIMERS = 100_000;

/**
 * Timers by (time, registration order) with deduplication and deletion. Timers of one time are
 * kept together in a bucket in registration order (so firing them takes no heap work; a window
 * operator's timers for one window all have the window's time, 10 000s of them), and the
 * buckets' times are in a min-heap. Timers are found by (time, key, namespace) through the
 * bucket's index rather than a string id: a window trigger registers a timer per key and window.
 */
class TimerHeap {
  private buckets = new Map<number, TimerBucket>();
  /** Min-heap of bucket times; a time whose bucket is gone is skipped (and dropped) at the top. */
  private times: number[] = [];
  /** Live (not deleted, not fired) entries. */
  private live = 0;
  private seq = 0;

  get size(): number {
    return this.live;
  }

  add(timer: Timer): boolean {
    const time = timer.time;
    let b = this.buckets.get(time);
    if (b === undefined) {
      b = new TimerBucket(time);
      this.buckets.set(time, b);
      this.pushTime(time);
    }
    const byKey = b.byKey;
    const cur = byKey.get(timer.key);
    const ns = timer.namespace;
    if (cur instanceof Map) {
      if (cur.has(ns)) return false;
    } else if (cur !== undefined && cur.timer.namespace === ns) return false;
    const e: TimerEntry = { timer, seq: this.seq++, dead: false };
    if (cur === undefined) byKey.set(timer.key, e);
    else if (cur instanceof Map) cur.set(ns, e);
    else
      byKey.set(
        timer.key,
        new Map([
          [cur.timer.namespace, cur],
          [ns, e],
        ]),
      );
    b.entries.push(e);
    this.live++;
    return true;
  }

  delete(time: number, key: Key, ns: string): boolean {
    const b = this.buckets.get(time);
    if (b === undefined) return false;
    const cur = b.byKey.get(key);
    const e = cur instanceof Map ? cur.get(ns) : cur?.timer.namespace === ns ? cur : undefined;
    if (e === undefined) return false;
    this.remove(b, e);
    return true;
  }

  /** Marks `e` dead and takes it out of its bucket's index (the bucket stays until polled). */
  private remove(b: TimerBucket, e: TimerEntry): void {
    e.dead = true;
    this.live--;
    const { key, namespace } = e.timer;
    const cur = b.byKey.get(key)!;
    if (cur instanceof Map) {
      cur.delete(namespace);
      if (cur.size > 0) return;
    }
    b.byKey.delete(key);
  }

  clear(): void {
    this.buckets.clear();
    this.times = [];
    this.live = 0;
  }

  /** Removes and returns the earliest live timer with time <= limit, or null. */
  pollUpTo(limit: number): Timer | null {
    const times = this.times;
    while (times.length > 0) {
      const t = times[0];
      if (t > limit) return null;
      const b = this.buckets.get(t);
      if (b !== undefined) {
        const es = b.entries;
        while (b.next < es.length) {
          const e = es[b.next++];
          if (e.dead) continue;
          this.remove(b, e);
          return e.timer;
        }
        this.buckets.delete(t);
      }
      this.popTime();
    }
    return null;
  }

  private pushTime(time: number): void {
    const h = this.times;
    let i = h.length;
    h.push(time);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (h[p] <= time) break;
      h[i] = h[p];
      i = p;
    }
    h[i] = time;
  }

  private popTime(): void {
    const h = this.times;
    const last = h.pop()!;
    const n = h.length;
    if (n === 0) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const m = r < n && h[r] < h[l] ? r : l;
      if (h[m] >= last) break;
      h[i] = h[m];
      i = m;
    }
    h[i] = last;
  }

  /** Live entries, by time and then registration. */
  private liveEntries(): TimerEntry[] {
    const out: TimerEntry[] = [];
    const times = [...this.buckets.keys()].sort((a, b) => a - b);
    for (const t of times) {
      const b = this.buckets.get(t)!;
      for (let i = b.next; i < b.entries.length; i++)
        if (!b.entries[i].dead) out.push(b.entries[i]);
    }
    return out;
  }

  /** Live timers in registration order. */
  pending(): Timer[] {
    return this.liveEntries()
      .sort((a, b) => a.seq - b.seq)
      .map((e) => e.timer);
  }

  /** Live timers in firing order (time, then registration), for checkpoints. */
  snapshot(): Timer[] {
    return this.liveEntries().map((e) => e.timer);
  }
}

class Sub {
  readonly id: number;
  readonly nodeId: string;
  /** Where it is, for trace events (one object per subtask, not one per record). */
  readonly place: Place;
  op: Operator | null = null;
  source: SourceReader | null = null;
  wmgen: WatermarkGenerator | null = null;
  period: number | null = null;
  readonly inputs: Channel[] = [];
  readonly main: Gate[] = [];
  readonly late: Gate[] = [];
  blockers: Channel[] | null = null;
  /** The one channel of the main output when it is a chained forward edge (the hot path). */
  chainOut: Channel | null = null;
  // The input queue (structure of arrays, head and tail index). Elements live in [qHead,
  // qTail); the arrays are never shortened (setting .length costs more than the work done per
  // element), only reused from 0 when the queue runs empty, and compacted when the head is far.
  qChan: Channel[] = [];
  qKind: number[] = [];
  qKey: Key[] = [];
  qVal: unknown[] = [];
  qTs: (number | null)[] = [];
  /** Window results' PaneInfo per queued element; null until the first one arrives (keeps other queues lean). */
  qPane: (PaneInfo | null)[] | null = null;
  qHead = 0;
  qTail = 0;
  /** Combined input watermark (what the operator sees). */
  watermark = MIN_WATERMARK;
  /** Last watermark sent downstream. */
  outWm = MIN_WATERMARK;
  outIdle = false;
  /** The valve's status: true when every input channel is idle. */
  valveIdle = false;
  ended = false;
  inputsEnded = 0;
  scheduled = false;
  blocked = false;
  /**
   * BATCH: every input is a blocking exchange (not chained): the subtask starts only once all its
   * producers have ended, with their whole output waiting in its queue. Until then `scheduled`
   * stays true so nothing runs it.
   */
  holdsInput = false;
  /** BATCH, keyed operator: its held input is sorted by key before it runs (batchSort.ts). */
  sortsInput = false;
  recordsIn = 0;
  recordsOut = 0;
  readonly rec: StreamRecord = { key: null, value: undefined, timestamp: null, pane: null };
  readonly eventTimers = new TimerHeap();
  readonly procTimers = new TimerHeap();
  ctx!: Ctx;
  emitter: SourceEmitter | null = null;
  wmOut: WatermarkOutput | null = null;
  // Checkpoints (checkpoints/): barrier alignment of the pending checkpoint, the last checkpoint
  // this subtask acknowledged, a source's position (records emitted, restored from a checkpoint)
  // and the highest position ever reached (what lies below it after a restore is a replay).
  align: Alignment | null = null;
  acked = 0;
  pos = 0;
  highWater = 0;
  /** Sources: processing time of the last record emitted (explanations: is it quiet?). */
  lastRecordAt: number | null = null;

  constructor(
    id: number,
    readonly node: PipelineNode,
    readonly index: number,
    readonly parallelism: number,
    readonly cost: number,
  ) {
    this.id = id;
    this.nodeId = node.id;
    this.place = { node: node.id, subtask: index };
  }

  get queued(): number {
    return this.qTail - this.qHead;
  }
}

/** A subtask's alignment of checkpoint `id` (Flink's CheckpointBarrierHandler state). */
interface Alignment {
  id: number;
  start: number;
  seen: Set<Channel>;
  /** Elements of blocked channels, in arrival order, put back once aligned. */
  held: {
    ch: Channel;
    kind: number;
    key: Key;
    val: unknown;
    ts: number | null;
    pane: PaneInfo | null;
  }[];
  /** Unaligned: the snapshot taken at the first barrier, and the elements it overtook. */
  taken: Uint8Array | null;
  inflight: InFlight[];
}

class Timers implements TimerService {
  constructor(
    private readonly sim: Runtime,
    private readonly s: Sub,
  ) {}
  registerEventTimeTimer(time: number, key: Key, namespace = ''): void {
    if (this.s.eventTimers.add({ domain: 'event', time, key, namespace }))
      this.sim.traceTimer(this.s, 'set', 'event', time, key);
  }
  deleteEventTimeTimer(time: number, key: Key, namespace = ''): void {
    if (this.s.eventTimers.delete(time, key, namespace))
      this.sim.traceTimer(this.s, 'delete', 'event', time, key);
  }
  registerProcessingTimeTimer(time: number, key: Key, namespace = ''): void {
    if (this.s.ended) return;
    if (this.s.procTimers.add({ domain: 'processing', time, key, namespace })) {
      this.sim.traceTimer(this.s, 'set', 'processing', time, key);
      this.sim.schedule(Math.max(time, this.sim.now), E_PTIMER, this.s);
    }
  }
  deleteProcessingTimeTimer(time: number, key: Key, namespace = ''): void {
    if (this.s.procTimers.delete(time, key, namespace))
      this.sim.traceTimer(this.s, 'delete', 'processing', time, key);
  }
}

class Ctx implements OperatorContext {
  currentWatermark = MIN_WATERMARK;
  readonly timers: TimerService;
  readonly nodeId: string;
  readonly subtask: number;
  readonly parallelism: number;
  constructor(
    private readonly sim: Runtime,
    private readonly s: Sub,
  ) {
    this.timers = new Timers(sim, s);
    this.nodeId = s.nodeId;
    this.subtask = s.index;
    this.parallelism = s.parallelism;
  }
  get now(): number {
    return this.sim.now;
  }
  get tracing(): boolean {
    return this.sim.tracing;
  }
  /** A field, not a method: a subtask chained to the next one gets a direct hand-over (chainEmit). */
  emit: (key: Key, value: unknown, timestamp: number | null, pane?: PaneInfo | null) => void = (
    key,
    value,
    timestamp,
    pane = null,
  ) => this.sim.emitRecord(this.s, this.s.main, key, value, timestamp, false, pane);
  sideOutput(_tag: 'late', key: Key, value: unknown, timestamp: number | null): void {
    this.sim.emitRecord(this.s, this.s.late, key, value, timestamp, true, null);
  }
  emitWatermark(watermark: number): void {
    this.sim.emitWatermarkOut(this.s, watermark);
  }
  emitIdle(idle: boolean): void {
    this.sim.setOutIdle(this.s, idle);
  }
  trace(event: TraceEvent): void {
    if (this.sim.tracing) this.sim.record(event);
  }
  traceWindowAdd(key: Key, window: WindowBounds, value: unknown): void {
    if (this.sim.tracing) this.sim.traceWindowAdd(this.s, key, window, value);
  }
  error(message: string): void {
    this.sim.reportError(this.s, message);
  }
}

const SOURCE_KINDS = new Set(Object.keys(SOURCES));

export class Runtime implements Simulation {
  now = 0;
  eventCount = 0;
  readonly tracing: boolean;
  /** Inside run()/runUntil(): a source may emit several records due at the same time in one go. */
  private batching = false;
  private readonly traceLimit: number;
  private traceRing: TraceRing;
  private readonly subs: Sub[] = [];
  private readonly sinks = new Map<string, SinkRecord[]>();
  private readonly errs: SimulationError[] = [];
  /** Errors no longer kept (SimulationOptions.errorLimit); errorCount() counts them. */
  errsDropped = 0;
  private readonly errorLimit: number;
  private readonly capacity: number | null;
  private readonly maxParallelism: number;
  private endedCount = 0;
  private readonly sinkLimit: number;
  // Event heap: parallel arrays, hN entries (never shortened, see Sub's queue).
  private hN = 0;
  private hTime: number[] = [];
  private hSeq: number[] = [];
  private hSub: number[] = [];
  private hType: number[] = [];
  private seq = 0;
  // Checkpoints and failures.
  private readonly coordinator: CheckpointCoordinator;
  private readonly ledgers = new Map<string, SinkLedger>();
  private readonly factories = new Map<string, (subtask: number) => Operator>();
  private readonly initialState = new Map<string, Uint8Array>();
  private readonly restartPolicy: RestartPolicy;
  private readonly barrierMode: 'aligned' | 'unaligned' | 'atLeastOnce';
  private readonly batch: boolean;
  private job: FaultToleranceStatus['job'] = 'RUNNING';
  private failedSub: Sub | null = null;
  private restartAt: number | null = null;
  private failureCause: string | null = null;
  private restarts = 0;
  private readonly failureLog: FaultToleranceStatus['failures'] = [];
  private readonly restoreLog: FaultToleranceStatus['restores'] = [];
  private readonly randomFailures: { rng: Random; mean: number } | null = null;
  /** Checkpointing is on: closure-state operators log their calls (checkpoints/replayLog.ts). */
  private readonly logCalls: boolean;
  /**
   * Sinks remember what they wrote since the last checkpoint (to mark replayed duplicates) when
   * a failure is likely to matter: checkpointing, scheduled failures, or a traced run (the UI).
   */
  private readonly trackSinks: boolean;
  private replayedCount = 0;
  /** The savepoint the run started from, if any. */
  private startSavepoint: number | undefined = undefined;
  private lastReplay: number | null = null;
  /** The document (for the node list a savepoint keeps). */
  private documentNodes: PipelineDocument | null = null;

  constructor(doc: PipelineDocument, opts: SimulationOptions = {}) {
    this.tracing = opts.trace ?? false;
    this.traceLimit = Math.max(1, opts.traceLimit ?? 100_000);
    this.traceRing = new TraceRing(this.traceLimit);
    this.errorLimit = Math.max(0, opts.errorLimit ?? Number.POSITIVE_INFINITY);
    this.capacity = doc.settings.bufferCapacity;
    this.maxParallelism = doc.settings.maxParallelism;
    const settings = doc.settings;
    this.logCalls =
      settings.runtimeMode !== 'BATCH' &&
      (settings.checkpointing.enabled ||
        opts.checkpointInterval !== undefined ||
        !!opts.savepoints ||
        !!opts.fromSavepoint);
    this.trackSinks =
      this.logCalls ||
      this.tracing ||
      (settings.failures ?? []).length > 0 ||
      (opts.failures ?? []).length > 0 ||
      !!settings.randomFailures;
    const seed = opts.seed ?? settings.seed;
    const streams = new RandomStreams(seed);
    const partitionRng = streams.stream();
    const chaining = opts.chaining ?? true;

    // Nodes in topological order (the document is acyclic after validation).
    const order = topoOrder(doc);
    const subsOf = new Map<string, Sub[]>();

    const sinkLimit = opts.sinkLimit ?? Number.POSITIVE_INFINITY;
    this.sinkLimit = sinkLimit;
    const setup = (node: PipelineNode): OperatorSetup => ({
      settings,
      sinkLimit,
      maxParallelism: this.maxParallelism,
      compile: (expression, field) => compileExpression(expression, node.id, field),
      sinkOutput: (nodeId) => this.ledgerOf(nodeId).out,
      sinkLedger: (nodeId) => this.ledgerOf(nodeId),
    });

    for (const node of order) {
      const list: Sub[] = [];
      const isSource = SOURCE_KINDS.has(node.kind);
      const factory = OPERATORS[node.kind];
      if (!isSource && !factory) {
        throw new Error(
          `node ${node.id}: the engine cannot run kind "${node.kind}" yet` +
            (node.kind.endsWith('Window') ? ' (window operators are not implemented yet)' : ''),
        );
      }
      const perSubtask = factory ? factory(node, setup(node)) : null;
      if (perSubtask) this.factories.set(node.id, perSubtask);
      if (node.kind.endsWith('Sink')) setup(node).sinkOutput(node.id);
      for (let i = 0; i < node.parallelism; i++) {
        const s = new Sub(this.subs.length, node, i, node.parallelism, costOf(node, opts.costs));
        s.ctx = new Ctx(this, s);
        if (perSubtask) s.op = this.instantiate(node.kind, perSubtask, s);
        this.subs.push(s);
        list.push(s);
      }
      subsOf.set(node.id, list);
    }

    // Sources: readers and watermark generators, one random stream per source subtask.
    const isBatch = settings.runtimeMode === 'BATCH';
    for (const node of order) {
      if (!SOURCE_KINDS.has(node.kind)) continue;
      const spec = SOURCES[node.kind](node, settings);
      for (const s of subsOf.get(node.id)!) {
        const rng: Random = streams.stream();
        s.source = spec.reader(s.index, s.parallelism, rng);
        const tc = settings.timeCharacteristic;
        // BATCH: no watermarks while the input is read; the end of input is watermark +∞.
        const strategy = isBatch
          ? null
          : tc === 'ingestion'
            ? ({
                type: 'monotonous',
                idleness:
                  spec.watermarks && spec.watermarks.type !== 'none'
                    ? spec.watermarks.idleness
                    : null,
              } as const)
            : tc === 'event'
              ? spec.watermarks
              : null;
        if (strategy && strategy.type !== 'none') {
          const interval = settings.autoWatermarkInterval;
          s.wmgen = new WatermarkGenerator(strategy, interval === 0);
          s.period = s.wmgen.periodFor(interval);
        }
        s.emitter = this.sourceEmitter(s, tc);
        s.wmOut = {
          emitWatermark: (wm) => this.emitWatermarkOut(s, wm),
          markIdle: () => this.setOutIdle(s, true),
        };
      }
    }

    // Channels.
    for (const e of doc.edges) {
      const senders = subsOf.get(e.from)!;
      const receivers = subsOf.get(e.to)!;
      const part =
        e.partitioning === 'forward'
          ? P_FORWARD
          : e.partitioning === 'rebalance'
            ? P_REBALANCE
            : e.partitioning === 'hash'
              ? P_HASH
              : P_BROADCAST;
      const chained = chaining && isChainedEdge(doc, e, opts.costs);
      for (const s of senders) {
        let channels: Channel[];
        if (part === P_FORWARD) {
          const r = receivers[s.index % receivers.length];
          channels = [new Channel(s, r, e.toPort, chained, e.id)];
        } else {
          channels = receivers.map((r) => new Channel(s, r, e.toPort, false, e.id));
        }
        for (const c of channels) c.to.inputs.push(c);
        // Rebalance starts at a seeded position, as Flink's RebalancePartitioner starts at a
        // random one: the first record goes to (start + 1) % n.
        const rrStart = part === P_REBALANCE ? partitionRng.int(0, receivers.length - 1) : 0;
        const gate = new Gate(part, channels, chained, rrStart);
        (e.fromPort === 'late' ? s.late : s.main).push(gate);
      }
    }
    // Chained hand-overs, built from the last subtask back so that each knows the next one's.
    for (let i = this.subs.length - 1; i >= 0; i--) {
      const s = this.subs[i];
      s.chainOut = s.main.length === 1 && s.main[0].chained ? s.main[0].channels[0] : null;
      if (s.chainOut !== null) s.ctx.emit = this.chainEmit(s.chainOut);
    }
    for (const s of this.subs) for (const c of s.inputs) c.head = chainHead(c.from);
    if (isBatch) {
      // Flink's BATCH mode makes every exchange that is not chained BLOCKING (ResultPartitionType
      // for execution.batch-shuffle-mode ALL_EXCHANGES_BLOCKING): the consumer is scheduled once
      // all its producers have finished, so stages run one after another. An edge Flink would
      // chain stays pipelined even where the simulator's processing cost keeps it apart.
      const flinkChained = (e: PipelineEdge) =>
        chaining && isChainedEdge(doc, e, { ...opts.costs, [e.to]: 0 });
      for (const node of order) {
        const ins = doc.edges.filter((e) => e.to === node.id);
        if (ins.length === 0 || ins.some(flinkChained)) continue;
        const sorts = ins.every((e) => e.partitioning === 'hash');
        for (const s of subsOf.get(node.id)!) {
          s.holdsInput = s.scheduled = true;
          s.sortsInput = sorts;
        }
      }
    }

    // Open operators, start sources at time 0.
    for (const s of this.subs) {
      if (s.op?.open) this.guard(s, () => s.op!.open!(s.ctx));
    }
    for (const s of this.subs) {
      if (s.source) {
        const t = s.source.nextTime();
        if (t !== null) this.schedule(t, E_SOURCE, s);
        if (s.period !== null) this.schedule(s.period, E_PERIODIC, s);
      }
    }

    // Checkpoints and failures: the state every subtask starts from (a restart without a
    // checkpoint goes back to it), the coordinator, scheduled and random failures.
    this.batch = settings.runtimeMode === 'BATCH';
    const cpc = settings.checkpointing;
    const enabled = !this.batch && (cpc.enabled || opts.checkpointInterval !== undefined);
    this.barrierMode =
      cpc.mode === 'AT_LEAST_ONCE' ? 'atLeastOnce' : cpc.unaligned ? 'unaligned' : 'aligned';
    for (const s of this.subs)
      this.initialState.set(subtaskKey(s.nodeId, s.index), encodeState(captureSubtask(s, 0)));
    this.restartPolicy = new RestartPolicy(settings.restartStrategy);
    this.coordinator = new CheckpointCoordinator(
      { ...cpc, enabled, interval: opts.checkpointInterval ?? cpc.interval },
      opts.checkpointStore ?? new MemoryCheckpointStore(),
      this.coordinatorHost(),
    );
    const failures = [...(settings.failures ?? []), ...(opts.failures ?? [])];
    const firstSource = this.subs.find((s) => s.source);
    for (const f of failures) {
      const node = f.node ?? firstSource?.nodeId;
      const sub = this.subs.find((s) => s.nodeId === node && s.index === (f.subtask ?? 0));
      if (!sub)
        throw new Error(`settings.failures: there is no subtask ${f.subtask ?? 0} of node ${node}`);
      this.schedule(f.at, E_FAIL, sub);
    }
    const rf = settings.randomFailures;
    if (rf) {
      this.randomFailures = { rng: streams.stream(), mean: rf.meanInterval };
      this.schedule(this.nextRandomFailure(0), E_RANDOM_FAIL, this.subs[0]);
    }
    this.documentNodes = doc;
    if (opts.fromSavepoint) this.startFromSavepoint(doc, opts.fromSavepoint);
    else if (opts.restoreFrom !== undefined) {
      const ids = this.coordinator.store.ids();
      const id = opts.restoreFrom === 'latest' ? ids[ids.length - 1] : opts.restoreFrom;
      // The clock goes on from the checkpoint, as a resumed job's would.
      const from = id === undefined ? undefined : this.coordinator.store.get(id);
      if (from) this.now = from.completeTime;
      this.restoreJob(id === undefined ? [] : [id, ...ids.filter((i) => i < id).reverse()]);
    }
    this.coordinator.start();
  }

  // ---------------------------------------------------------------- public API

  get finished(): boolean {
    if (this.job === 'FAILED') return true;
    return this.endedCount === this.subs.length && this.hN === 0;
  }

  step(): boolean {
    if (this.hN === 0) return false;
    const time = this.hTime[0];
    const type = this.hType[0];
    const s = this.subs[this.hSub[0]];
    this.pop();
    if (time > this.now) this.now = time;
    this.eventCount++;
    switch (type) {
      case E_PROCESS:
        this.handleProcess(s);
        break;
      case E_SOURCE:
        this.handleSource(s);
        break;
      case E_PERIODIC:
        if (!s.ended && s.wmgen) {
          s.wmgen.onPeriodicEmit(this.now, s.wmOut!);
          this.schedule(this.now + s.period!, E_PERIODIC, s);
        }
        break;
      case E_PTIMER:
        this.firePendingProcessingTimers(s);
        break;
      default:
        this.handleFaultToleranceEvent(type, s);
    }
    return true;
  }

  nextEventTime(): number | null {
    return this.hTime.length === 0 ? null : this.hTime[0];
  }

  runUntil(time: number): void {
    this.batching = true;
    try {
      while (this.hN > 0 && this.hTime[0] <= time) this.step();
    } finally {
      this.batching = false;
    }
    if (time > this.now) this.now = time;
  }

  run(maxEvents = Number.POSITIVE_INFINITY): number {
    const start = this.eventCount;
    // Batching counts several events per step, so it is only used without a limit.
    this.batching = maxEvents === Number.POSITIVE_INFINITY;
    try {
      while (this.eventCount - start < maxEvents && this.step());
    } finally {
      this.batching = false;
    }
    return this.eventCount - start;
  }

  sinkRecords(): Map<string, SinkRecord[]> {
    const n = this.sinkLimit;
    return new Map(
      [...this.sinks].map(([k, v]) => [k, v.length > n ? v.slice(v.length - n) : v.slice()]),
    );
  }

  trace(): { events: TraceEvent[]; dropped: number } {
    return { events: this.traceRing.events(), dropped: this.traceRing.dropped };
  }

  traceTotal(): number {
    return this.traceRing.dropped + this.traceRing.size;
  }

  traceSince(from: number, limit = Number.POSITIVE_INFINITY): TraceEvent[] {
    const ring = this.traceRing;
    const total = ring.dropped + ring.size;
    const start = Math.max(from, ring.dropped, total - limit);
    const out: TraceEvent[] = [];
    for (let i = start; i < total; i++) out.push(ring.eventAt(i));
    return out;
  }

  errors(): SimulationError[] {
    return this.errs.slice(Math.max(0, this.errs.length - this.errorLimit));
  }

  errorCount(): number {
    return this.errsDropped + this.errs.length;
  }

  lastErrors(n: number): SimulationError[] {
    return this.errs.slice(Math.max(0, this.errs.length - Math.min(n, this.errorLimit)));
  }

  status(): SubtaskStatus[] {
    return this.subs.map((s) => ({
      node: s.nodeId,
      subtask: s.index,
      watermark: s.outWm === MIN_WATERMARK ? null : s.outWm,
      inputWatermarks: s.inputs.map((c) => ({
        from: { node: c.from.nodeId, subtask: c.from.index },
        watermark: c.wm === MIN_WATERMARK ? null : c.wm,
        idle: c.idle,
        ended: c.ended,
        aligned: c.aligned,
        edge: c.edge,
        port: c.port,
      })),
      recordsIn: s.recordsIn,
      recordsOut: s.recordsOut,
      buffered: s.inputs.reduce((a, c) => a + c.buffered, 0),
      finished: s.ended,
      blocked: s.blocked,
      state: this.stateOf(s),
    }));
  }

  sources(): SourceStatus[] {
    return this.subs
      .filter((s) => s.source !== null)
      .map((s) => ({
        node: s.nodeId,
        subtask: s.index,
        records: s.pos,
        lastRecordAt: s.lastRecordAt,
        nextAt: s.ended ? null : s.source!.nextTime(),
        ended: s.ended,
        idle: s.outIdle,
        watermarks: s.wmgen !== null,
      }));
  }

  channels(): ChannelStatus[] {
    const out: ChannelStatus[] = [];
    for (const s of this.subs) {
      for (const c of s.inputs) {
        out.push({
          edge: c.edge,
          from: { node: c.from.nodeId, subtask: c.from.index },
          to: { node: s.nodeId, subtask: s.index },
          records: c.records,
          buffered: c.buffered,
          chained: c.chained,
          ...(s.holdsInput ? { blocking: true as const } : {}),
        });
      }
    }
    return out;
  }

  inspect(node: string): SubtaskState[] {
    const byTime = (a: Timer, b: Timer) => a.time - b.time;
    return this.subs
      .filter((s) => s.nodeId === node)
      .map((s) => ({
        node,
        subtask: s.index,
        watermark: s.watermark === MIN_WATERMARK ? null : s.watermark,
        state: s.op?.inspect ? s.op.inspect() : null,
        timers: [...s.eventTimers.pending(), ...s.procTimers.pending()]
          .sort(byTime)
          .map((t) => ({ domain: t.domain, time: t.time, key: t.key, namespace: t.namespace })),
      }));
  }

  // ---------------------------------------------------------------- event queue

  schedule(time: number, type: number, s: Sub): void {
    const ht = this.hTime;
    const hq = this.hSeq;
    const hs = this.hSub;
    const hy = this.hType;
    const seq = this.seq++;
    let i = this.hN++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (ht[p] < time || (ht[p] === time && hq[p] < seq)) break;
      ht[i] = ht[p];
      hq[i] = hq[p];
      hs[i] = hs[p];
      hy[i] = hy[p];
      i = p;
    }
    ht[i] = time;
    hq[i] = seq;
    hs[i] = s.id;
    hy[i] = type;
    if (type === E_PROCESS || type === E_SOURCE) s.scheduled = true;
  }

  private pop(): void {
    const ht = this.hTime;
    const hq = this.hSeq;
    const hs = this.hSub;
    const hy = this.hType;
    const n = --this.hN;
    const t = ht[n];
    const q = hq[n];
    const su = hs[n];
    const ty = hy[n];
    if (n === 0) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let m = l;
      if (r < n && (ht[r] < ht[l] || (ht[r] === ht[l] && hq[r] < hq[l]))) m = r;
      if (ht[m] > t || (ht[m] === t && hq[m] > q)) break;
      ht[i] = ht[m];
      hq[i] = hq[m];
      hs[i] = hs[m];
      hy[i] = hy[m];
      i = m;
    }
    ht[i] = t;
    hq[i] = q;
    hs[i] = su;
    hy[i] = ty;
  }

  // ---------------------------------------------------------------- handlers

  private isBlocked(s: Sub): boolean {
    const cap = this.capacity!;
    const bl = s.blockers ?? (s.blockers = blockersOf(s));
    for (let i = 0; i < bl.length; i++) if (bl[i].buffered >= cap) return true;
    return false;
  }

  private scheduleProcess(s: Sub): void {
    const cost = s.qKind[s.qHead] === K_RECORD ? s.cost : 0;
    this.schedule(this.now + cost, E_PROCESS, s);
  }

  private wake(s: Sub): void {
    s.blocked = false;
    if (s.scheduled || s.ended) return;
    if (s.source) {
      const t = s.source.nextTime();
      if (t !== null) this.schedule(Math.max(t, this.now), E_SOURCE, s);
    } else if (s.queued > 0) this.schedule(this.now, E_PROCESS, s);
  }

  private handleProcess(s: Sub): void {
    s.scheduled = false;
    if (this.capacity !== null && this.isBlocked(s)) {
      s.blocked = true;
      return;
    }
    if (s.align !== null && this.holdBlocked(s)) return;
    const h = s.qHead;
    const ch = s.qChan[h];
    const kind = s.qKind[h];
    const key = s.qKey[h];
    const val = s.qVal[h];
    const ts = s.qTs[h];
    const qp = s.qPane;
    const pane = qp !== null ? qp[h] : null;
    s.qVal[h] = undefined;
    if (qp !== null) qp[h] = null;
    s.qHead = h + 1;
    if (s.qHead === s.qTail) {
      s.qHead = 0;
      s.qTail = 0;
    } else if (s.qHead > 4096 && s.qHead * 2 > s.qTail) {
      const a = s.qHead;
      const b = s.qTail;
      s.qChan = s.qChan.slice(a, b);
      s.qKind = s.qKind.slice(a, b);
      s.qKey = s.qKey.slice(a, b);
      s.qVal = s.qVal.slice(a, b);
      s.qTs = s.qTs.slice(a, b);
      if (qp !== null) s.qPane = qp.slice(a, b);
      s.qHead = 0;
      s.qTail = b - a;
    }
    if (kind === K_RECORD) {
      ch.buffered--;
      const from = ch.head;
      if (from.blocked && this.capacity !== null && ch.buffered < this.capacity) this.wake(from);
    }
    this.processElement(s, ch, kind, key, val, ts, pane);
    if (s.qHead < s.qTail && !s.scheduled) this.scheduleProcess(s);
  }

  private handleSource(s: Sub): void {
    s.scheduled = false;
    if (s.ended) return;
    if (this.capacity !== null && this.isBlocked(s)) {
      s.blocked = true;
      return;
    }
    const src = s.source!;
    const em = s.emitter!;
    src.step(em);
    let t = src.nextTime();
    if (this.batching) {
      // Exactly what stepping would do: the source's next event (same time, a new sequence
      // number) would be the earliest in the queue, so it can run at once.
      const cap = this.capacity;
      while (
        t === this.now &&
        !s.ended &&
        (this.hN === 0 || this.hTime[0] > t) &&
        (cap === null || !this.isBlocked(s))
      ) {
        this.eventCount++;
        src.step(em);
        t = src.nextTime();
      }
    }
    if (s.ended) return;
    if (t !== null) this.schedule(t > this.now ? t : this.now, E_SOURCE, s);
  }

  private firePendingProcessingTimers(s: Sub): void {
    if (s.ended || !s.op) return;
    const op = s.op;
    let t: Timer | null;
    let budget = s.procTimers.size + RUNAWAY_TIMERS;
    while ((t = s.procTimers.pollUpTo(this.now)) !== null) {
      if (--budget < 0) {
        this.stopRunawayTimers(s, 'processing', s.procTimers, this.now);
        break;
      }
      this.traceTimer(s, 'fire', 'processing', t.time, t.key);
      const timer = t;
      if (op.onTimer) this.guard(s, () => op.onTimer!(timer, s.ctx));
    }
  }

  /**
   * onTimer keeps registering timers that are already due, so firing them never ends (in Flink
   * the task would loop here forever; typically a timer set at the +∞ watermark, or at the
   * current processing time). Reported on the node, and the due timers left are dropped.
   */
  private stopRunawayTimers(
    s: Sub,
    domain: 'event' | 'processing',
    timers: TimerHeap,
    upTo: number,
  ): void {
    while (timers.pollUpTo(upTo) !== null);
    this.reportError(
      s,
      `onTimer keeps registering ${domain}-time timers that are already due: stopped after ${RUNAWAY_TIMERS} of them, the due ones left are dropped (Flink would loop here forever)`,
    );
  }

  private sourceEmitter(s: Sub, tc: 'event' | 'ingestion' | 'processing'): SourceEmitter {
    const ctx = s.ctx;
    return {
      record: (key, value, timestamp) => {
        if (s.outIdle) this.setOutIdle(s, false);
        s.lastRecordAt = this.now;
        const ts = tc === 'event' ? timestamp : tc === 'ingestion' ? this.now : null;
        const replayed = ++s.pos <= s.highWater;
        if (!replayed) s.highWater = s.pos;
        else {
          this.replayedCount++;
          this.lastReplay = this.now;
        }
        if (this.tracing) this.emitRecord(s, s.main, key, value, ts, false, null, replayed);
        else ctx.emit(key, value, ts, null);
        if (s.wmgen !== null && ts !== null) s.wmgen.onEvent(ts, s.wmOut!);
      },
      watermark: (wm) => {
        if (!this.batch) this.emitWatermarkOut(s, wm);
      },
      end: () => {
        this.emitWatermarkOut(s, MAX_WATERMARK);
        this.endSub(s);
      },
    };
  }

  // ---------------------------------------------------------------- data flow

  emitRecord(
    s: Sub,
    gates: Gate[],
    key: Key,
    value: unknown,
    ts: number | null,
    late: boolean,
    pane: PaneInfo | null,
    replayed = false,
  ): void {
    s.recordsOut++;
    if (this.tracing) this.traceRing.flow(this.now, s.place, null, key, value, ts, late, replayed);
    const out = s.chainOut;
    if (out !== null && gates === s.main) {
      out.records++;
      this.processChained(out, key, value, ts, pane);
      return;
    }
    for (let g = 0; g < gates.length; g++) {
      const gate = gates[g];
      const chs = gate.channels;
      switch (gate.partitioning) {
        case P_FORWARD:
          if (gate.chained) {
            chs[0].records++;
            this.processChained(chs[0], key, value, ts, pane);
          } else this.enqueue(chs[0], K_RECORD, key, value, ts, pane);
          break;
        case P_REBALANCE: {
          let rr = gate.rr + 1;
          if (rr >= chs.length) rr = 0;
          gate.rr = rr;
          this.enqueue(chs[rr], K_RECORD, key, value, ts, pane);
          break;
        }
        case P_HASH:
          this.enqueue(
            // One receiver: every key group is its own, no hash needed.
            chs.length === 1 ? chs[0] : chs[subtaskForKey(key, this.maxParallelism, chs.length)],
            K_RECORD,
            key,
            value,
            ts,
            pane,
          );
          break;
        default:
          for (let i = 0; i < chs.length; i++) this.enqueue(chs[i], K_RECORD, key, value, ts, pane);
      }
    }
  }

  /** Sends a control element (watermark, status, end) on every output channel. */
  private broadcast(s: Sub, kind: number, wm: number): void {
    for (const gates of [s.main, s.late]) {
      for (const gate of gates) {
        for (const c of gate.channels) {
          if (c.chained) this.processElement(c.to, c, kind, null, undefined, wm, null);
          else {
            this.enqueue(c, kind, null, undefined, wm, null);
            if (kind === K_END && c.to.holdsInput) this.releaseBlocking(c.to);
          }
        }
      }
    }
  }

  private enqueue(
    ch: Channel,
    kind: number,
    key: Key,
    val: unknown,
    ts: number | null,
    pane: PaneInfo | null,
  ): void {
    const t = ch.to;
    const i = t.qTail;
    if (pane !== null || t.qPane !== null) {
      // The PaneInfo column exists only once a window result was queued here.
      if (t.qPane === null) t.qPane = new Array<PaneInfo | null>(i).fill(null);
      t.qPane[i] = pane;
    }
    t.qChan[i] = ch;
    t.qKind[i] = kind;
    t.qKey[i] = key;
    t.qVal[i] = val;
    t.qTs[i] = ts;
    t.qTail = i + 1;
    if (kind === K_RECORD) {
      ch.buffered++;
      ch.records++;
    }
    if (!t.scheduled && !t.blocked) this.scheduleProcess(t);
  }

  /**
   * What a subtask whose only output is a chained channel calls to emit: emitRecord for this
   * one link, then processChained (or, trace off, a fused map/filter/count in place).
   */
  private chainEmit(ch: Channel): Ctx['emit'] {
    const from = ch.from;
    const to = ch.to;
    const ctx = to.ctx;
    // Trace off: a fusable operator's logic runs right here, and its emit is called directly.
    const fuse = this.tracing ? undefined : to.op?.fuse;
    if (fuse?.type === 'count') {
      const count = fuse.count;
      return () => {
        from.recordsOut++;
        ch.records++;
        to.recordsIn++;
        count();
      };
    }
    if (fuse !== undefined) {
      const f = fuse.fn;
      const next = ctx.emit;
      if (fuse.type === 'map') {
        return (key, value, ts) => {
          from.recordsOut++;
          ch.records++;
          to.recordsIn++;
          let out: unknown;
          try {
            out = f(value, key, ts);
          } catch (e) {
            this.reportError(to, `${describeThrown(e)}; record dropped`, key, value, ts);
            return;
          }
          next(key, out, ts, null);
        };
      }
      return (key, value, ts, pane = null) => {
        from.recordsOut++;
        ch.records++;
        to.recordsIn++;
        let keep: unknown;
        try {
          keep = f(value, key, ts);
        } catch (e) {
          this.reportError(to, `${describeThrown(e)}; record dropped`, key, value, ts);
          return;
        }
        if (keep) next(key, value, ts, pane);
      };
    }
    return (key, value, ts, pane = null) => {
      from.recordsOut++;
      if (this.tracing)
        this.traceRing.flow(this.now, from.place, null, key, value, ts, false, false);
      ch.records++;
      this.processChained(ch, key, value, ts, pane);
    };
  }

  /**
   * A record reaches its subtask's operator: counted, traced, handed to processRecord; a throw
   * drops it. A chained channel calls this directly (its subtask has that one input, so no
   * unaligned checkpoint overtakes it); processElement after its checkpoint bookkeeping.
   */
  private processChained(
    ch: Channel,
    key: Key,
    val: unknown,
    ts: number | null,
    pane: PaneInfo | null,
  ): void {
    const s = ch.to;
    s.recordsIn++;
    if (this.tracing) this.traceRing.flow(this.now, s.place, ch.from.place, key, val, ts, false);
    const r = s.rec;
    r.key = key;
    r.value = val;
    r.timestamp = ts;
    r.pane = pane;
    try {
      s.op!.processRecord(ch.port, r, s.ctx);
    } catch (e) {
      this.reportError(s, `${describeThrown(e)}; record dropped`, key, val, ts);
    }
  }

  private processElement(
    s: Sub,
    ch: Channel,
    kind: number,
    key: Key,
    val: unknown,
    ts: number | null,
    pane: PaneInfo | null,
  ): void {
    const a = s.align;
    if (a !== null && a.taken !== null && !a.seen.has(ch) && kind !== K_BARRIER)
      a.inflight.push([s.inputs.indexOf(ch), kind, key, val, ts, pane]);
    if (kind === K_RECORD) {
      this.processChained(ch, key, val, ts, pane);
      return;
    }
    if (kind === K_WM) this.valveWatermark(s, ch, ts!);
    else if (kind === K_IDLE) this.valveIdle(s, ch);
    else if (kind === K_ACTIVE) this.valveActive(s, ch);
    else if (kind === K_BARRIER) this.onBarrier(s, ch, ts!);
    else if (kind === K_KEY_END) this.endOfKey(s);
    else if (kind === K_END) {
      if (ch.ended) return;
      ch.ended = true;
      s.inputsEnded++;
      if (s.align !== null) this.checkAligned(s);
      if (s.inputsEnded === s.inputs.length) {
        const op = s.op!;
        if (op.onEnd) this.guard(s, () => op.onEnd!(s.ctx));
        this.endSub(s);
      }
    }
  }

  // ---------------------------------------------------------------- watermark valve

  private valveWatermark(s: Sub, ch: Channel, wm: number): void {
    if (s.valveIdle || ch.idle) return;
    if (wm <= ch.wm) return;
    ch.wm = wm;
    if (!ch.aligned && wm >= s.watermark) ch.aligned = true;
    this.findNewMin(s);
  }

  private findNewMin(s: Sub): void {
    let min = Number.POSITIVE_INFINITY;
    let any = false;
    for (const c of s.inputs) {
      if (c.aligned) {
        any = true;
        if (c.wm < min) min = c.wm;
      }
    }
    if (any && min > s.watermark) this.advance(s, min);
  }

  private valveIdle(s: Sub, ch: Channel): void {
    if (ch.idle) return;
    ch.idle = true;
    ch.aligned = false;
    if (!s.inputs.some((c) => !c.idle)) {
      if (ch.wm === s.watermark) {
        let max = MIN_WATERMARK;
        for (const c of s.inputs) if (c.wm > max) max = c.wm;
        if (max > s.watermark) this.advance(s, max);
      }
      s.valveIdle = true;
      if (s.op!.forwardsWatermarks !== false) this.setOutIdle(s, true);
    } else if (ch.wm === s.watermark) this.findNewMin(s);
  }

  private valveActive(s: Sub, ch: Channel): void {
    if (!ch.idle) return;
    ch.idle = false;
    if (ch.wm >= s.watermark) ch.aligned = true;
    if (s.valveIdle) {
      s.valveIdle = false;
      if (s.op!.forwardsWatermarks !== false) this.setOutIdle(s, false);
    }
  }

  /** The subtask's input watermark advances: event-time timers, the operator, then downstream. */
  private advance(s: Sub, wm: number): void {
    s.watermark = wm;
    s.ctx.currentWatermark = wm;
    const op = s.op!;
    let t: Timer | null;
    let budget = s.eventTimers.size + RUNAWAY_TIMERS;
    while ((t = s.eventTimers.pollUpTo(wm)) !== null) {
      if (--budget < 0) {
        this.stopRunawayTimers(s, 'event', s.eventTimers, wm);
        break;
      }
      this.traceTimer(s, 'fire', 'event', t.time, t.key);
      const timer = t;
      if (op.onTimer) this.guard(s, () => op.onTimer!(timer, s.ctx));
    }
    if (op.onWatermark) this.guard(s, () => op.onWatermark!(wm, s.ctx));
    if (op.forwardsWatermarks !== false) this.emitWatermarkOut(s, wm);
  }

  /** BATCH, held input: once every input has ended, the queue (sorted by key if keyed) runs. */
  private releaseBlocking(s: Sub): void {
    let ends = 0;
    for (let i = s.qHead; i < s.qTail; i++) if (s.qKind[i] === K_END) ends++;
    if (ends < s.inputs.length) return;
    if (s.sortsInput) sortByKey(s, K_RECORD, K_KEY_END);
    s.scheduled = false;
    if (s.qHead < s.qTail) this.scheduleProcess(s);
  }

  /**
   * BATCH, sorted input: the key's records are done. Its event-time timers fire, then its
   * processing-time timers, with the watermark at +∞; timers set while they fire are dropped.
   */
  private endOfKey(s: Sub): void {
    const op = s.op!;
    s.ctx.currentWatermark = MAX_WATERMARK;
    const due: Timer[] = [];
    let t: Timer | null;
    while ((t = s.eventTimers.pollUpTo(MAX_WATERMARK)) !== null) due.push(t);
    while ((t = s.procTimers.pollUpTo(Number.POSITIVE_INFINITY)) !== null) due.push(t);
    for (const timer of due) {
      this.traceTimer(s, 'fire', timer.domain, timer.time, timer.key);
      if (op.onTimer) this.guard(s, () => op.onTimer!(timer, s.ctx));
    }
    s.eventTimers.clear();
    s.procTimers.clear();
    s.ctx.currentWatermark = s.watermark;
  }

  emitWatermarkOut(s: Sub, wm: number): void {
    if (wm <= s.outWm || s.ended) return;
    if (s.outIdle) this.setOutIdle(s, false);
    s.outWm = wm;
    if (this.tracing) {
      this.record({
        type: 'watermark',
        time: this.now,
        node: s.nodeId,
        subtask: s.index,
        watermark: wm,
      });
    }
    this.broadcast(s, K_WM, wm);
  }

  setOutIdle(s: Sub, idle: boolean): void {
    if (s.outIdle === idle || s.ended) return;
    s.outIdle = idle;
    if (this.tracing) {
      this.record({ type: 'idle', time: this.now, node: s.nodeId, subtask: s.index, idle });
    }
    this.broadcast(s, idle ? K_IDLE : K_ACTIVE, 0);
  }

  private endSub(s: Sub): void {
    if (s.ended) return;
    if (s.outIdle) this.setOutIdle(s, false);
    this.broadcast(s, K_END, 0);
    s.ended = true;
    this.endedCount++;
    s.procTimers.clear();
    if (this.tracing) {
      this.record({ type: 'end', time: this.now, node: s.nodeId, subtask: s.index });
    }
    this.afterEnd(s);
  }

  // ---------------------------------------------------------------- checkpoints and failures
  //
  // Flink's asynchronous barrier snapshotting (checkpoints/coordinator.ts decides when):
  // - trigger n: every source snapshots its state (offset, generator, watermark generator),
  //   acknowledges and sends barrier n on all outputs, FIFO with records and watermarks;
  // - a subtask with one input snapshots when the barrier arrives and forwards it;
  // - with several inputs, aligned (EXACTLY_ONCE): a channel that delivered barrier n is blocked
  //   (its elements are held back) until every input has delivered it (an ended input counts);
  //   unaligned: the first barrier takes the snapshot and is forwarded at once, and the elements
  //   that arrive afterwards on the other inputs before their barrier are stored with it;
  //   AT_LEAST_ONCE: nothing is blocked; the snapshot is taken when the last barrier arrives;
  // - a subtask that has ended acknowledges with its final state.
  // A failure cancels every task; the restart strategy decides whether and when the job restarts
  // from the latest usable completed checkpoint (else from the beginning).

  faultTolerance(): FaultToleranceStatus {
    const c = this.coordinator;
    return {
      job: this.job,
      checkpointing: c.enabled,
      checkpoints: c.history.map((h) => ({ ...h, subtasks: h.subtasks.slice() })),
      completed: c.completed,
      failedCheckpoints: c.failed,
      restarts: this.restarts,
      failures: this.failureLog.slice(),
      restores: this.restoreLog.slice(),
      restartAt: this.restartAt,
      failureCause: this.failureCause,
      replayed: this.replayedCount,
      lastReplay: this.lastReplay,
    };
  }

  takeSavepoint(): SavepointData {
    if (this.batch) throw new SavepointRefusedError('batch');
    if (this.job !== 'RUNNING') throw new SavepointRefusedError(this.job);
    const subtasks: Record<string, Uint8Array> = {};
    for (const s of this.subs) subtasks[subtaskKey(s.nodeId, s.index)] = this.captureAll(s);
    return {
      time: this.now,
      eventCount: this.eventCount,
      nodes: this.documentNodes ? savepointNodes(this.documentNodes) : [],
      subtasks,
    };
  }

  /** A subtask's state between two events, with what waits in its input queue. */
  private captureAll(s: Sub): Uint8Array {
    const snap = captureSubtask(s, 0);
    // Between two events every element not yet processed waits in a queue (or, while a
    // checkpoint aligns, among the held ones, which came first): it belongs to the state.
    // Barriers are left out: the pending checkpoint is not part of a savepoint.
    const inflight: InFlight[] = [];
    const add = (ch: Channel, kind: number, key: Key, val: unknown, ts: number | null) => {
      if (kind !== K_BARRIER) inflight.push([s.inputs.indexOf(ch), kind, key, val, ts]);
    };
    if (s.align) for (const h of s.align.held) add(h.ch, h.kind, h.key, h.val, h.ts);
    for (let i = s.qHead; i < s.qTail; i++)
      add(s.qChan[i], s.qKind[i], s.qKey[i], s.qVal[i], s.qTs[i]);
    snap.inflight = inflight;
    return encodeState(snap);
  }

  /**
   * Starts from a savepoint: its state, mapped by node id, becomes the state every subtask starts
   * from (so a restart before the first checkpoint goes back to the savepoint, as in Flink).
   */
  private startFromSavepoint(
    doc: PipelineDocument,
    from: NonNullable<SimulationOptions['fromSavepoint']>,
  ): void {
    const sp = from.savepoint;
    const mapping = mapSavepoint(sp, doc);
    if (mapping.unmapped.length > 0 && !from.allowNonRestoredState)
      throw new SavepointMismatchError(mapping.unmapped);
    const skip = new Set(mapping.unmapped.map((u) => u.node));
    const channelsChanged = new Set(mapping.inputsChanged);
    for (const s of this.subs) {
      if (skip.has(s.nodeId)) continue;
      const key = subtaskKey(s.nodeId, s.index);
      const bytes = sp.subtasks[key];
      if (!bytes) continue; // a node the savepoint does not know starts empty
      if (channelsChanged.has(s.nodeId)) {
        const snap = decodeState(bytes) as SubtaskSnapshot;
        const fresh = decodeState(this.initialState.get(key)!) as SubtaskSnapshot;
        snap.inputs = fresh.inputs;
        snap.inputsEnded = fresh.inputsEnded;
        snap.inflight = [];
        this.initialState.set(key, encodeState(snap));
      } else this.initialState.set(key, bytes);
    }
    this.now = sp.time;
    this.startSavepoint = from.id ?? 0;
    this.restoreJob([], this.startSavepoint);
    // Taken again once restored: what a restart goes back to is then in this run's terms (an
    // at-least-once sink's position counts what this run's sink wrote, from 0).
    for (const s of this.subs)
      this.initialState.set(subtaskKey(s.nodeId, s.index), this.captureAll(s));
  }

  injectFailure(node: string, subtask = 0): void {
    const s = this.subs.find((x) => x.nodeId === node && x.index === subtask);
    if (!s) throw new Error(`there is no subtask ${subtask} of node ${node}`);
    this.fail(s, `failure injected into ${node}[${subtask}] at ${this.now} ms`);
  }

  // Seek points: the whole run's state in memory (runImage.ts reads the fields it needs).
  captureImage(traceKeep?: number): RunImage {
    return captureRun(this as unknown as RunInternals, traceKeep);
  }

  restoreImage(image: RunImage): void {
    restoreRun(this as unknown as RunInternals, image);
  }

  pendingSinkRecords(): Map<string, SinkRecord[]> {
    return new Map([...this.ledgers].map(([k, l]) => [k, l.pendingRecords()]));
  }

  sinkTotals(): Map<string, number> {
    return new Map([...this.ledgers].map(([k, l]) => [k, l.total]));
  }

  /** A subtask's operator; one keeping state out of sight gets a replay log. */
  private instantiate(kind: string, factory: (subtask: number) => Operator, s: Sub): Operator {
    const op = factory(s.index);
    return needsReplayLog(kind, op) ? withReplayLog(op, s.ctx, this.logCalls) : op;
  }

  private ledgerOf(nodeId: string): SinkLedger {
    let l = this.ledgers.get(nodeId);
    if (!l) {
      l = new SinkLedger(this.sinkLimit, this.trackSinks);
      this.ledgers.set(nodeId, l);
      this.sinks.set(nodeId, l.out);
    }
    return l;
  }

  private stateOf(s: Sub): NonNullable<SubtaskStatus['state']> {
    if (this.job === 'FAILED') return 'failed';
    if (this.job === 'RESTARTING') return s === this.failedSub ? 'failing' : 'restarting';
    return s.ended ? 'finished' : 'running';
  }

  private scheduleJobEvent(time: number, type: number): void {
    if (this.subs.length > 0) this.schedule(time, type, this.subs[0]);
  }

  private coordinatorHost(): CoordinatorHost {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const rt = this;
    return {
      get now() {
        return rt.now;
      },
      get subtaskCount() {
        return rt.subs.length;
      },
      scheduleTrigger: (t) => this.scheduleJobEvent(t, E_CKPT_TRIGGER),
      scheduleTimeout: (t) => this.scheduleJobEvent(t, E_CKPT_TIMEOUT),
      triggerSubtasks: (id) => this.triggerSubtasks(id),
      notifyComplete: (id) => {
        for (const s of this.subs) {
          const op = s.op;
          if (op?.notifyCheckpointComplete)
            this.guard(s, () => op.notifyCheckpointComplete!(id, s.ctx));
        }
      },
      abortAlignments: (id) => {
        for (const s of this.subs) {
          const a = s.align;
          if (a !== null && a.id === id) {
            s.align = null;
            this.releaseHeld(s, a);
          }
        }
      },
      trace: (ev) => {
        if (this.tracing) this.record(ev);
      },
    };
  }

  private traceBarrier(
    s: Sub,
    id: number,
    action: 'emit' | 'receive' | 'aligned',
    extra: { from?: Channel; alignment?: number; inFlight?: number } = {},
  ): void {
    if (!this.tracing) return;
    const ev: TraceEvent = {
      type: 'barrier',
      time: this.now,
      node: s.nodeId,
      subtask: s.index,
      checkpoint: id,
      action,
    };
    if (extra.from) ev.from = { node: extra.from.from.nodeId, subtask: extra.from.from.index };
    if (extra.alignment !== undefined) ev.alignment = extra.alignment;
    if (extra.inFlight !== undefined) ev.inFlight = extra.inFlight;
    this.record(ev);
  }

  private ackSubtask(
    s: Sub,
    id: number,
    bytes: Uint8Array,
    alignment: number,
    inFlight: number,
  ): void {
    s.acked = id;
    this.coordinator.ack(id, s.nodeId, s.index, bytes, alignment, inFlight);
  }

  private triggerSubtasks(id: number): void {
    for (const s of this.subs) {
      if (s.acked >= id) continue;
      if (s.ended) {
        this.ackSubtask(s, id, encodeState(captureSubtask(s, id)), 0, 0);
      } else if (s.source) {
        this.ackSubtask(s, id, encodeState(captureSubtask(s, id)), 0, 0);
        this.traceBarrier(s, id, 'emit');
        this.broadcast(s, K_BARRIER, id);
      }
    }
  }

  private onBarrier(s: Sub, ch: Channel, id: number): void {
    if (this.coordinator.pendingId !== id || s.acked >= id) return; // aborted or stale
    this.traceBarrier(s, id, 'receive', { from: ch });
    let a = s.align;
    if (a === null || a.id !== id) {
      a = s.align = { id, start: this.now, seen: new Set(), held: [], taken: null, inflight: [] };
    }
    a.seen.add(ch);
    if (s.inputs.length > 1) {
      if (this.barrierMode === 'unaligned') {
        if (a.taken === null) {
          a.taken = encodeState(captureSubtask(s, id));
          this.traceBarrier(s, id, 'emit');
          this.broadcast(s, K_BARRIER, id);
        }
      } else if (this.barrierMode === 'aligned') ch.blocked = true;
    }
    this.checkAligned(s);
  }

  /** Completes the alignment once every input delivered the barrier or ended. */
  private checkAligned(s: Sub): void {
    const a = s.align!;
    for (const c of s.inputs) if (!c.ended && !a.seen.has(c)) return;
    s.align = null;
    const alignment = this.now - a.start;
    let bytes: Uint8Array;
    if (a.taken !== null) {
      const snap = decodeState(a.taken) as SubtaskSnapshot;
      snap.inflight = a.inflight;
      bytes = encodeState(snap);
    } else {
      bytes = encodeState(captureSubtask(s, a.id));
      this.traceBarrier(s, a.id, 'emit');
      this.broadcast(s, K_BARRIER, a.id);
    }
    this.traceBarrier(s, a.id, 'aligned', { alignment, inFlight: a.inflight.length });
    this.releaseHeld(s, a);
    this.ackSubtask(s, a.id, bytes, alignment, a.inflight.length);
  }

  /** Moves head elements of blocked channels aside; true when nothing processable is left. */
  private holdBlocked(s: Sub): boolean {
    const a = s.align!;
    const qp = s.qPane;
    while (s.qHead < s.qTail) {
      const h = s.qHead;
      const ch = s.qChan[h];
      if (!ch.blocked) return false;
      const pane = qp !== null ? qp[h] : null;
      a.held.push({ ch, kind: s.qKind[h], key: s.qKey[h], val: s.qVal[h], ts: s.qTs[h], pane });
      s.qHead = h + 1;
    }
    s.qHead = 0;
    s.qTail = 0;
    s.qChan = [];
    s.qKind = [];
    s.qKey = [];
    s.qVal = [];
    s.qTs = [];
    if (qp !== null) s.qPane = [];
    return true;
  }

  /** Unblocks the inputs and puts the held elements back in front of the queue, in order. */
  private releaseHeld(s: Sub, a: Alignment): void {
    for (const c of s.inputs) c.blocked = false;
    if (a.held.length === 0) return;
    const h = s.qHead;
    const t = s.qTail;
    const held = a.held;
    s.qChan = held.map((e) => e.ch).concat(s.qChan.slice(h, t));
    s.qKind = held.map((e) => e.kind).concat(s.qKind.slice(h, t));
    s.qKey = held.map((e) => e.key).concat(s.qKey.slice(h, t));
    s.qVal = held.map((e) => e.val).concat(s.qVal.slice(h, t));
    s.qTs = held.map((e) => e.ts).concat(s.qTs.slice(h, t));
    const qp = s.qPane;
    if (qp !== null || held.some((e) => e.pane !== null))
      s.qPane = held
        .map((e) => e.pane)
        .concat(qp !== null ? qp.slice(h, t) : new Array(t - h).fill(null));
    s.qHead = 0;
    s.qTail = s.qKind.length;
    a.held = [];
    if (!s.scheduled && !s.blocked && !s.ended) this.scheduleProcess(s);
  }

  /** A subtask ended: it acknowledges a pending checkpoint; the last one finishes the job. */
  private afterEnd(s: Sub): void {
    const pid = this.coordinator.pendingId;
    if (pid !== null && s.acked < pid) {
      s.align = null;
      this.ackSubtask(s, pid, encodeState(captureSubtask(s, pid)), 0, 0);
    }
    if (this.endedCount !== this.subs.length || this.job !== 'RUNNING') return;
    this.job = 'FINISHED';
    if (this.coordinator.enabled) this.coordinator.finish();
    else {
      // Without checkpoints, two-phase-commit sinks commit what is left at the end of input
      // (as Flink's committer does at endInput).
      const id = Number.MAX_SAFE_INTEGER;
      for (const x of this.subs) {
        const op = x.op;
        if (op?.snapshot && op.notifyCheckpointComplete) {
          this.guard(x, () => {
            op.snapshot!(id);
            op.notifyCheckpointComplete!(id, x.ctx);
          });
        }
      }
    }
    this.keepEvents((t) => t < E_CKPT_TRIGGER);
  }

  private handleFaultToleranceEvent(type: number, s: Sub): void {
    switch (type) {
      case E_CKPT_TRIGGER:
        if (this.job === 'RUNNING') this.coordinator.onTriggerTimer();
        break;
      case E_CKPT_TIMEOUT:
        this.coordinator.onTimeoutTimer();
        break;
      case E_FAIL:
        this.fail(s, `scheduled failure of ${s.nodeId}[${s.index}] at ${this.now} ms`);
        break;
      case E_RANDOM_FAIL: {
        const r = this.randomFailures!;
        const victim = this.subs[r.rng.int(0, this.subs.length - 1)];
        this.scheduleJobEvent(this.nextRandomFailure(this.now), E_RANDOM_FAIL);
        this.fail(victim, `random failure of ${victim.nodeId}[${victim.index}] at ${this.now} ms`);
        break;
      }
      case E_RESTART:
        if (this.job !== 'RESTARTING') break;
        this.restarts++;
        this.restartAt = null;
        this.restoreJob(this.coordinator.store.ids().reverse(), this.startSavepoint);
        this.coordinator.start();
        break;
    }
  }

  /** Exponentially distributed gaps with the configured mean (at least 1 ms). */
  private nextRandomFailure(from: number): number {
    const r = this.randomFailures!;
    return from + Math.max(1, Math.round(-Math.log(1 - r.rng.next()) * r.mean));
  }

  private fail(s: Sub, message: string): void {
    if (this.job !== 'RUNNING') return; // a task that is not running cannot fail again
    const decision = this.restartPolicy.onFailure(this.now);
    this.failureLog.push({ time: this.now, node: s.nodeId, subtask: s.index, message });
    this.coordinator.abort('the job failed', false);
    this.coordinator.stop();
    // Cancel every task: queued elements, alignments, scheduled work, uncommitted sink output.
    this.keepEvents((t) => t === E_FAIL || t === E_RANDOM_FAIL);
    for (const x of this.subs) this.resetSub(x, false);
    for (const l of this.ledgers.values()) l.pending.clear();
    this.failedSub = s;
    if (decision.restart) {
      this.job = 'RESTARTING';
      this.restartAt = this.now + decision.delay;
      this.schedule(this.restartAt, E_RESTART, s);
    } else {
      this.job = 'FAILED';
      this.restartAt = null;
      this.failureCause = `${message}; ${decision.reason}`;
      this.keepEvents(() => false);
    }
    if (this.tracing) {
      this.record({
        type: 'failure',
        time: this.now,
        node: s.nodeId,
        subtask: s.index,
        message: decision.restart ? message : `${message}; the job fails: ${decision.reason}`,
        restartAt: this.restartAt,
      });
    }
  }

  /** Clears what a cancelled task loses; with `fresh`, also a new operator instance. */
  private resetSub(s: Sub, fresh: boolean): void {
    if (fresh) {
      const f = this.factories.get(s.nodeId);
      if (f) s.op = this.instantiate(s.node.kind, f, s);
      s.ended = false;
      s.inputsEnded = 0;
      s.eventTimers.clear();
      s.procTimers.clear();
    }
    s.qChan = [];
    s.qKind = [];
    s.qKey = [];
    s.qVal = [];
    s.qTs = [];
    s.qPane = null;
    s.qHead = 0;
    s.qTail = 0;
    s.align = null;
    s.scheduled = s.holdsInput; // held until its whole input is there again
    s.blocked = false;
    for (const c of s.inputs) {
      c.buffered = 0;
      c.blocked = false;
    }
  }

  /**
   * Restores every subtask from the first usable checkpoint among `candidates` (newest first);
   * a missing or damaged one is reported and skipped. Without one, from the initial state.
   */
  private restoreJob(candidates: number[], startSavepoint?: number): void {
    const store = this.coordinator.store;
    const notes: string[] = [];
    let chosen: number | null = null;
    let states: Map<string, SubtaskSnapshot> | null = null;
    for (const id of candidates) {
      const cp = store.get(id);
      if (!cp) {
        notes.push(`checkpoint ${id} is missing`);
        continue;
      }
      try {
        const m = new Map<string, SubtaskSnapshot>();
        for (const s of this.subs) {
          const key = subtaskKey(s.nodeId, s.index);
          const bytes = cp.subtasks[key];
          if (!bytes) throw new CorruptSnapshotError(`it has no state for ${s.nodeId}[${s.index}]`);
          m.set(key, decodeState(bytes) as SubtaskSnapshot);
        }
        states = m;
        chosen = id;
        break;
      } catch (e) {
        if (!(e instanceof CorruptSnapshotError)) throw e;
        notes.push(`checkpoint ${id} is unusable (${e.message})`);
      }
    }
    if (states === null) {
      states = new Map();
      for (const [k, v] of this.initialState) states.set(k, decodeState(v) as SubtaskSnapshot);
    }
    this.job = 'RUNNING';
    this.failedSub = null;
    this.keepEvents((t) => t === E_FAIL || t === E_RANDOM_FAIL);
    for (const s of this.subs) this.resetSub(s, true);
    this.endedCount = 0;
    for (const s of this.subs) {
      const inflight = restoreSubtask(s, states.get(subtaskKey(s.nodeId, s.index))!);
      s.acked = chosen ?? 0;
      if (s.ended) this.endedCount++;
      for (const [i, kind, key, val, ts, pane] of inflight) {
        const ch = s.inputs[i];
        if (ch) this.enqueue(ch, kind, key, val, ts, pane ?? null);
      }
    }
    for (const s of this.subs) {
      if (s.ended) continue;
      if (s.source) {
        const t = s.source.nextTime();
        if (t !== null) this.schedule(Math.max(t, this.now), E_SOURCE, s);
        if (s.period !== null) this.schedule(this.now + s.period, E_PERIODIC, s);
      }
      for (const t of s.procTimers.snapshot())
        this.schedule(Math.max(t.time, this.now), E_PTIMER, s);
    }
    // Without a usable checkpoint, a run that started from a savepoint goes back to it.
    const savepoint = chosen === null ? startSavepoint : undefined;
    const message = [
      ...notes,
      chosen !== null
        ? `restored checkpoint ${chosen}`
        : savepoint !== undefined
          ? `restored savepoint ${savepoint}`
          : notes.length > 0
            ? 'no usable checkpoint: restarted from the beginning'
            : 'no completed checkpoint: restarted from the beginning',
    ].join('; ');
    this.restoreLog.push(
      savepoint !== undefined
        ? { time: this.now, checkpoint: chosen, savepoint, message }
        : { time: this.now, checkpoint: chosen, message },
    );
    if (this.tracing)
      this.record({
        type: 'restore',
        time: this.now,
        node: '',
        subtask: -1,
        checkpoint: chosen,
        ...(savepoint !== undefined ? { savepoint } : {}),
        message,
      });
  }

  /** Keeps only the scheduled events whose type passes, in their order. */
  private keepEvents(keep: (type: number) => boolean): void {
    const kept: [number, number, number, number][] = [];
    for (let i = 0; i < this.hN; i++)
      if (keep(this.hType[i]))
        kept.push([this.hTime[i], this.hSeq[i], this.hSub[i], this.hType[i]]);
    kept.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    this.hTime = [];
    this.hSeq = [];
    this.hSub = [];
    this.hType = [];
    this.hN = 0;
    for (const [t, , sub, type] of kept) this.schedule(t, type, this.subs[sub]);
  }

  // ---------------------------------------------------------------- trace and errors

  record(ev: TraceEvent): void {
    this.traceRing.push(ev);
  }

  traceWindowAdd(s: Sub, key: Key, window: WindowBounds, value: unknown): void {
    this.traceRing.windowAdd(this.now, s.place, key, window, value);
  }

  traceTimer(
    s: Sub,
    action: 'set' | 'fire' | 'delete',
    domain: 'event' | 'processing',
    at: number,
    key: Key,
  ): void {
    if (!this.tracing) return;
    this.record({
      type: 'timer',
      time: this.now,
      node: s.nodeId,
      subtask: s.index,
      key,
      action,
      domain,
      at,
    });
  }

  reportError(s: Sub, message: string, key?: Key, value?: unknown, ts?: number | null): void {
    const full = `node ${s.nodeId} (subtask ${s.index}): ${message}`;
    this.errs.push({ time: this.now, node: s.nodeId, subtask: s.index, message: full });
    // Trimmed now and then rather than on every error: up to twice the limit is held.
    if (this.errs.length >= 2 * this.errorLimit && this.errs.length > 0) {
      const drop = this.errs.length - this.errorLimit;
      this.errs.splice(0, drop);
      this.errsDropped += drop;
    }
    if (this.tracing) {
      this.record({
        type: 'error',
        time: this.now,
        node: s.nodeId,
        subtask: s.index,
        message: full,
      });
      if (key !== undefined) {
        this.record({
          type: 'drop',
          time: this.now,
          node: s.nodeId,
          subtask: s.index,
          key,
          value,
          timestamp: ts ?? null,
          reason: 'error',
          cause: 'error',
        });
      }
    }
  }

  private guard(s: Sub, f: () => void): void {
    try {
      f();
    } catch (e) {
      this.reportError(s, describeThrown(e));
    }
  }
}

/** The subtask whose work runs `s` by direct calls (chaining): the one that blocks for it. */
function chainHead(s: Sub): Sub {
  let h = s;
  while (h.inputs.length === 1 && h.inputs[0].chained) h = h.inputs[0].from;
  return h;
}

/** Channels whose fullness blocks a subtask: its own outputs, and those of its chain. */
function blockersOf(s: Sub): Channel[] {
  const out: Channel[] = [];
  for (const gate of [...s.main, ...s.late]) {
    for (const c of gate.channels) {
      if (c.chained) out.push(...(c.to.blockers ?? (c.to.blockers = blockersOf(c.to))));
      // A blocking (BATCH) exchange keeps everything: no backpressure.
      else if (!c.to.holdsInput) out.push(c);
    }
  }
  return out;
}

function topoOrder(doc: PipelineDocument): PipelineNode[] {
  const indeg = new Map<string, number>(doc.nodes.map((n) => [n.id, 0]));
  for (const e of doc.edges) indeg.set(e.to, (indeg.get(e.to) ?? 0) + 1);
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const ready = doc.nodes.filter((n) => indeg.get(n.id) === 0).map((n) => n.id);
  const out: PipelineNode[] = [];
  while (ready.length > 0) {
    const id = ready.shift()!;
    out.push(byId.get(id)!);
    for (const e of doc.edges) {
      if (e.from !== id) continue;
      const d = indeg.get(e.to)! - 1;
      indeg.set(e.to, d);
      if (d === 0) ready.push(e.to);
    }
  }
  if (out.length !== doc.nodes.length) throw new Error('the pipeline has a cycle');
  return out;
}
