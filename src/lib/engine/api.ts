/**
 * The engine's public contract: what the Worker, the CLI, the tests and the benchmarks use.
 * Everything here is plain data (structured-cloneable), so it can cross a Worker boundary.
 */

import type { CheckpointStore } from './checkpoints/store';
import type { SavepointData } from './checkpoints/savepoint';

export type {
  SavepointData,
  SavepointNode,
  SavepointMapping,
  UnmappedState,
  UnmappedReason,
} from './checkpoints/savepoint';

/** A key as the engine carries it; null on non-keyed streams. */
export type Key = string | number | null;

export interface SimulationOptions {
  /** Overrides the document's settings.seed. */
  seed?: number;
  /** Record a trace of every event (slower). Default false. */
  trace?: boolean;
  /** Most trace events kept in memory; older ones are dropped and counted. Default 100 000. */
  traceLimit?: number;
  /**
   * Processing cost in ms of virtual time per record, by node id; overrides the node's `costMs`
   * field in the document (default: that field, else 0). A node with a cost
   * serves one record at a time, so its input buffers fill up (and, with bufferCapacity, its
   * senders are backpressured).
   */
  costs?: Record<string, number>;
  /**
   * Operator chaining as Flink does it (default true): a forward edge into a node with a single
   * input and no cost hands records over by a direct call instead of a buffered channel, at the
   * same processing time. The trace still shows the emit and the receive of every record.
   */
  chaining?: boolean;
  /**
   * Most records kept per sink (the latest ones); older ones are dropped from sinkRecords().
   * Default: all. 0 keeps none (status() still counts them): for benchmarks and long runs.
   */
  sinkLimit?: number;
  /**
   * Most errors kept in memory (the latest); errorCount() still counts every one. Default: all.
   * The Worker keeps 1000: a function that throws for every record of an endless source would
   * otherwise fill the memory.
   */
  errorLimit?: number;
  /**
   * Where completed checkpoints are kept (default: a new memory store). The Worker passes one it
   * mirrors into IndexedDB; a run can resume from a checkpoint already in it (`restoreFrom`).
   */
  checkpointStore?: CheckpointStore;
  /** Start by restoring this stored checkpoint (or the latest when 'latest') instead of from scratch. */
  restoreFrom?: number | 'latest';
  /** More scheduled failures, besides the document's settings.failures (the CLI's --fail-at). */
  failures?: ScheduledFailure[];
  /** Overrides settings.checkpointing.interval (and enables checkpointing). */
  checkpointInterval?: number;
  /**
   * The run may be asked for savepoints (takeSavepoint): operators that keep state in closures
   * log their calls even without checkpointing (checkpoints/replayLog.ts).
   */
  savepoints?: boolean;
  /**
   * Start from a savepoint (taken from this or an earlier version of the document): state is
   * matched by node id. Throws a SavepointMismatchError listing the state that cannot be mapped,
   * unless `allowNonRestoredState` (then that state is skipped, as Flink's flag does).
   */
  fromSavepoint?: { savepoint: SavepointData; id?: number; allowNonRestoredState?: boolean };
}

/** A failure of one subtask at a processing time (settings.failures, SimulationOptions.failures). */
export interface ScheduledFailure {
  at: number;
  /** Node id; default: the first source. */
  node?: string;
  subtask?: number;
}

/** An error in user logic (or a record it could not handle), located on its subtask. */
export interface SimulationError {
  time: number;
  node: string;
  subtask: number;
  message: string;
}

/** A time window's bounds: [start, end), as Flink's TimeWindow; its maxTimestamp is end − 1. */
export interface WindowBounds {
  start: number;
  end: number;
}

/**
 * When a window fired, relative to its end (Beam's PaneInfo timing, in Flink's terms):
 * - 'early': before the window's end: by a timer before end − 1 (a continuous trigger), or by an
 *   element while the watermark (event time) is before end − 1 (a count trigger), or by any
 *   element of a processing-time window;
 * - 'on-time': by the timer at end − 1 (the watermark, or for processing time the clock, reached it);
 * - 'late': by an element that arrived after the watermark had passed end − 1, within the
 *   allowed lateness: the trigger fires again with the updated result (event time only).
 */
export type Firing = 'early' | 'on-time' | 'late';

/** What a window operator attaches to each result it fires (carried to the sink, see SinkRecord). */
export interface PaneInfo {
  window: WindowBounds;
  firing: Firing;
}

