import type { KindForm } from './types';

export const processFunctionForm: KindForm = {
  kind: 'processFunction',
  fields: [
    {
      type: 'code',
      key: 'processElement',
      label: 'processElement(value, ctx, state, out)',
      params: ['value', 'ctx', 'state', 'out'],
      statements: true,
      help: 'Runs for every element, with the element’s key as the current key. `ctx.timestamp()`, `ctx.getCurrentKey()`, `ctx.currentWatermark()`, `ctx.timerService().registerEventTimeTimer(t)` (fires when the watermark reaches t) or `registerProcessingTimeTimer(t)`, and their `delete…` twins. Keyed state: `state.value(name)` (value/update/clear), `state.list(name)` (get/add/update/clear), `state.map(name)` (get/put/remove/contains/keys/entries/clear). `out.collect(x)` emits x with the element’s timestamp.',
    },
    {
      type: 'code',
      key: 'onTimer',
      label: 'onTimer(timestamp, ctx, state, out)',
      params: ['timestamp', 'ctx', 'state', 'out'],
      statements: true,
      help: 'Runs when a timer of a key fires, with that key as the current key and its state. `ctx.timeDomain()` is EVENT_TIME or PROCESSING_TIME. `out.collect(x)` emits x with the timer’s timestamp (none for a processing-time timer).',
    },
  ],
  parallelism:
    'Each subtask holds the state and timers of the keys hashed to its key groups, as in Flink.',
};
