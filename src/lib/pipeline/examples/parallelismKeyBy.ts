import type { Example } from './types';

export const parallelismKeyBy: Example = {
  id: 'parallelism-keyby',
  title: 'Parallelism and keyBy',
  summary:
    'Each operator runs as several parallel subtasks. The source has parallelism 2 and the window 3; keyBy hashes every key to a key group and so to one window subtask. In the table, each key always shows the same subtask (here two keys on each): all records of a key meet in one place, which is what makes per-key state possible.',
  concepts: ['parallelism', 'keyBy', 'hash partitioning', 'key groups'],
  json: {
    version: 1,
    name: 'Parallelism and keyBy',
    description: 'Generator (×2) → KeyBy → Tumbling window count (×3) → Table sink (×3).',
    settings: { seed: 11, timeCharacteristic: 'event' },
    nodes: [
      {
        id: 'events',
        kind: 'generator',
        name: 'Events',
        parallelism: 2,
        position: { x: 0, y: 80 },
        config: {
          rate: 5,
          count: 80,
          keys: { count: 6, prefix: 'key-' },
          values: { min: 1, max: 5 },
          outOfOrderness: { distribution: 'uniform', max: 500 },
          watermarks: { type: 'boundedOutOfOrderness', maxOutOfOrderness: 500 },
        },
      },
      {
        id: 'byKey',
        kind: 'keyBy',
        name: 'By key',
        parallelism: 2,
        position: { x: 240, y: 80 },
        config: { expression: 'key' },
      },
      {
        id: 'counts',
        kind: 'tumblingWindow',
        name: 'Count per 5 s',
        parallelism: 3,
        position: { x: 480, y: 80 },
        config: { time: 'event', size: 5000, function: { type: 'count' } },
      },
      {
        id: 'results',
        kind: 'tableSink',
        name: 'Results',
        parallelism: 3,
        position: { x: 720, y: 80 },
      },
    ],
    edges: [
      { id: 'e1', from: 'events', to: 'byKey' },
      { id: 'e2', from: 'byKey', to: 'counts', partitioning: 'hash' },
      { id: 'e3', from: 'counts', to: 'results' },
    ],
  },
};
