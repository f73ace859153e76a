import type { FormField, VariantOption } from './types';

/** Parameters of the expressions the engine compiles (see src/lib/engine). */
export const RECORD_PARAMS = ['value', 'key', 'timestamp'] as const;

const idleness: FormField = {
  type: 'duration',
  key: 'idleness',
  label: 'Idle after',
  empty: 'never idle',
  help: 'withIdleness: a subtask that gets no events for this long is marked idle, so it stops holding back the watermark downstream (which is the minimum over all inputs). Empty: never idle.',
};

/** A WatermarkStrategy: how event time advances. */
export function watermarkStrategy(key: string): FormField {
  return {
    type: 'variant',
    key,
    label: 'Watermark strategy',
    help: 'A watermark with time t says: no more events with a timestamp at or before t are expected. Event-time windows fire when the watermark passes their end.',
    options: [
      {
        value: 'boundedOutOfOrderness',
        label: 'Bounded out-of-orderness',
        help: 'forBoundedOutOfOrderness: the watermark trails the largest timestamp seen so far by the bound (minus 1 ms).',
        defaults: { type: 'boundedOutOfOrderness', maxOutOfOrderness: 2000, idleness: null },
        fields: [
          {
            type: 'duration',
            key: 'maxOutOfOrderness',
            label: 'Out-of-orderness bound',
            help: 'How much older than the newest event an event may still be and arrive in time. A larger bound makes fewer events late but windows fire later; events older than the bound are late.',
          },
          idleness,
        ],
      },
      {
        value: 'monotonous',
        label: 'Ascending timestamps',
        help: 'forMonotonousTimestamps: timestamps never go down, so the watermark follows the largest timestamp (minus 1 ms). Any out-of-order event is late.',
        defaults: { type: 'monotonous', idleness: null },
        fields: [idleness],
      },
      {
        value: 'none',
        label: 'No watermarks',
        help: 'noWatermarks: event time never advances here, so event-time windows downstream only fire at the end of a bounded input.',
        defaults: { type: 'none' },
        fields: [],
      },
    ],
  };
}

/** Event or processing time, for time windows. */
export const timeDomain: FormField = {
  type: 'select',
  key: 'time',
  label: 'Time',
  options: [
    { value: 'event', label: 'Event time' },
    { value: 'processing', label: 'Processing time' },
  ],
  help: 'Event time groups records by their own timestamps and fires when the watermark passes a window’s end: the result does not depend on delays. Processing time uses the operator’s clock: fast, but results depend on when records arrive.',
};

const aggregateField: FormField = {
  type: 'text',
  key: 'field',
  label: 'Field',
  empty: 'the value itself',
  placeholder: 'the value itself',
  help: 'The field of an object value to aggregate (e.g. `temperature`); empty uses the value itself, which must be a number.',
};

function builtIn(value: string, label: string, help: string): VariantOption {
  return { value, label, help, defaults: { type: value, field: null }, fields: [aggregateField] };
}

/** What a window emits when it fires. */
export const windowFunction: FormField = {
  type: 'variant',
  key: 'function',
  label: 'Window function',
  help: 'What the window computes from its elements each time it fires.',
  options: [
    {
      value: 'count',
      label: 'Count',
      help: 'The number of elements in the window.',
      defaults: { type: 'count' },
      fields: [],
    },
    builtIn('sum', 'Sum', 'The sum of the elements (sum(field) in Flink).'),
    builtIn('min', 'Minimum', 'The smallest element (min(field)).'),
    builtIn('max', 'Maximum', 'The largest element (max(field)).'),
    builtIn('average', 'Average', 'The mean of the elements.'),
    {
      value: 'reduce',
      label: 'Reduce',
      help: 'ReduceFunction: combines two elements into one of the same type, again and again, until one is left.',
      defaults: { type: 'reduce', expression: 'a + b' },
      fields: [
        {
          type: 'code',
          key: 'expression',
          label: 'Reduce expression',
          params: ['a', 'b'],
          help: 'Variables: `a` (the result so far), `b` (the next element). Example: `a + b`, or `({ ...a, n: a.n + b.n })`.',
        },
      ],
    },
    {
      value: 'aggregate',
      label: 'Aggregate',
      help: 'AggregateFunction: an accumulator is created, each element is added to it, and the result is read from it. The default computes an average.',
      defaults: {
        type: 'aggregate',
        create: '({ sum: 0, count: 0 })',
        add: '({ sum: acc.sum + value, count: acc.count + 1 })',
        merge: '({ sum: a.sum + b.sum, count: a.count + b.count })',
        result: 'acc.sum / acc.count',
      },
      fields: [
        {
          type: 'code',
          key: 'create',
          label: 'Create accumulator',
          params: [],
          help: 'createAccumulator(): the empty accumulator, e.g. `0` or `({ sum: 0, count: 0 })`.',
        },
        {
          type: 'code',
          key: 'add',
          label: 'Add',
          params: ['value', 'acc'],
          help: 'add(`value`, `acc`): the accumulator with one more element.',
        },
        {
          type: 'code',
          key: 'result',
          label: 'Result',
          params: ['acc'],
          help: 'getResult(`acc`): what the window emits.',
        },
        {
          type: 'code',
          key: 'merge',
          label: 'Merge',
          params: ['a', 'b'],
          help: 'merge(`a`, `b`): one accumulator from two, used by Flink when session windows merge.',
        },
      ],
    },
    {
      value: 'process',
      label: 'Process',
      help: 'ProcessWindowFunction: sees all the window’s elements at once, with the key and the window.',
      defaults: { type: 'process', expression: '({ key, count: elements.length })' },
      fields: [
        {
          type: 'code',
          key: 'expression',
          label: 'Process expression',
          params: ['elements', 'key', 'window'],
          help: 'Variables: `elements` (an array), `key`, `window` (`{ start, end }` in ms; `null` for count windows).',
        },
      ],
    },
  ],
};

