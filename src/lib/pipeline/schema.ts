import * as v from 'valibot';
import { Count, Millis, PositiveMillis } from './kinds/common';

export const CURRENT_VERSION = 1;

export const PartitioningSchema = v.picklist(
  ['forward', 'rebalance', 'hash', 'broadcast'],
  'must be forward, rebalance, hash or broadcast',
);
export type Partitioning = v.InferOutput<typeof PartitioningSchema>;

const RestartStrategySchema = v.variant('type', [
  v.object({ type: v.literal('none') }),
  v.object({
    type: v.literal('fixedDelay'),
    attempts: v.optional(Count, 3),
    delay: v.optional(Millis, 1000),
  }),
  v.object({
    type: v.literal('failureRate'),
    maxFailures: v.optional(Count, 3),
    interval: v.optional(PositiveMillis, 60000),
    delay: v.optional(Millis, 1000),
  }),
]);

const BreakpointId = v.pipe(v.string('must be a string'), v.minLength(1, 'must not be empty'));
const Enabled = v.optional(v.boolean('must be true or false'), true);

/**
 * A breakpoint of run mode (see docs/pipeline-format.md, "Breakpoints"): pause when a record
 * reaches a node (optionally with a key, a value expression, or only when it is late), when a
 * window fires, or when a node's watermark reaches a time.
 */
export const BreakpointSchema = v.variant(
  'type',
  [
    v.object({
      id: BreakpointId,
      enabled: Enabled,
      type: v.literal('record'),
      /** Absent: any node. */
      node: v.optional(v.string('must be a node id')),
      /** The record's key, compared as text. */
      key: v.optional(v.string('must be a string')),
      /** A JavaScript expression over value, key, timestamp; the record matches when it is truthy. */
      expression: v.optional(v.string('must be a string')),
      /** Only records behind the node's watermark (timestamp ≤ watermark). */
      late: v.optional(v.boolean('must be true or false'), false),
    }),
    v.object({
      id: BreakpointId,
      enabled: Enabled,
      type: v.literal('window'),
      node: v.string('must be a node id'),
      /** Only the window starting here (absent: any window). */
      start: v.optional(v.number('must be a number')),
      key: v.optional(v.string('must be a string')),
    }),
    v.object({
      id: BreakpointId,
      enabled: Enabled,
      type: v.literal('watermark'),
      node: v.string('must be a node id'),
      time: v.number('must be a number'),
    }),
  ],
  'must be a breakpoint {id, type: record | window | watermark, …}',
);
export type Breakpoint = v.InferOutput<typeof BreakpointSchema>;

export const SettingsSchema = v.object({
  seed: v.optional(v.pipe(v.number(), v.integer('must be a whole number')), 1),
  timeCharacteristic: v.optional(
    v.picklist(['event', 'ingestion', 'processing'], 'must be event, ingestion or processing'),
    'event',
  ),
  /** Periodic watermark emission in ms of processing time (Flink's default 200); 0 emits after every event. */
  autoWatermarkInterval: v.optional(Millis, 200),
  maxParallelism: v.optional(
    v.pipe(
      v.number(),
      v.integer(),
      v.minValue(1, 'must be at least 1'),
      v.maxValue(32768, 'must be at most 32768'),
    ),
    128,
  ),
  runtimeMode: v.optional(
    v.picklist(['STREAMING', 'BATCH'], 'must be STREAMING or BATCH'),
    'STREAMING',
  ),
  /** Channel capacity in records before the sender is backpressured; null is unbounded. */
  bufferCapacity: v.optional(v.nullable(Count), null),
  checkpointing: v.optional(
    v.object({
      enabled: v.optional(v.boolean(), false),
      interval: v.optional(PositiveMillis, 5000),
      mode: v.optional(v.picklist(['EXACTLY_ONCE', 'AT_LEAST_ONCE']), 'EXACTLY_ONCE'),
      timeout: v.optional(PositiveMillis, 600000),
      minPause: v.optional(Millis, 0),
      unaligned: v.optional(v.boolean(), false),
      retained: v.optional(Count, 3),
    }),
    {},
  ),
  restartStrategy: v.optional(RestartStrategySchema, {
    type: 'fixedDelay',
    attempts: 3,
    delay: 1000,
  }),
  /** Failures injected at processing times: subtask `subtask` (default 0) of `node` (default: the first source). */
  failures: v.optional(
    v.array(
      v.object({
        at: Millis,
        node: v.optional(v.string('must be a node id')),
        subtask: v.optional(
          v.pipe(
            v.number(),
            v.integer('must be a whole number'),
            v.minValue(0, 'must be 0 or more'),
          ),
        ),
      }),
      'must be a list of failures {at, node, subtask}',
    ),
    [],
  ),
  /** Random failures of random subtasks, drawn from the run's seed, `meanInterval` ms apart on average. */
  randomFailures: v.optional(v.nullable(v.object({ meanInterval: PositiveMillis })), null),
  /** Run mode's breakpoints (they survive a reload with the document). */
  breakpoints: v.optional(v.array(BreakpointSchema, 'must be a list of breakpoints'), []),
});
export type RunSettings = v.InferOutput<typeof SettingsSchema>;

