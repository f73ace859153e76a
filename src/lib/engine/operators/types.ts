/**
 * The operator interface: what one operator kind implements so that the runtime can run it as
 * parallel subtasks. One kind lives in one file (operators/<kind>.ts, windows/<kind>.ts) and is
 * registered in operators/index.ts.
 *
 * Life cycle (mirrors Flink's AbstractStreamOperator / KeyedProcessOperator):
 * - `factory(node, setup)` is called ONCE per node per run (compile expressions here), and the
 *   function it returns is called once per subtask to create that subtask's `Operator` (its state).
 * - `processRecord(port, record, ctx)` for every record that reaches the subtask.
 * - When the subtask's combined input watermark advances to `wm` (min over non-idle, non-ended
 *   input channels), the runtime first sets `ctx.currentWatermark = wm`, then fires every
 *   event-time timer with `time <= wm` in (time, registration) order via `onTimer`, then calls
 *   `onWatermark(wm, ctx)`, and then forwards `wm` to all outputs (unless `forwardsWatermarks`
 *   is false). This is Flink's order: timers fire before the watermark goes downstream.
 * - Processing-time timers fire through `onTimer` when the virtual clock reaches their time.
 * - `onEnd(ctx)` once all inputs have ended (after the MAX watermark was processed); after it the
 *   runtime sends end-of-input downstream.
 */
import type { Key, PaneInfo, SinkRecord, TraceEvent, WindowBounds } from '../api';
import type { PipelineNode, RunSettings } from '../../pipeline/types';
import type { SinkLedger } from '../checkpoints/ledger';

/**
 * A record as an operator sees it. The runtime may pass the SAME object for successive records
 * (it is a scratch object): read its fields during the call, copy them if you keep them, and
 * never keep the object itself.
 */
export interface StreamRecord {
  key: Key;
  value: unknown;
  /** Event timestamp in ms; null when the stream has none (processing time). */
  timestamp: number | null;
  /**
   * Set on a window's results: the window and the kind of firing. Record-preserving operators
   * (filter, union, keyBy) pass it on with `emit(..., r.pane)`; others emit new records without.
   */
  pane: PaneInfo | null;
}

export type TimeDomain = 'event' | 'processing';

/** A timer, as Flink's InternalTimer: (time, key, namespace). Equal triples are one timer. */
export interface Timer {
  domain: TimeDomain;
  time: number;
  key: Key;
  /** Free-form namespace, e.g. a window's `${start}:${end}`; '' when unused. */
  namespace: string;
}

/** Per-subtask timer service (Flink's TimerService / InternalTimerService). */
export interface TimerService {
  /** Registers an event-time timer; it fires when the watermark reaches `time` (wm >= time). */
  registerEventTimeTimer(time: number, key: Key, namespace?: string): void;
  deleteEventTimeTimer(time: number, key: Key, namespace?: string): void;
  /** Registers a processing-time timer; it fires when the clock reaches `time`. */
  registerProcessingTimeTimer(time: number, key: Key, namespace?: string): void;
  deleteProcessingTimeTimer(time: number, key: Key, namespace?: string): void;
}

