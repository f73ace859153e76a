import * as v from 'valibot';

/** A duration or instant in milliseconds of virtual time. */
export const Millis = v.pipe(
  v.number('must be a number of milliseconds'),
  v.integer('must be a whole number of milliseconds'),
  v.minValue(0, 'must be 0 ms or more'),
);
/** A signed duration, e.g. a window offset of −8 h to align days to a time zone. */
export const SignedMillis = v.pipe(
  v.number('must be a number of milliseconds'),
  v.integer('must be a whole number of milliseconds'),
);
export const PositiveMillis = v.pipe(
  v.number('must be a number of milliseconds'),
  v.integer('must be a whole number of milliseconds'),
  v.minValue(1, 'must be at least 1 ms'),
);
export const Count = v.pipe(
  v.number('must be a number'),
  v.integer('must be a whole number'),
  v.minValue(1, 'must be at least 1'),
);
export const Share = v.pipe(
  v.number('must be a number'),
  v.minValue(0, 'must be between 0 and 1'),
  v.maxValue(1, 'must be between 0 and 1'),
);

/**
 * User logic is a JavaScript expression over `value` (and, where it applies, `key`, `timestamp`).
 * It is compiled once per run by the engine.
 */
export const Expression = v.pipe(
  v.string('must be a JavaScript expression'),
  v.minLength(1, 'must not be empty'),
);

/** How a source or a Watermarks node generates watermarks, as Flink's WatermarkStrategy. */
export const WatermarkStrategySchema = v.variant('type', [
  v.object({ type: v.literal('none') }),
  v.object({
    type: v.literal('monotonous'),
    idleness: v.optional(v.nullable(PositiveMillis), null),
  }),
  v.object({
    type: v.literal('boundedOutOfOrderness'),
    maxOutOfOrderness: Millis,
    idleness: v.optional(v.nullable(PositiveMillis), null),
  }),
]);
export type WatermarkStrategy = v.InferOutput<typeof WatermarkStrategySchema>;

/** Where a kind sits in the palette. */
export type KindGroup = 'source' | 'transformation' | 'window' | 'sink';

/** The metadata every operator kind registers: one place per kind. */
export interface KindInfo<S extends v.GenericSchema = v.GenericSchema> {
  kind: string;
  /** The name people see in the palette (Flink's own words). */
  label: string;
  group: KindGroup;
  /** One line explaining the Flink concept. */
  description: string;
  /** Number of input ports: 0 for sources, 2 for joins, 'many' for union. */
  inputs: 0 | 1 | 2 | 'many';
  /** Whether the node has a main output (sinks have none). */
  output: boolean;
  /** Whether the node has a side output for late data. */
  lateOutput: boolean;
  config: S;
}