const NodeId = v.pipe(
  v.string('must be a string'),
  v.regex(/^[A-Za-z][\w-]*$/, 'must start with a letter and contain only letters, digits, _ and -'),
);

/**
 * Flink's per-operator chaining calls: `startNewChain()` (the operator does not chain to its
 * predecessor; later ones may chain to it) and `disableChaining()` (it chains to neither side).
 * Absent means 'default': chain when Flink's rules allow (see engine/chains.ts).
 */
export const ChainingSchema = v.picklist(
  ['default', 'startNewChain', 'disableChaining'],
  'must be default, startNewChain or disableChaining',
);
export type Chaining = v.InferOutput<typeof ChainingSchema>;

/** A node before its config is checked against its kind (that happens in validate.ts). */
export const RawNodeSchema = v.object({
  id: NodeId,
  kind: v.string('must be an operator kind'),
  name: v.optional(v.string(), ''),
  parallelism: v.optional(
    v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(1, 'must be at least 1')),
    1,
  ),
  position: v.optional(v.object({ x: v.number(), y: v.number() }), { x: 0, y: 0 }),
  config: v.optional(v.record(v.string(), v.unknown()), {}),
  /**
   * Processing cost in ms of virtual time per record (absent: 0). A node with a cost serves one
   * record at a time; with settings.bufferCapacity its senders are backpressured.
   */
  costMs: v.optional(Millis),
  /** Chaining of this operator (absent: 'default'); which kinds allow what: chainingChecks.ts. */
  chaining: v.optional(ChainingSchema),
});

export const EdgeSchema = v.object({
  id: v.pipe(v.string(), v.minLength(1, 'must not be empty')),
  from: v.string('must be a node id'),
  to: v.string('must be a node id'),
  /** 'main' output or the window's 'late' side output. */
  fromPort: v.optional(v.picklist(['main', 'late'], 'must be main or late'), 'main'),
  /** Input port of two-input operators ('left'/'right'); 'main' otherwise. */
  toPort: v.optional(v.picklist(['main', 'left', 'right'], 'must be main, left or right'), 'main'),
  partitioning: v.optional(PartitioningSchema, 'forward'),
});
export type PipelineEdge = v.InferOutput<typeof EdgeSchema>;

export const RawDocumentSchema = v.object({
  version: v.literal(CURRENT_VERSION, `must be ${CURRENT_VERSION}`),
  name: v.optional(v.string(), 'Untitled pipeline'),
  description: v.optional(v.string(), ''),
  settings: v.optional(SettingsSchema, {}),
  nodes: v.array(RawNodeSchema, 'must be a list of nodes'),
  edges: v.optional(v.array(EdgeSchema, 'must be a list of edges'), []),
});
