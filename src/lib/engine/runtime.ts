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
  Key,
  Place,
  Simulation,
  SimulationError,
  SimulationOptions,
  SinkRecord,
  SubtaskStatus,
  TraceEvent,
} from './api';
import type { PipelineDocument, PipelineNode } from '../pipeline/types';
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
import { TraceRing } from './trace';
import { WatermarkGenerator, type WatermarkOutput } from './watermarks';

const K_RECORD = 0;
const K_WM = 1;
const K_IDLE = 2;
const K_ACTIVE = 3;
const K_END = 4;

const E_PROCESS = 0;
const E_SOURCE = 1;
const E_PERIODIC = 2;
const E_PTIMER = 3;

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
  constructor(
    readonly from: Sub,
    readonly to: Sub,
    readonly port: string,
    readonly chained: boolean,
  ) {}
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
  /** timer.time, kept here so that heap comparisons read one object. */
  time: number;
  seq: number;
  id: string;
}

/** A min-heap of timers by (time, registration order) with deduplication and deletion. */
class TimerHeap {
  private heap: TimerEntry[] = [];
  private live = new Map<string, TimerEntry>();
  private seq = 0;

  static id(time: number, key: Key, ns: string): string {
    return `${time}\u0000${typeof key}\u0000${String(key)}\u0000${ns}`;
  }

  get size(): number {
    return this.live.size;
  }

  add(timer: Timer): boolean {
    const id = TimerHeap.id(timer.time, timer.key, timer.namespace);
    if (this.live.has(id)) return false;
    const e = { timer, time: timer.time, seq: this.seq++, id };
    this.live.set(id, e);
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!TimerHeap.less(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
    return true;
  }

  delete(time: number, key: Key, ns: string): boolean {
    return this.live.delete(TimerHeap.id(time, key, ns));
  }

  clear(): void {
    this.heap = [];
    this.live.clear();
  }

  private static less(a: TimerEntry, b: TimerEntry): boolean {
    return a.time < b.time || (a.time === b.time && a.seq < b.seq);
  }

  /** Removes and returns the earliest live timer with time <= limit, or null. */
  pollUpTo(limit: number): Timer | null {
    const h = this.heap;
    while (h.length > 0) {
      const top = h[0];
      if (this.live.get(top.id) !== top) {
        this.popTop();
        continue;
      }
      if (top.time > limit) return null;
      this.popTop();
      this.live.delete(top.id);
      return top.timer;
    }
    return null;
  }

  private popTop(): void {
    const h = this.heap;
    const last = h.pop()!;
    if (h.length === 0) return;
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && TimerHeap.less(h[l], h[m])) m = l;
      if (r < h.length && TimerHeap.less(h[r], h[m])) m = r;
      if (m === i) return;
      [h[i], h[m]] = [h[m], h[i]];
      i = m;
    }
  }

  pending(): Timer[] {
    return [...this.live.values()].map((e) => e.timer);
  }
}