/** One result that reached a sink. */
export interface SinkRecord {
  sink: string;
  subtask: number;
  key: Key;
  value: unknown;
  /** Event timestamp; null when the stream carries none (processing time). */
  timestamp: number | null;
  /** Processing time at which the sink received it. */
  processingTime: number;
  /**
   * The window this result was fired from, when the sink is fed by a time window directly or
   * through record-preserving operators (filter, union, keyBy); absent otherwise, and for global
   * and count windows (a GlobalWindow has no bounds). A map or any operator that makes a new
   * record drops it: as in Flink, only the timestamp travels with a new record.
   */
  window?: WindowBounds | null;
  /** Early, on-time or late firing of `window`; present exactly when `window` is. */
  firing?: Firing | null;
  /**
   * At-least-once sinks after a recovery: this record duplicates one the sink had already written
   * before the failure (its input was replayed from the restored checkpoint).
   */
  replayed?: boolean;
}

/** Where in the physical graph something happened. */
export interface Place {
  node: string;
  subtask: number;
}

/** The typed trace. Times are virtual processing time in ms. */
export type TraceEvent =
  | {
      type: 'emit';
      time: number;
      node: string;
      subtask: number;
      key: Key;
      value: unknown;
      timestamp: number | null;
      late?: boolean;
      /** A source re-emits this record after a recovery (it had emitted it before the failure). */
      replayed?: boolean;
      /** The source record this one derives from (set by the fate tracker, see fates.ts). */
      record?: number;
    }
  | {
      type: 'receive';
      time: number;
      node: string;
      subtask: number;
      from: Place;
      key: Key;
      value: unknown;
      timestamp: number | null;
      /** The source record this one derives from (set by the fate tracker, see fates.ts). */
      record?: number;
    }
  | { type: 'watermark'; time: number; node: string; subtask: number; watermark: number }
  | { type: 'idle'; time: number; node: string; subtask: number; idle: boolean }
  | { type: 'end'; time: number; node: string; subtask: number }
  | {
      type: 'sink';
      time: number;
      node: string;
      subtask: number;
      key: Key;
      value: unknown;
      timestamp: number | null;
      /** Set when the record is a window result (see SinkRecord.window). */
      window?: WindowBounds;
      firing?: Firing;
      /** A duplicate of a record written before the failure (at-least-once). */
      replayed?: boolean;
      /** Exactly-once: written into an open transaction, visible only once committed. */
      pending?: boolean;
    }
  | {
      type: 'drop';
      time: number;
      node: string;
      subtask: number;
      key: Key;
      value: unknown;
      timestamp: number | null;
      reason: string;
      /** Why, as data: behind the watermark, rejected by a filter, or its user function threw. */
      cause?: 'late' | 'filtered' | 'error';
      /** cause late: the operator's watermark at that moment. */
      watermark?: number;
      /** cause late, window operators: the (first) window the record belonged to. */
      window?: WindowBounds;
      /** cause late, window operators: the window's allowed lateness in ms. */
      allowedLateness?: number;
    }
  | {
      type: 'window';
      time: number;
      node: string;
      subtask: number;
      key: Key;
      /**
       * create: the first element of a window (for a key) arrived; add: an element was added
       * (value = the element); fire: the trigger fired (value = the result, with `firing`);
       * purge: a purging trigger cleared the contents; evict: an evictor removed elements
       * (value = how many); merge: session windows merged into [start, end); cleanup: the
       * window's state was dropped at its cleanup time (end − 1 + allowed lateness).
       */
      action: 'create' | 'add' | 'fire' | 'purge' | 'evict' | 'merge' | 'cleanup';
      start: number;
      end: number;
      value?: unknown;
      firing?: Firing;
    }
  | {
      type: 'timer';
      time: number;
      node: string;
      subtask: number;
      key: Key;
      action: 'set' | 'fire' | 'delete';
      domain: 'event' | 'processing';
      at: number;
    }
  | {
      /** Keyed state of a process function read or written (ValueState, ListState, MapState). */
      type: 'state';
      time: number;
      node: string;
      subtask: number;
      key: Key;
      action: 'read' | 'write' | 'clear';
      /** The state's name, as the user's code names it. */
      state: string;
      stateType: 'value' | 'list' | 'map';
      /** The method called, e.g. 'update', 'add', 'put', 'get'. */
      method: string;
      /** The value read or written (for a MapState, the entry's value; absent for clear). */
      value?: unknown;
      /** The MapState entry's key, for get/put/remove/contains. */
      mapKey?: unknown;
    }
  | { type: 'error'; time: number; node: string; subtask: number; message: string }
  /** A checkpoint barrier leaves a source, reaches a subtask, or all of a subtask's inputs delivered it. */
  | {
      type: 'barrier';
      time: number;
      node: string;
      subtask: number;
      checkpoint: number;
      action: 'emit' | 'receive' | 'aligned';
      /** receive: the channel it came on. */
      from?: Place;
      /** aligned: ms from the first barrier to the last (time spent blocked or collecting). */
      alignment?: number;
      /** aligned, unaligned mode: in-flight elements stored in the snapshot. */
      inFlight?: number;
    }
  /**
   * The coordinator's view of a checkpoint (node '' and subtask -1: job-level), a subtask's
   * acknowledgement (ack), or a sink's commit of a checkpoint's transaction (commit).
   */
  | {
      type: 'checkpoint';
      time: number;
      node: string;
      subtask: number;
      checkpoint: number;
      action: 'trigger' | 'ack' | 'complete' | 'abort' | 'commit';
      /** ack, complete: bytes of state; commit: records made visible. */
      size?: number;
      reason?: string;
    }
  /** A subtask failed; the job restarts at `restartAt`, or fails for good when it is null. */
  | {
      type: 'failure';
      time: number;
      node: string;
      subtask: number;
      message: string;
      restartAt: number | null;
    }
  /** The job restarted from a checkpoint (null: from the beginning). Job-level: node '', subtask -1. */
  | {
      type: 'restore';
      time: number;
      node: string;
      subtask: number;
      checkpoint: number | null;
      /** The run started from this savepoint (checkpoint is then null). */
      savepoint?: number;
      message: string;
    };

