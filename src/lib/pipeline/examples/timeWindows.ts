import type { Example } from './types';

export const timeWindows: Example = {
  id: 'time-windows',
  title: 'Tumbling vs sliding vs session windows',
  summary:
    'One keyed stream feeds three windows. Tumbling windows (5 s) split time into fixed slices; sliding windows (10 s, every 5 s) overlap, so each record is counted twice; session windows close after 3 s without a record of that key. The source pauses twice, so the sessions end there. Compare the three tables.',
  concepts: ['tumbling window', 'sliding window', 'session window'],
  json: {
    version: 1,
    name: 'Tumbling vs sliding vs session',
    description: 'One keyed stream, counted by three window assigners side by side.',
    settings: { seed: 5, timeCharacteristic: 'event' },
    nodes: [
      {
        id: 'clicks',
        kind: 'generator',
        name: 'Clicks',
        position: { x: 0, y: 200 },
        config: {
          rate: 2,
          count: 50,
          keys: { count: 2, prefix: 'user-' },
          values: { distribution: 'constant', min: 1, max: 1 },
          outOfOrderness: { distribution: 'none' },
          watermarks: { type: 'monotonous' },
          idle: [
            { from: 8000, to: 14000 },
            { from: 22000, to: 30000 },
          ],
        },
      },
      {
        id: 'byUser',
        kind: 'keyBy',
        name: 'By user',
        position: { x: 240, y: 200 },
        config: { expression: 'key' },
      },
      {
        id: 'tumbling',
        kind: 'tumblingWindow',
        name: 'Tumbling 5 s',
        position: { x: 480, y: 40 },
        config: { time: 'event', size: 5000, function: { type: 'count' } },
      },
      {
        id: 'sliding',
        kind: 'slidingWindow',
        name: 'Sliding 10 s / 5 s',
        position: { x: 480, y: 200 },
        config: { time: 'event', size: 10000, slide: 5000, function: { type: 'count' } },
      },
      {
        id: 'session',
        kind: 'sessionWindow',
        name: 'Session, gap 3 s',
        position: { x: 480, y: 360 },
        config: { time: 'event', gap: 3000, function: { type: 'count' } },
      },
      { id: 'tumblingOut', kind: 'tableSink', name: 'Tumbling', position: { x: 720, y: 40 } },
      { id: 'slidingOut', kind: 'tableSink', name: 'Sliding', position: { x: 720, y: 200 } },
      { id: 'sessionOut', kind: 'tableSink', name: 'Sessions', position: { x: 720, y: 360 } },
    ],
    edges: [
      { id: 'e1', from: 'clicks', to: 'byUser' },
      { id: 'e2', from: 'byUser', to: 'tumbling', partitioning: 'hash' },
      { id: 'e3', from: 'byUser', to: 'sliding', partitioning: 'hash' },
      { id: 'e4', from: 'byUser', to: 'session', partitioning: 'hash' },
      { id: 'e5', from: 'tumbling', to: 'tumblingOut' },
      { id: 'e6', from: 'sliding', to: 'slidingOut' },
      { id: 'e7', from: 'session', to: 'sessionOut' },
    ],
  },
};