class Sub {
  readonly id: number;
  readonly nodeId: string;
  /** Where this subtask is, as trace events name it (one object, shared by its trace events). */
  readonly place: Place;
  op: Operator | null = null;
  source: SourceReader | null = null;
  wmgen: WatermarkGenerator | null = null;
  period: number | null = null;
  readonly inputs: Channel[] = [];
  readonly main: Gate[] = [];
  readonly late: Gate[] = [];
  blockers: Channel[] | null = null;
  // The input queue (structure of arrays, head index).
  qChan: Channel[] = [];
  qKind: number[] = [];
  qKey: Key[] = [];
  qVal: unknown[] = [];
  qTs: (number | null)[] = [];
  qHead = 0;
  /**
   * End of the queue. The arrays are not truncated when the queue empties (it empties after
   * nearly every element when sender and receiver alternate): slots are overwritten instead, so
   * no array is shrunk and regrown per record.
   */
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
  recordsIn = 0;
  recordsOut = 0;
  readonly rec: StreamRecord = { key: null, value: undefined, timestamp: null };
  readonly eventTimers = new TimerHeap();
  readonly procTimers = new TimerHeap();
  ctx!: Ctx;
  emitter: SourceEmitter | null = null;
  wmOut: WatermarkOutput | null = null;

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
  emit(key: Key, value: unknown, timestamp: number | null): void {
    this.sim.emitRecord(this.s, this.s.main, key, value, timestamp, false);
  }
  sideOutput(_tag: 'late', key: Key, value: unknown, timestamp: number | null): void {
    this.sim.emitRecord(this.s, this.s.late, key, value, timestamp, true);
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
  private readonly traceRing: TraceRing;
  private readonly subs: Sub[] = [];
  private readonly sinks = new Map<string, SinkRecord[]>();
  private readonly errs: SimulationError[] = [];
  private readonly capacity: number | null;
  private readonly maxParallelism: number;
  private endedCount = 0;
  private readonly sinkLimit: number;
  // Event heap: parallel arrays.
  private hTime: number[] = [];
  private hSeq: number[] = [];
  private hSub: number[] = [];
  private hType: number[] = [];
  /** Events in the heap. The arrays are never shrunk (popping one event per step would). */
  private hN = 0;
  private seq = 0;

  constructor(doc: PipelineDocument, opts: SimulationOptions = {}) {
    this.tracing = opts.trace ?? false;
    this.traceRing = new TraceRing(Math.max(1, opts.traceLimit ?? 100_000));
    this.capacity = doc.settings.bufferCapacity;
    this.maxParallelism = doc.settings.maxParallelism;
    const settings = doc.settings;
    const seed = opts.seed ?? settings.seed;
    const streams = new RandomStreams(seed);
    const partitionRng = streams.stream();
    const chaining = opts.chaining ?? true;

    // Nodes in topological order (the document is acyclic after validation).
    const order = topoOrder(doc);
    const subsOf = new Map<string, Sub[]>();
    const incoming = new Map<string, number>();
    for (const e of doc.edges) incoming.set(e.to, (incoming.get(e.to) ?? 0) + 1);
    const costOf = (n: PipelineNode): number => {
      const c = opts.costs?.[n.id] ?? n.costMs;
      return typeof c === 'number' && c > 0 ? c : 0;
    };

    const sinkLimit = opts.sinkLimit ?? Number.POSITIVE_INFINITY;
    this.sinkLimit = sinkLimit;
    const setup = (node: PipelineNode): OperatorSetup => ({
      settings,
      sinkLimit,
      maxParallelism: this.maxParallelism,
      compile: (expression, field) => compileExpression(expression, node.id, field),
      sinkOutput: (nodeId) => {
        let list = this.sinks.get(nodeId);
        if (!list) this.sinks.set(nodeId, (list = []));
        return list;
      },
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
      if (node.kind.endsWith('Sink')) setup(node).sinkOutput(node.id);
      for (let i = 0; i < node.parallelism; i++) {
        const s = new Sub(this.subs.length, node, i, node.parallelism, costOf(node));
        s.ctx = new Ctx(this, s);
        if (perSubtask) s.op = perSubtask(i);
        this.subs.push(s);
        list.push(s);
      }
      subsOf.set(node.id, list);
    }

    // Sources: readers and watermark generators, one random stream per source subtask.
    for (const node of order) {
      if (!SOURCE_KINDS.has(node.kind)) continue;
      const spec = SOURCES[node.kind](node, settings);
      for (const s of subsOf.get(node.id)!) {
        const rng: Random = streams.stream();
        s.source = spec.reader(s.index, s.parallelism, rng);
        const tc = settings.timeCharacteristic;
        const strategy =
          tc === 'ingestion'
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
      const toNode = receivers[0].node;
      const part =
        e.partitioning === 'forward'
          ? P_FORWARD
          : e.partitioning === 'rebalance'
            ? P_REBALANCE
            : e.partitioning === 'hash'
              ? P_HASH
              : P_BROADCAST;
      const chained =
        chaining &&
        part === P_FORWARD &&
        (incoming.get(e.to) ?? 0) === 1 &&
        costOf(toNode) === 0 &&
        senders.length === receivers.length;
      for (const s of senders) {
        let channels: Channel[];
        if (part === P_FORWARD) {
          const r = receivers[s.index % receivers.length];
          channels = [new Channel(s, r, e.toPort, chained)];
        } else {
          channels = receivers.map((r) => new Channel(s, r, e.toPort, false));
        }
        for (const c of channels) c.to.inputs.push(c);
        // Rebalance starts at a seeded position, as Flink's RebalancePartitioner starts at a
        // random one: the first record goes to (start + 1) % n.
        const rrStart = part === P_REBALANCE ? partitionRng.int(0, receivers.length - 1) : 0;
        const gate = new Gate(part, channels, chained, rrStart);
        (e.fromPort === 'late' ? s.late : s.main).push(gate);
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
  }

  // ---------------------------------------------------------------- public API

  get finished(): boolean {
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
    }
    return true;
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

  errors(): SimulationError[] {
    return this.errs.slice();
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
      })),
      recordsIn: s.recordsIn,
      recordsOut: s.recordsOut,
      buffered: s.inputs.reduce((a, c) => a + c.buffered, 0),
      finished: s.ended,
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
    if (i === ht.length) {
      ht.push(time);
      hq.push(seq);
      hs.push(s.id);
      hy.push(type);
    }
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
    const h = s.qHead;
    const ch = s.qChan[h];
    const kind = s.qKind[h];
    const key = s.qKey[h];
    const val = s.qVal[h];
    const ts = s.qTs[h];
    s.qVal[h] = undefined;
    s.qKey[h] = null;
    s.qHead = h + 1;
    if (s.qHead === s.qTail) {
      s.qHead = 0;
      s.qTail = 0;
    } else if (s.qHead > 4096 && s.qHead * 2 > s.qTail) {
      const t = s.qTail;
      s.qChan = s.qChan.slice(s.qHead, t);
      s.qKind = s.qKind.slice(s.qHead, t);
      s.qKey = s.qKey.slice(s.qHead, t);
      s.qVal = s.qVal.slice(s.qHead, t);
      s.qTs = s.qTs.slice(s.qHead, t);
      s.qTail = t - s.qHead;
      s.qHead = 0;
    }
    if (kind === K_RECORD) {
      ch.buffered--;
      const from = ch.from;
      if (from.blocked && this.capacity !== null && ch.buffered < this.capacity) this.wake(from);
    }
    this.processElement(s, ch, kind, key, val, ts);
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
    while ((t = s.procTimers.pollUpTo(this.now)) !== null) {
      this.traceTimer(s, 'fire', 'processing', t.time, t.key);
      // guard() inlined: no closure per timer.
      if (op.onTimer) {
        try {
          op.onTimer(t, s.ctx);
        } catch (e) {
          this.reportError(s, describeThrown(e));
        }
      }
    }
  }

  private sourceEmitter(s: Sub, tc: 'event' | 'ingestion' | 'processing'): SourceEmitter {
    return {
      record: (key, value, timestamp) => {
        if (s.outIdle) this.setOutIdle(s, false);
        const ts = tc === 'event' ? timestamp : tc === 'ingestion' ? this.now : null;
        this.emitRecord(s, s.main, key, value, ts, false);
        if (s.wmgen !== null && ts !== null) s.wmgen.onEvent(ts, s.wmOut!);
      },
      watermark: (wm) => this.emitWatermarkOut(s, wm),
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
  ): void {
    s.recordsOut++;
    if (this.tracing) this.traceRing.flow(this.now, s.place, null, key, value, ts, late);
    for (let g = 0; g < gates.length; g++) {
      const gate = gates[g];
      const chs = gate.channels;
      switch (gate.partitioning) {
        case P_FORWARD:
          if (gate.chained) this.processElement(chs[0].to, chs[0], K_RECORD, key, value, ts);
          else this.enqueue(chs[0], K_RECORD, key, value, ts);
          break;
        case P_REBALANCE: {
          let rr = gate.rr + 1;
          if (rr >= chs.length) rr = 0;
          gate.rr = rr;
          this.enqueue(chs[rr], K_RECORD, key, value, ts);
          break;
        }
        case P_HASH:
          this.enqueue(
            chs[subtaskForKey(key, this.maxParallelism, chs.length)],
            K_RECORD,
            key,
            value,
            ts,
          );
          break;
        default:
          for (let i = 0; i < chs.length; i++) this.enqueue(chs[i], K_RECORD, key, value, ts);
      }
    }
  }

  /** Sends a control element (watermark, status, end) on every output channel. */
  private broadcast(s: Sub, kind: number, wm: number): void {
    for (const gates of [s.main, s.late]) {
      for (const gate of gates) {
        for (const c of gate.channels) {
          if (c.chained) this.processElement(c.to, c, kind, null, undefined, wm);
          else this.enqueue(c, kind, null, undefined, wm);
        }
      }
    }
  }

  private enqueue(ch: Channel, kind: number, key: Key, val: unknown, ts: number | null): void {
    const t = ch.to;
    const i = t.qTail++;
    if (i === t.qKind.length) {
      t.qChan.push(ch);
      t.qKind.push(kind);
      t.qKey.push(key);
      t.qVal.push(val);
      t.qTs.push(ts);
    } else {
      t.qChan[i] = ch;
      t.qKind[i] = kind;
      t.qKey[i] = key;
      t.qVal[i] = val;
      t.qTs[i] = ts;
    }
    if (kind === K_RECORD) ch.buffered++;
    if (!t.scheduled && !t.blocked) this.scheduleProcess(t);
  }

  private processElement(
    s: Sub,
    ch: Channel,
    kind: number,
    key: Key,
    val: unknown,
    ts: number | null,
  ): void {
    if (kind === K_RECORD) {
      s.recordsIn++;
      if (this.tracing) this.traceRing.flow(this.now, s.place, ch.from.place, key, val, ts, false);
      const r = s.rec;
      r.key = key;
      r.value = val;
      r.timestamp = ts;
      try {
        s.op!.processRecord(ch.port, r, s.ctx);
      } catch (e) {
        this.reportError(s, `${describeThrown(e)}; record dropped`, key, val, ts);
      }
      return;
    }
    if (kind === K_WM) this.valveWatermark(s, ch, ts!);
    else if (kind === K_IDLE) this.valveIdle(s, ch);
    else if (kind === K_ACTIVE) this.valveActive(s, ch);
    else if (kind === K_END) {
      if (ch.ended) return;
      ch.ended = true;
      s.inputsEnded++;
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
    while ((t = s.eventTimers.pollUpTo(wm)) !== null) {
      this.traceTimer(s, 'fire', 'event', t.time, t.key);
      // guard() inlined: no closure per timer.
      if (op.onTimer) {
        try {
          op.onTimer(t, s.ctx);
        } catch (e) {
          this.reportError(s, describeThrown(e));
        }
      }
    }
    if (op.onWatermark) this.guard(s, () => op.onWatermark!(wm, s.ctx));
    if (op.forwardsWatermarks !== false) this.emitWatermarkOut(s, wm);
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
  }

  // ---------------------------------------------------------------- trace and errors

  record(ev: TraceEvent): void {
    this.traceRing.push(ev);
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

/** Channels whose fullness blocks a subtask: its own outputs, and those of its chain. */
function blockersOf(s: Sub): Channel[] {
  const out: Channel[] = [];
  for (const gate of [...s.main, ...s.late]) {
    for (const c of gate.channels) {
      if (c.chained) out.push(...(c.to.blockers ?? (c.to.blockers = blockersOf(c.to))));
      else out.push(c);
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
