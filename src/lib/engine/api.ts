/**
 * The engine's public contract: what the Worker, the CLI, the tests and the benchmarks use.
 * Everything here is plain data (structured-cloneable), so it can cross a Worker boundary.
 */

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
}

/** An error in user logic (or a record it could not handle), located on its subtask. */
export interface SimulationError {
  time: number;
  node: string;
  subtask: number;
  message: string;
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
    }
  | {
      type: 'window';
      time: number;
      node: string;
      subtask: number;
      key: Key;
      action: 'create' | 'fire' | 'purge' | 'merge';
      start: number;
      end: number;
      value?: unknown;
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
  | { type: 'error'; time: number; node: string; subtask: number; message: string };

/** The watermark status of one subtask, as the run views and explanations need it. */
export interface SubtaskStatus {
  node: string;
  subtask: number;
  /** Current watermark; null when none has arrived yet (never a huge negative number). */
  watermark: number | null;
  /** Watermark per input channel; null where that channel has sent none. */
  inputWatermarks: { from: Place; watermark: number | null; idle: boolean; ended: boolean }[];
  recordsIn: number;
  recordsOut: number;
  /** Records waiting in this subtask's input channels. */
  buffered: number;
  finished: boolean;
}

export interface Simulation {
  /** Current virtual processing time in ms. */
  readonly now: number;
  /** True once every source has ended and every channel is drained. */
  readonly finished: boolean;
  /** Processes one event (one delivery or one timer). Returns false when there is nothing left. */
  step(): boolean;
  /** Processes events up to and including processing time `time`, then sets the clock to it. */
  runUntil(time: number): void;
  /** Runs until finished or `maxEvents` events were processed. Returns the number processed. */
  run(maxEvents?: number): number;
  /** Results per sink node id, in arrival order. */
  sinkRecords(): Map<string, SinkRecord[]>;
  /** The recorded trace (empty when tracing is off) and how many older events were dropped. */
  trace(): { events: TraceEvent[]; dropped: number };
  status(): SubtaskStatus[];
  /** Number of events processed so far. */
  readonly eventCount: number;
  /** Errors thrown by user logic so far (each also an `error` trace event); the run goes on. */
  errors(): SimulationError[];
}
