import * as v from 'valibot';
import { Count, Expression, Millis, PositiveMillis, SignedMillis, type KindInfo } from './common';

/** What a window emits when it fires. */
export const WindowFunctionSchema = v.variant('type', [
  v.object({ type: v.literal('count') }),
  v.object({
    type: v.picklist(['sum', 'min', 'max', 'average']),
    field: v.optional(v.nullable(v.string()), null),
  }),
  v.object({ type: v.literal('reduce'), expression: Expression }),
  v.object({
    type: v.literal('aggregate'),
    create: Expression,
    add: Expression,
    merge: Expression,
    result: Expression,
  }),
  v.object({ type: v.literal('process'), expression: Expression }),
]);
export type WindowFunction = v.InferOutput<typeof WindowFunctionSchema>;

export const TriggerSchema = v.variant('type', [
  v.object({ type: v.literal('default') }),
  v.object({ type: v.literal('count'), count: Count, purging: v.optional(v.boolean(), false) }),
  v.object({
    type: v.literal('continuousEventTime'),
    interval: PositiveMillis,
    purging: v.optional(v.boolean(), false),
  }),
  v.object({
    type: v.literal('continuousProcessingTime'),
    interval: PositiveMillis,
    purging: v.optional(v.boolean(), false),
  }),
  v.object({ type: v.literal('purging'), of: v.picklist(['eventTime', 'processingTime']) }),
]);
export type Trigger = v.InferOutput<typeof TriggerSchema>;

export const EvictorSchema = v.nullable(
  v.variant('type', [
    v.object({
      type: v.literal('count'),
      count: Count,
      afterFunction: v.optional(v.boolean(), false),
    }),
    v.object({
      type: v.literal('time'),
      keep: PositiveMillis,
      afterFunction: v.optional(v.boolean(), false),
    }),
  ]),
);

const TimeDomain = v.optional(
  v.picklist(['event', 'processing'], 'must be event or processing'),
  'event',
);

const common = {
  function: v.optional(WindowFunctionSchema, { type: 'count' }),
  trigger: v.optional(TriggerSchema, { type: 'default' }),
  evictor: v.optional(EvictorSchema, null),
  allowedLateness: v.optional(Millis, 0),
  /** windowAll: a non-keyed window, which Flink runs with parallelism 1. */
  nonKeyed: v.optional(v.boolean(), false),
};

const windowNode = {
  group: 'window',
  inputs: 1,
  output: true,
  lateOutput: true,
} as const;

export const tumblingWindow = {
  ...windowNode,
  kind: 'tumblingWindow' as const,
  label: 'Tumbling window',
  description: 'Fixed-size, non-overlapping windows: each element belongs to exactly one.',
  config: v.object({
    time: TimeDomain,
    size: v.optional(PositiveMillis, 5000),
    offset: v.optional(SignedMillis, 0),
    ...common,
  }),
} satisfies KindInfo;

export const slidingWindow = {
  ...windowNode,
  kind: 'slidingWindow' as const,
  label: 'Sliding window',
  description: 'Fixed-size windows that start every slide: an element can belong to several.',
  config: v.object({
    time: TimeDomain,
    size: v.optional(PositiveMillis, 10000),
    slide: v.optional(PositiveMillis, 5000),
    offset: v.optional(SignedMillis, 0),
    ...common,
  }),
} satisfies KindInfo;

export const sessionWindow = {
  ...windowNode,
  kind: 'sessionWindow' as const,
  label: 'Session window',
  description: 'Windows of activity per key, closed by a gap with no elements; they merge.',
  config: v.object({ time: TimeDomain, gap: v.optional(PositiveMillis, 3000), ...common }),
} satisfies KindInfo;

export const globalWindow = {
  ...windowNode,
  kind: 'globalWindow' as const,
  label: 'Global window',
  description: 'One window per key that never ends: it fires only by a custom trigger.',
  config: v.object({
    ...common,
    trigger: v.optional(TriggerSchema, { type: 'count', count: 3, purging: true }),
  }),
} satisfies KindInfo;

export const countWindow = {
  ...windowNode,
  lateOutput: false,
  kind: 'countWindow' as const,
  label: 'Count window',
  description: 'Fires every N elements of a key (countWindow(size) or countWindow(size, slide)).',
  config: v.object({
    size: v.optional(Count, 3),
    slide: v.optional(v.nullable(Count), null),
    function: common.function,
    nonKeyed: common.nonKeyed,
    // A count window is Flink's countWindow: a global window with a count trigger. Time fields
    // make no sense on it; they are refused rather than silently dropped.
    time: v.optional(
      v.never(
        'a count window counts elements and has no time; use a tumbling, sliding or session window for time',
      ),
    ),
    trigger: v.optional(
      v.never(
        'a count window fires by its own count trigger (countWindow(size) is a global window with a purging count trigger); for another trigger use a global window',
      ),
    ),
    evictor: v.optional(
      v.never(
        'countWindow(size, slide) keeps the last size elements itself (a count evictor); for another evictor use a global window',
      ),
    ),
    allowedLateness: v.optional(
      v.never(
        'a count window has no end in time, so nothing is late; allowed lateness applies to event-time windows',
      ),
    ),
  }),
} satisfies KindInfo;