/** Flink's job status, as far as the lab models it. */
export type JobStatus = 'RUNNING' | 'RESTARTING' | 'FAILED' | 'FINISHED';

/** One checkpoint as Flink's dashboard lists it. */
export interface CheckpointStats {
  id: number;
  status: 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';
  triggerTime: number;
  /** Processing time of the latest acknowledgement. */
  latestAck: number | null;
  /** Completion (or abort) time minus trigger time; null while in progress. */
  duration: number | null;
  /** Bytes of state acknowledged so far. */
  size: number;
  acknowledged: number;
  total: number;
  /** Longest barrier alignment of any subtask, in ms. */
  alignment: number;
  subtasks: {
    node: string;
    subtask: number;
    ackTime: number;
    size: number;
    alignment: number;
    inFlight: number;
  }[];
  /** The last checkpoint, taken when every input had ended, so that sinks commit the rest. */
  final?: boolean;
  failure?: string;
}

/** Checkpoints, failures and restarts of a run. */
export interface FaultToleranceStatus {
  job: JobStatus;
  checkpointing: boolean;
  /** The most recent checkpoints, oldest first (in progress, completed and failed). */
  checkpoints: CheckpointStats[];
  completed: number;
  failedCheckpoints: number;
  restarts: number;
  failures: { time: number; node: string; subtask: number; message: string }[];
  restores: { time: number; checkpoint: number | null; savepoint?: number; message: string }[];
  /** Records the sources emitted again after restores (they had emitted them before a failure). */
  replayed: number;
  /** Processing time of the last replayed record, or null when none was replayed. */
  lastReplay: number | null;
  /** When RESTARTING: the processing time of the restart. */
  restartAt: number | null;
  /** Why the job FAILED. */
  failureCause: string | null;
}

/** The watermark status of one subtask, as the run views and explanations need it. */
export interface SubtaskStatus {
  node: string;
  subtask: number;
  /** Current watermark; null when none has arrived yet (never a huge negative number). */
  watermark: number | null;
  /** Watermark per input channel; null where that channel has sent none. */
  inputWatermarks: {
    from: Place;
    watermark: number | null;
    idle: boolean;
    ended: boolean;
    /**
     * Counts towards the minimum (Flink's StatusWatermarkValve): false while idle, and after
     * becoming active again until its watermark catches up with the subtask's.
     */
    aligned?: boolean;
    /** The document edge and the input port (`left`/`right` of a join) of this channel. */
    edge?: string;
    port?: string;
  }[];
  recordsIn: number;
  recordsOut: number;
  /** Records waiting in this subtask's input channels. */
  buffered: number;
  finished: boolean;
  /** running, failing (this subtask failed; the job restarts), restarting, failed (the job failed). */
  state?: 'running' | 'failing' | 'restarting' | 'failed' | 'finished';
  /** Backpressured: waiting because a channel it writes to is full (settings.bufferCapacity). */
  blocked?: boolean;
}