const purging: FormField = {
  type: 'checkbox',
  key: 'purging',
  label: 'Purge after firing',
  help: 'PurgingTrigger: clear the window’s contents after each firing, so the next firing starts from nothing instead of from everything so far.',
};

/** When a window fires. */
export function trigger(defaultHelp: string): FormField {
  return {
    type: 'variant',
    key: 'trigger',
    label: 'Trigger',
    help: 'Decides when a window fires (emits its result) and whether it is then purged.',
    options: [
      {
        value: 'default',
        label: 'Default trigger',
        help: defaultHelp,
        defaults: { type: 'default' },
        fields: [],
      },
      {
        value: 'count',
        label: 'Count trigger',
        help: 'CountTrigger: fires every time the window has received this many more elements.',
        defaults: { type: 'count', count: 3, purging: false },
        fields: [
          { type: 'number', key: 'count', label: 'Elements', unit: 'elements', min: 1, step: 1 },
          purging,
        ],
      },
      {
        value: 'continuousEventTime',
        label: 'Continuous event-time trigger',
        help: 'ContinuousEventTimeTrigger: fires early and repeatedly as the watermark advances by the interval, then at the window’s end.',
        defaults: { type: 'continuousEventTime', interval: 1000, purging: false },
        fields: [{ type: 'duration', key: 'interval', label: 'Interval' }, purging],
      },
      {
        value: 'continuousProcessingTime',
        label: 'Continuous processing-time trigger',
        help: 'ContinuousProcessingTimeTrigger: fires every interval of the operator’s clock.',
        defaults: { type: 'continuousProcessingTime', interval: 1000, purging: false },
        fields: [{ type: 'duration', key: 'interval', label: 'Interval' }, purging],
      },
      {
        value: 'purging',
        label: 'Purging time trigger',
        help: 'PurgingTrigger.of(EventTimeTrigger or ProcessingTimeTrigger): fires at the window’s end and clears it.',
        defaults: { type: 'purging', of: 'eventTime' },
        fields: [
          {
            type: 'select',
            key: 'of',
            label: 'Of',
            options: [
              { value: 'eventTime', label: 'Event-time trigger' },
              { value: 'processingTime', label: 'Processing-time trigger' },
            ],
          },
        ],
      },
    ],
  };
}

const afterFunction: FormField = {
  type: 'checkbox',
  key: 'afterFunction',
  label: 'Evict after the function',
  help: 'Off: elements are removed before the window function sees them (evictBefore). On: after (evictAfter), so only later firings see fewer elements.',
};

export const evictor: FormField = {
  type: 'variant',
  key: 'evictor',
  label: 'Evictor',
  none: 'No evictor',
  help: 'Removes elements from a window when it fires. Windows with an evictor keep every element, which costs memory.',
  options: [
    {
      value: 'count',
      label: 'Count evictor',
      help: 'CountEvictor: keeps only the last N elements.',
      defaults: { type: 'count', count: 2, afterFunction: false },
      fields: [
        { type: 'number', key: 'count', label: 'Keep', unit: 'elements', min: 1, step: 1 },
        afterFunction,
      ],
    },
    {
      value: 'time',
      label: 'Time evictor',
      help: 'TimeEvictor: keeps only elements within this time of the newest element’s timestamp.',
      defaults: { type: 'time', keep: 1000, afterFunction: false },
      fields: [{ type: 'duration', key: 'keep', label: 'Keep' }, afterFunction],
    },
  ],
};

export const allowedLateness: FormField = {
  type: 'duration',
  key: 'allowedLateness',
  label: 'Allowed lateness',
  help: 'Event time only. How long after the watermark passes a window’s end it is kept: a late element within this time fires the window again with the updated result; later ones are dropped or sent to the late side output (the handle at the bottom of the node).',
};

export const nonKeyed: FormField = {
  type: 'checkbox',
  key: 'nonKeyed',
  label: 'Non-keyed (windowAll)',
  help: 'windowAll: one window over all keys instead of one per key. Flink runs it with parallelism 1.',
};

/** Fields every time window has after its size. */
export function timeWindowTail(defaultTrigger: string): FormField[] {
  return [windowFunction, allowedLateness, trigger(defaultTrigger), evictor, nonKeyed];
}

export const DEFAULT_TIME_TRIGGER =
  'EventTimeTrigger or ProcessingTimeTrigger: fires once when the watermark (or the clock) passes the window’s end, and again for each late element within the allowed lateness.';

export const offset: FormField = {
  type: 'duration',
  key: 'offset',
  label: 'Offset',
  signed: true,
  help: 'Shifts where windows start: windows start at offset + n × size (or slide). Used e.g. to align daily windows to a time zone (−8 h for UTC+8). Between −size and size (−slide and slide), as in Flink.',
};

/** A sink's delivery guarantee. */
export const guarantee: FormField = {
  type: 'select',
  key: 'guarantee',
  label: 'Delivery guarantee',
  options: [
    { value: 'at-least-once', label: 'At least once' },
    { value: 'exactly-once', label: 'Exactly once' },
  ],
  help: 'At least once writes every result at once; after a failure and recovery some results may be written twice. Exactly once writes results only when a checkpoint completes (two-phase commit): they appear later, but never twice.',
};

export const PARALLELISM_ONE =
  'This source replays one script in order, so it runs with parallelism 1.';