/** What the runtime gives an operator on every call. One context object per subtask. */
export interface OperatorContext {
  readonly nodeId: string;
  readonly subtask: number;
  readonly parallelism: number;
  /** Current virtual processing time in ms. */
  readonly now: number;
  /**
   * The subtask's current watermark (event time), MIN_WATERMARK (see ../time.ts) before any.
   * During `onTimer`/`onWatermark` for an advance it is already the new watermark.
   */
  readonly currentWatermark: number;
  readonly timers: TimerService;
  /** Sends a record to every main output channel; `pane` only for window results (see StreamRecord). */
  emit(key: Key, value: unknown, timestamp: number | null, pane?: PaneInfo | null): void;
  /** Sends a record to the side output `tag` ('late' for windows' late data). */
  sideOutput(tag: 'late', key: Key, value: unknown, timestamp: number | null): void;
  /**
   * Emits a watermark downstream. Only for operators with `forwardsWatermarks: false` (the
   * timestamp/watermark assigner); the runtime ignores values that do not advance.
   */
  emitWatermark(watermark: number): void;
  /** Marks this subtask idle / active downstream (WatermarkStatus), for watermark generators. */
  emitIdle(idle: boolean): void;
  /** True when tracing is on. Check it BEFORE building a trace event (no allocation when off). */
  readonly tracing: boolean;
  /** Records a trace event (no-op when tracing is off). */
  trace(event: TraceEvent): void;
  /**
   * Records the window `add` event trace({ type: 'window', action: 'add', ... }) would, without
   * building it first (one per element and window: kept as columns, see ../trace.ts).
   */
  traceWindowAdd?(key: Key, window: WindowBounds, value: unknown): void;
  /** Reports an error in user logic: an `error` trace event and an entry in `errors()`. */
  error(message: string): void;
}

export interface Operator {
  /** Called once before the first element, at processing time 0 (register initial timers here). */
  open?(ctx: OperatorContext): void;
  /** `port` is the edge's toPort: 'main' (union: all inputs), or 'left'/'right'. */
  processRecord(port: string, record: StreamRecord, ctx: OperatorContext): void;
  /** Called after event-time timers <= watermark fired, before the watermark is forwarded. */
  onWatermark?(watermark: number, ctx: OperatorContext): void;
  onTimer?(timer: Timer, ctx: OperatorContext): void;
  /** All inputs ended; flush anything left. */
  onEnd?(ctx: OperatorContext): void;
  /**
   * Chaining with trace off (runtime chainEmit): a stateless one-in, one-out operator's
   * per-record logic as data, so that the runtime runs it in the hand-over itself. It must be
   * exactly what processRecord does when not tracing: map emits (key, fn(value, key, timestamp),
   * timestamp) without a pane; filter emits the record unchanged (with its pane) when fn is
   * truthy; count (a sink that keeps nothing) only calls `count`.
   */
  readonly fuse?:
    { type: 'map' | 'filter'; fn: CompiledExpression } | { type: 'count'; count: () => void };
  /** False for operators that generate their own watermarks (default true). */
  readonly forwardsWatermarks?: boolean;
  /** Optional plain-data view of the state, for the state inspector. */
  inspect?(): unknown;
  /**
   * Checkpoints (engine/checkpoints/). The operator's state at checkpoint barrier
   * `checkpointId`, as plain data (Maps, Sets, arrays, typed arrays and plain objects are fine),
   * and its restore into a fresh operator (instead of open()). Needed by operators that keep
   * state in closure variables; without them the runtime captures the operator object's own
   * data fields (functions skipped) and writes them back. Timers are the runtime's: never include them.
   */
  snapshot?(checkpointId: number): unknown;
  restore?(state: never): void;
  /** Checkpoint `checkpointId` completed (Flink's notifyCheckpointComplete): sinks commit here. */
  notifyCheckpointComplete?(checkpointId: number, ctx: OperatorContext): void;
}

/** A compiled user expression over (value, key, timestamp). Throws what the expression throws. */
export type CompiledExpression = (value: unknown, key: Key, timestamp: number | null) => unknown;

/** What a factory gets besides its node: run-wide settings and helpers. */
export interface OperatorSetup {
  settings: RunSettings;
  maxParallelism: number;
  /** Compiles a user expression once; throws an Error naming the node and field if it does not parse. */
  compile(expression: string, field: string): CompiledExpression;
  /** The list a sink node appends its results to (sinks only). */
  sinkOutput(nodeId: string): SinkRecord[];
  /** The external system behind a sink node: written and committed records, replay marks. */
  sinkLedger(nodeId: string): SinkLedger;
  /** Most records a sink keeps (SimulationOptions.sinkLimit; Infinity by default). */
  sinkLimit: number;
}

/** One operator kind's engine implementation. */
export type OperatorFactory = (
  node: PipelineNode,
  setup: OperatorSetup,
) => (subtask: number) => Operator;
