import * as v from 'valibot';
import { Expression, WatermarkStrategySchema, type KindInfo } from './common';

export const mapKind = {
  kind: 'map' as const,
  label: 'Map',
  group: 'transformation',
  description: 'Turns each record into exactly one new record.',
  inputs: 1,
  output: true,
  lateOutput: false,
  config: v.object({ expression: v.optional(Expression, 'value') }),
} satisfies KindInfo;

export const filterKind = {
  kind: 'filter' as const,
  label: 'Filter',
  group: 'transformation',
  description: 'Keeps only the records for which a condition is true.',
  inputs: 1,
  output: true,
  lateOutput: false,
  config: v.object({ expression: v.optional(Expression, 'true') }),
} satisfies KindInfo;

export const flatMapKind = {
  kind: 'flatMap' as const,
  label: 'FlatMap',
  group: 'transformation',
  description:
    'Turns each record into zero, one or many records (the expression returns an array).',
  inputs: 1,
  output: true,
  lateOutput: false,
  config: v.object({ expression: v.optional(Expression, '[value]') }),
} satisfies KindInfo;

export const keyByKind = {
  kind: 'keyBy' as const,
  label: 'KeyBy',
  group: 'transformation',
  description:
    'Partitions the stream by key: every record of a key goes to the same parallel subtask.',
  inputs: 1,
  output: true,
  lateOutput: false,
  config: v.object({ expression: v.optional(Expression, 'key') }),
} satisfies KindInfo;

export const unionKind = {
  kind: 'union' as const,
  label: 'Union',
  group: 'transformation',
  description:
    'Merges several streams of the same type; its watermark is the minimum of its inputs.',
  inputs: 'many',
  output: true,
  lateOutput: false,
  config: v.object({}),
} satisfies KindInfo;

export const watermarksKind = {
  kind: 'watermarks' as const,
  label: 'Watermarks',
  group: 'transformation',
  description: 'Assigns event timestamps and generates watermarks (assignTimestampsAndWatermarks).',
  inputs: 1,
  output: true,
  lateOutput: false,
  config: v.object({
    /** Expression giving the event timestamp in ms; `timestamp` is the record's current one. */
    timestamp: v.optional(Expression, 'timestamp'),
    strategy: v.optional(WatermarkStrategySchema, {
      type: 'boundedOutOfOrderness',
      maxOutOfOrderness: 2000,
      idleness: null,
    }),
  }),
} satisfies KindInfo;
