import type { FormField } from './types';

/**
 * The run settings of the whole pipeline, shown by the inspector when no node is selected.
 * Checkpointing and failures are set where they are watched: the Checkpoints tab of the run.
 */
export const SETTINGS_FIELDS: readonly FormField[] = [
  {
    type: 'select',
    key: 'timeCharacteristic',
    label: 'Time characteristic',
    options: [
      { value: 'event', label: 'Event time' },
      { value: 'ingestion', label: 'Ingestion time' },
      { value: 'processing', label: 'Processing time' },
    ],
    help: 'Event time: each record’s own timestamp, with watermarks; results do not depend on delays. Ingestion time: the time a source read the record, with automatic watermarks. Processing time: the clock of the operator that handles the record.',
  },
  {
    type: 'select',
    key: 'runtimeMode',
    label: 'Runtime mode',
    options: [
      { value: 'STREAMING', label: 'Streaming' },
      { value: 'BATCH', label: 'Batch' },
    ],
    help: 'Streaming: results as the data arrives, driven by watermarks, with checkpoints. Batch (Flink’s execution.runtime-mode BATCH): only bounded sources; the job runs in stages, as every exchange that is not chained is blocking: an operator starts once all of its input has ended; no watermarks, so every window fires once at the end of the input; no checkpoints, and a failure replays the input from the start.',
  },
  {
    type: 'duration',
    key: 'autoWatermarkInterval',
    label: 'Watermark interval',
    help: 'How often, in processing time, sources and Watermarks nodes emit a watermark (Flink’s pipeline.auto-watermark-interval, 200 ms by default). 0: after every event.',
  },
  {
    type: 'number',
    key: 'maxParallelism',
    label: 'Max parallelism (key groups)',
    min: 1,
    max: 32768,
    step: 1,
    help: 'keyBy hashes each key into one of this many key groups, and each parallel subtask owns a contiguous range of key groups, with their state. No operator can have more subtasks than key groups. In Flink it is fixed once a job has state: changing it breaks savepoints.',
  },
  {
    type: 'number',
    key: 'bufferCapacity',
    label: 'Channel buffer',
    unit: 'records',
    min: 1,
    step: 1,
    empty: 'unbounded',
    help: 'How many records a channel between two subtasks holds before the sender waits: small buffers make backpressure visible. Empty: unbounded.',
  },
  {
    type: 'number',
    key: 'seed',
    label: 'Random seed',
    step: 1,
    help: 'Seeds every random choice of a run (generated events, failures): the same pipeline and seed give the same run, event for event.',
  },
];
