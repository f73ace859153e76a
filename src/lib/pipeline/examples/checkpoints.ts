import type { Example } from './types';

export const checkpoints: Example = {
  id: 'checkpoints',
  title: 'Checkpoints and recovery',
  summary:
    'Checkpointing is on: every 2 s of processing time the sources inject a barrier; each operator snapshots its state (here the open windows per key) when the barrier passes, and the checkpoint is complete when every subtask has acknowledged. Inject a failure while it runs: the job restarts from the last completed checkpoint and the sources replay from their recorded offsets. The exactly-once sink commits only on completed checkpoints, so it shows no duplicates; the at-least-once sink shows the replayed results twice.',
  concepts: ['checkpoint', 'barrier', 'restart strategy', 'exactly-once', 'at-least-once'],
  json: {
    version: 1,
    name: 'Checkpoints and recovery',
    description:
      'Checkpoint every 2 s, fixed-delay restart; an exactly-once and an at-least-once sink side by side.',
    settings: {
      seed: 9,
      timeCharacteristic: 'event',
      checkpointing: { enabled: true, interval: 2000, mode: 'EXACTLY_ONCE' },
      restartStrategy: { type: 'fixedDelay', attempts: 3, delay: 1000 },
    },
    nodes: [
      {
        id: 'payments',
        kind: 'generator',
        name: 'Payments',
        parallelism: 2,
        position: { x: 0, y: 120 },
        config: {
          rate: 5,
          count: 120,
          keys: { count: 3, prefix: 'account-' },
          values: { min: 1, max: 100 },
          outOfOrderness: { distribution: 'uniform', max: 500 },
          watermarks: { type: 'boundedOutOfOrderness', maxOutOfOrderness: 500 },
        },
      },
      {
        id: 'byAccount',
        kind: 'keyBy',
        name: 'By account',
        parallelism: 2,
        position: { x: 240, y: 120 },
        config: { expression: 'key' },
      },
      {
        id: 'totals',
        kind: 'tumblingWindow',
        name: 'Total per 5 s',
        parallelism: 2,
        position: { x: 480, y: 120 },
        config: { time: 'event', size: 5000, function: { type: 'sum' } },
      },
      {
        id: 'exactlyOnce',
        kind: 'tableSink',
        name: 'Exactly-once sink',
        parallelism: 2,
        position: { x: 720, y: 40 },
        config: { guarantee: 'exactly-once' },
      },
      {
        id: 'atLeastOnce',
        kind: 'tableSink',
        name: 'At-least-once sink',
        parallelism: 2,
        position: { x: 720, y: 200 },
        config: { guarantee: 'at-least-once' },
      },
    ],
    edges: [
      { id: 'e1', from: 'payments', to: 'byAccount' },
      { id: 'e2', from: 'byAccount', to: 'totals', partitioning: 'hash' },
      { id: 'e3', from: 'totals', to: 'exactlyOnce' },
      { id: 'e4', from: 'totals', to: 'atLeastOnce' },
    ],
  },
};
