import * as v from 'valibot';
import type { KindInfo } from './common';

const sinkConfig = v.object({
  /** Exactly-once sinks commit on completed checkpoints (two-phase commit); at-least-once ones write at once. */
  guarantee: v.optional(
    v.picklist(['at-least-once', 'exactly-once'], 'must be at-least-once or exactly-once'),
    'at-least-once',
  ),
});

const sinkNode = {
  group: 'sink',
  inputs: 1,
  output: false,
  lateOutput: false,
  config: sinkConfig,
} as const;

export const tableSink = {
  ...sinkNode,
  kind: 'tableSink' as const,
  label: 'Table sink',
  description: 'Collects results into a table you can read: key, value, timestamp, subtask.',
} satisfies KindInfo;

export const logSink = {
  ...sinkNode,
  kind: 'logSink' as const,
  label: 'Log sink',
  description: 'Prints each result as a line, like print() in a Flink job.',
} satisfies KindInfo;

export const chartSink = {
  ...sinkNode,
  kind: 'chartSink' as const,
  label: 'Chart sink',
  description: 'Plots results over event time, one line per key.',
} satisfies KindInfo;
