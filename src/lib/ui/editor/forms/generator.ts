import { watermarkStrategy } from './shared';
import type { KindForm } from './types';

export const generatorForm: KindForm = {
  kind: 'generator',
  fields: [
    {
      type: 'number',
      key: 'rate',
      label: 'Rate',
      unit: 'events/s',
      min: 0.001,
      step: 'any',
      help: 'Events per second of processing time, per parallel subtask of this source.',
    },
    {
      type: 'number',
      key: 'count',
      label: 'Events',
      unit: 'events',
      min: 0,
      step: 1,
      empty: 'unbounded',
      help: 'How many events in total, over all subtasks. Empty: an unbounded stream that runs until you stop it.',
    },
    {
      type: 'group',
      key: 'keys',
      label: 'Keys',
      fields: [
        { type: 'number', key: 'count', label: 'Number of keys', min: 1, step: 1 },
        {
          type: 'select',
          key: 'distribution',
          label: 'Key distribution',
          options: [
            { value: 'uniform', label: 'Uniform' },
            { value: 'zipf', label: 'Zipf (a few hot keys)' },
          ],
          help: 'Uniform: every key is equally likely. Zipf: the first keys get most events, which shows data skew: one subtask gets far more work than others.',
        },
        {
          type: 'text',
          key: 'prefix',
          label: 'Key prefix',
          help: 'Keys are the prefix and a number: key-1, key-2, …',
        },
      ],
    },
    {
      type: 'group',
      key: 'values',
      label: 'Values',
      fields: [
        {
          type: 'select',
          key: 'distribution',
          label: 'Value distribution',
          options: [
            { value: 'uniform', label: 'Uniform between min and max' },
            { value: 'normal', label: 'Normal around the middle' },
            { value: 'constant', label: 'Constant (always min)' },
          ],
        },
        { type: 'number', key: 'min', label: 'Minimum' },
        { type: 'number', key: 'max', label: 'Maximum' },
        { type: 'checkbox', key: 'integer', label: 'Whole numbers only' },
      ],
    },
    {
      type: 'group',
      key: 'outOfOrderness',
      label: 'Out-of-order timestamps',
      help: 'Each event’s timestamp is the moment it is emitted minus a random delay, so events arrive out of event-time order, as from phones that were offline.',
      fields: [
        {
          type: 'select',
          key: 'distribution',
          label: 'Delay distribution',
          options: [
            { value: 'none', label: 'None (in order)' },
            { value: 'uniform', label: 'Uniform up to the maximum' },
            { value: 'exponential', label: 'Exponential (mostly small)' },
          ],
        },
        { type: 'duration', key: 'max', label: 'Maximum delay' },
      ],
    },
    {
      type: 'group',
      key: 'late',
      label: 'Late events',
      help: 'A share of events delayed far beyond the out-of-orderness, so they arrive after the watermark: late data for allowed lateness and the late side output.',
      fields: [
        {
          type: 'number',
          key: 'share',
          label: 'Share of events',
          min: 0,
          max: 1,
          step: 0.01,
          help: 'Between 0 and 1: 0.05 makes one event in twenty late.',
        },
        { type: 'duration', key: 'by', label: 'Delayed by' },
      ],
    },
    {
      type: 'list',
      key: 'idle',
      label: 'Idle periods',
      itemLabel: 'Idle period',
      help: 'Stretches of processing time in which this source emits nothing: without an idleness timeout its watermark stops, and so do event-time windows downstream.',
      item: [
        { type: 'duration', key: 'from', label: 'From' },
        { type: 'duration', key: 'to', label: 'To' },
        {
          type: 'number',
          key: 'subtask',
          label: 'Only subtask',
          min: 0,
          step: 1,
          empty: 'every subtask',
          help: 'Make one source partition go quiet while the others go on: without idleness it holds back the watermark of everything downstream.',
        },
      ],
      newItem: (items) => {
        const last = items.at(-1) as { to?: number } | undefined;
        const from = (last?.to ?? 0) + 5000;
        return { from, to: from + 5000, subtask: null };
      },
    },
    {
      type: 'number',
      key: 'partitions',
      label: 'Partitions',
      min: 1,
      step: 1,
      empty: 'one per subtask',
      help: 'How many partitions the source has, like a Kafka topic. With a higher parallelism, the extra subtasks have nothing to read and send no watermark.',
    },
    {
      type: 'duration',
      key: 'endAt',
      label: 'End input at',
      empty: 'never',
      help: 'Processing time at which the input ends: its end sends the maximum watermark, which fires every event-time window still open.',
    },
    watermarkStrategy('watermarks'),
  ],
};
