import type { DurationField } from './types';

/**
 * The node's own `costMs` (not part of its config): a simulated per-record processing time that
 * makes a slow operator, so that buffers and backpressure can be seen. Shown for every kind.
 */
export const costField: DurationField = {
  type: 'duration',
  key: 'costMs',
  label: 'Processing cost',
  empty: 'no cost',
  help: 'Simulates a slow operator: each record takes this much processing time, one at a time per subtask. When records come faster than that, they wait in the input buffers (the “buf” badge); once a buffer is full (Channel buffer in the pipeline settings) the sender waits too: backpressure (“blocked”), back to the source. Not a Flink setting; the export leaves it out.',
};
