import type { Example } from './types';

/**
 * A KeyedProcessFunction with the default "count with timeout" code: keyed ValueState and one
 * event-time timer per key, beside a session window that does the same with Flink's own timers.
 */
export const keyedStateTimers: Example = {
  id: 'keyed-state-timers',
  title: 'Keyed state and timers: a process function',
  summary:
    'A stateful operator remembers something per key and sets timers. The process function counts each user\u2019s clicks in a ValueState and keeps one event-time timer per user, 5 s after the user\u2019s last click; every new click deletes the old timer and sets a new one. When the watermark passes a timer, onTimer emits the count and clears the state. Pause the run and select the process function to see its state and timers. Compare with the session window (gap 5 s) below: where a user pauses during the source\u2019s idle period, the window reports two sessions but the process function one count, because the next click arrived before the watermark had passed the timer. A timer fires when the watermark reaches it, not when time stamps show a gap.',
  concepts: ['keyed state', 'ValueState', 'event-time timer', 'process function', 'session window'],
  json: {
    version: 1,
    name: 'Keyed state and timers',
    description:
      'Clicks per user until 5 s of silence: a process function with ValueState and timers, and a session window.',
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
        id: 'countWithTimeout',
        kind: 'processFunction',
        name: 'Count with timeout',
        position: { x: 480, y: 0 },
      },
      { id: 'counts', kind: 'tableSink', name: 'Counts', position: { x: 720, y: 0 } },
      {
        id: 'sessions',
        kind: 'sessionWindow',
        name: 'Sessions (gap 5 s)',
        position: { x: 480, y: 160 },
        config: {
          time: 'event',
          gap: 5000,
          function: {
            type: 'process',
            expression:
              '({ user: key, clicks: elements.length, start: window.start, end: window.end })',
          },
        },
      },
      { id: 'results', kind: 'tableSink', name: 'Sessions', position: { x: 720, y: 160 } },
    ],
    edges: [
      { id: 'e1', from: 'clicks', to: 'byUser' },
      { id: 'e2', from: 'byUser', to: 'sessions', partitioning: 'hash' },
      { id: 'e3', from: 'sessions', to: 'results' },
      { id: 'e4', from: 'byUser', to: 'countWithTimeout', partitioning: 'hash' },
      { id: 'e5', from: 'countWithTimeout', to: 'counts' },
    ],
  },
};
