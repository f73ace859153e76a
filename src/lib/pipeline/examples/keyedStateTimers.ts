import type { Example } from './types';

/**
 * Stands in for a keyed process function until the Process function kind exists: a session
 * window is Flink's own stateful operator with timers, and its process function sees the state.
 */
export const keyedStateTimers: Example = {
  id: 'keyed-state-timers',
  title: 'Keyed state and timers (a session window does it for you)',
  summary:
    'A stateful operator keeps state per key and sets timers. A session window is one: for each user it keeps the clicks of the open session (keyed state) and sets an event-time timer at the last click + 3 s gap; when the watermark passes the timer, the window fires and its state is cleared. The window\u2019s process function then sees every element of the session and reports its clicks, start and end.',
  concepts: ['keyed state', 'event-time timer', 'session window', 'process window function'],
  json: {
    version: 1,
    name: 'Keyed state and timers',
    description:
      'Per-user sessions (gap 3 s): state per key, a timer per session, a process window function.',
    settings: { seed: 21, timeCharacteristic: 'event' },
    nodes: [
      {
        id: 'clicks',
        kind: 'generator',
        name: 'Clicks',
        position: { x: 0, y: 80 },
        config: {
          rate: 3,
          count: 45,
          keys: { count: 3, prefix: 'user-' },
          values: { distribution: 'constant', min: 1, max: 1 },
          outOfOrderness: { distribution: 'uniform', max: 500 },
          watermarks: { type: 'boundedOutOfOrderness', maxOutOfOrderness: 500 },
          idle: [{ from: 6000, to: 12000 }],
        },
      },
      {
        id: 'byUser',
        kind: 'keyBy',
        name: 'By user',
        position: { x: 240, y: 80 },
        config: { expression: 'key' },
      },
      {
        id: 'sessions',
        kind: 'sessionWindow',
        name: 'Sessions (gap 3 s)',
        position: { x: 480, y: 80 },
        config: {
          time: 'event',
          gap: 3000,
          function: {
            type: 'process',
            expression:
              '({ user: key, clicks: elements.length, start: window.start, end: window.end })',
          },
        },
      },
      { id: 'results', kind: 'tableSink', name: 'Sessions', position: { x: 720, y: 80 } },
    ],
    edges: [
      { id: 'e1', from: 'clicks', to: 'byUser' },
      { id: 'e2', from: 'byUser', to: 'sessions', partitioning: 'hash' },
      { id: 'e3', from: 'sessions', to: 'results' },
    ],
  },
};