/** One source subtask (a source partition's reader), for explanations and provoke controls. */
export interface SourceStatus {
  node: string;
  subtask: number;
  /** Records emitted so far. */
  records: number;
  /** Processing time of the last record emitted; null before the first. */
  lastRecordAt: number | null;
  /** Processing time of its next scheduled record (or end); null when nothing is scheduled. */
  nextAt: number | null;
  ended: boolean;
  /** Marked idle downstream (its watermark strategy's idleness). */
  idle: boolean;
  /** It generates watermarks (a strategy other than none, or ingestion time). */
  watermarks: boolean;
}

/** One channel of the physical graph: sender subtask → receiver subtask, for one edge. */
export interface ChannelStatus {
  /** The document edge this channel belongs to. */
  edge: string;
  from: Place;
  to: Place;
  /** Records sent on this channel so far. */
  records: number;
  /** Records sent but not yet taken by the receiver. */
  buffered: number;
  /** Chained (a direct call, no buffer), as Flink chains forward edges. */
  chained: boolean;
  /**
   * BATCH: a blocking exchange (Flink's BLOCKING result partition): the receiver starts once
   * every sender has ended, and the channel never backpressures. Absent otherwise.
   */
  blocking?: true;
}

/** The state of one subtask, for the state inspector. Plain data. */
export interface SubtaskState {
  node: string;
  subtask: number;
  /** The subtask's input watermark; null before any. */
  watermark: number | null;
  /** What the operator's `inspect()` returns (null when it has none). */
  state: unknown;
  /** Registered timers, earliest first. */
  timers: { domain: 'event' | 'processing'; time: number; key: Key; namespace: string }[];
}

/**
 * An in-memory image of a whole run (engine/runImage.ts) for seek points: restoring it into a
 * run of the same document and options puts that run back to this moment. Opaque.
 */
export interface RunImage {
  readonly eventCount: number;
  readonly now: number;
}

export interface Simulation {
  /** Current virtual processing time in ms. */
  readonly now: number;
  /** True once every source has ended and every channel is drained. */
  readonly finished: boolean;
  /** Processes one event (one delivery or one timer). Returns false when there is nothing left. */
  step(): boolean;
  /** Processing time of the next event to process; null when there is none. */
  nextEventTime(): number | null;
  /** Processes events up to and including processing time `time`, then sets the clock to it. */
  runUntil(time: number): void;
  /** Runs until finished or `maxEvents` events were processed. Returns the number processed. */
  run(maxEvents?: number): number;
  /** Results per sink node id, in arrival order. */
  sinkRecords(): Map<string, SinkRecord[]>;
  /** The recorded trace (empty when tracing is off) and how many older events were dropped. */
  trace(): { events: TraceEvent[]; dropped: number };
  /** How many trace events were ever recorded (kept + dropped); cheap. */
  traceTotal(): number;
  /** The kept trace events from absolute index `from` on (at most `limit`, the newest); cheap. */
  traceSince(from: number, limit?: number): TraceEvent[];
  status(): SubtaskStatus[];
  /** Every channel between subtasks, with its counts (the physical graph). */
  channels(): ChannelStatus[];
  /** Every source subtask: records, last and next record time, idle, ended. */
  sources(): SourceStatus[];
  /** The state of each subtask of `node` (operator state, timers). */
  inspect(node: string): SubtaskState[];
  /** Number of events processed so far. */
  readonly eventCount: number;
  /**
   * Errors thrown by user logic so far, the latest `errorLimit` of them (each also an `error` trace
   * event); the run goes on.
   */
  errors(): SimulationError[];
  /** How many errors so far, and the latest `n` of them (cheap: what a view shows each frame). */
  errorCount(): number;
  lastErrors(n: number): SimulationError[];
  /** Checkpoints, failures, restarts and the job status. */
  faultTolerance(): FaultToleranceStatus;
  /** Fails subtask `subtask` (default 0) of `node` now; the restart strategy decides what follows. */
  injectFailure(node: string, subtask?: number): void;
  /** Exactly-once sinks: records written but not committed yet, per sink node. */
  pendingSinkRecords(): Map<string, SinkRecord[]>;
  /**
   * Per sink node, how many records are visible in the external system so far (also those
   * sinkRecords() no longer keeps): written at-least-once records, replayed duplicates included,
   * and committed exactly-once transactions; never records of an open or aborted transaction.
   */
  sinkTotals(): Map<string, number>;
  /**
   * Takes a savepoint now, between two events (see checkpoints/savepoint.ts). Throws a
   * SavepointRefusedError when the job is not running or runs in BATCH mode.
   */
  takeSavepoint(): SavepointData;
  /** An image of the whole run, for seek points; `traceKeep` caps the trace events it holds. */
  captureImage(traceKeep?: number): RunImage;
  /** Puts the run back to an image taken from a run of the same document and options. */
  restoreImage(image: RunImage): void;
}
