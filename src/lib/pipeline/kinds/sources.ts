import * as v from 'valibot';
import {
  Count,
  Millis,
  PositiveMillis,
  Share,
  WatermarkStrategySchema,
  type KindInfo,
} from './common';

const defaultWatermarks = {
  type: 'boundedOutOfOrderness' as const,
  maxOutOfOrderness: 2000,
  idleness: null,
};

export const generatorSource = {
  kind: 'generator' as const,
  label: 'Generator source',
  group: 'source',
  description:
    'Produces synthetic events at a rate, with keys, values and out-of-order timestamps.',
  inputs: 0,
  output: true,
  lateOutput: false,
  config: v.object({
    /** Events per second of processing time, per source subtask. */
    rate: v.optional(
      v.pipe(v.number(), v.minValue(0.001, 'must be more than 0 events per second')),
      10,
    ),
    /** Total events over all subtasks; null means unbounded. */
    count: v.optional(
      v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0, 'must be 0 or more'))),
      100,
    ),
    keys: v.optional(
      v.object({
        count: v.optional(Count, 3),
        distribution: v.optional(
          v.picklist(['uniform', 'zipf'], 'must be uniform or zipf'),
          'uniform',
        ),
        prefix: v.optional(v.string(), 'key-'),
      }),
      {},
    ),
    values: v.optional(
      v.object({
        distribution: v.optional(
          v.picklist(['uniform', 'normal', 'constant'], 'must be uniform, normal or constant'),
          'uniform',
        ),
        min: v.optional(v.number(), 1),
        max: v.optional(v.number(), 10),
        integer: v.optional(v.boolean(), true),
      }),
      {},
    ),
    /** Event time = processing time − delay, delay drawn from this distribution. */
    outOfOrderness: v.optional(
      v.object({
        distribution: v.optional(
          v.picklist(['none', 'uniform', 'exponential'], 'must be none, uniform or exponential'),
          'uniform',
        ),
        max: v.optional(Millis, 1000),
      }),
      {},
    ),
    /** A share of events delayed far beyond the out-of-orderness bound, so they arrive late. */
    late: v.optional(v.object({ share: v.optional(Share, 0), by: v.optional(Millis, 5000) }), {}),
    /**
     * Processing-time periods in which this source emits nothing: every subtask, or only
     * subtask `subtask` (one source partition goes quiet).
     */
    idle: v.optional(
      v.array(
        v.object({
          from: Millis,
          to: Millis,
          subtask: v.optional(
            v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0, 'must be 0 or more'))),
            null,
          ),
        }),
      ),
      [],
    ),
    /**
     * Source partitions (like a Kafka topic's); null: one per subtask. Subtasks beyond the
     * number of partitions read nothing, as Flink source readers without a split.
     */
    partitions: v.optional(
      v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1, 'must be 1 or more'))),
      null,
    ),
    /** Processing time (ms) at which the input ends (a bounded input); null: it does not. */
    endAt: v.optional(v.nullable(Millis), null),
    watermarks: v.optional(WatermarkStrategySchema, defaultWatermarks),
  }),
} satisfies KindInfo;

const TimelineStep = v.variant('type', [
  v.object({
    type: v.literal('record'),
    key: v.optional(v.nullable(v.string()), null),
    value: v.unknown(),
    timestamp: Millis,
  }),
  v.object({ type: v.literal('watermark'), timestamp: Millis }),
  v.object({ type: v.literal('advance'), by: PositiveMillis }),
  v.object({ type: v.literal('end') }),
]);
export type TimelineStep = v.InferOutput<typeof TimelineStep>;

export const timelineSource = {
  kind: 'timeline' as const,
  label: 'Timeline source',
  group: 'source',
  description:
    'A scripted stream, like Beam\u2019s TestStream: exact events, watermarks and clock advances.',
  inputs: 0,
  output: true,
  lateOutput: false,
  config: v.object({
    steps: v.optional(v.array(TimelineStep), []),
    /** Scripted sources emit the watermarks written in the script; none are generated. */
  }),
} satisfies KindInfo;

export const fileSource = {
  kind: 'file' as const,
  label: 'File source',
  group: 'source',
  description: 'Replays uploaded CSV or JSON-lines data, with event time from a chosen field.',
  inputs: 0,
  output: true,
  lateOutput: false,
  config: v.object({
    format: v.optional(v.picklist(['csv', 'jsonl'], 'must be csv or jsonl'), 'csv'),
    fileName: v.optional(v.string(), ''),
    content: v.optional(v.string(), ''),
    timestampField: v.optional(v.string(), 'timestamp'),
    keyField: v.optional(v.nullable(v.string()), null),
    rate: v.optional(
      v.pipe(v.number(), v.minValue(0.001, 'must be more than 0 events per second')),
      10,
    ),
    watermarks: v.optional(WatermarkStrategySchema, defaultWatermarks),
  }),
} satisfies KindInfo;
