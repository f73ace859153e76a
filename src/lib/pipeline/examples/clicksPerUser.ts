import type { Example } from './types';

/**
 * The first pipeline a person sees: clicks per user, counted in 5-second tumbling event-time
 * windows. Written as plain JSON (as a user would save it) and validated, so defaults are filled.
 */
export const exampleJson = {
  version: 1,
  name: 'Clicks per user',
  description:
    'Generated clicks, doubled, keyed by user and summed in 5 s tumbling event-time windows.',
  settings: { seed: 42, timeCharacteristic: 'event', autoWatermarkInterval: 200 },
  nodes: [
    {
      id: 'clicks',
      kind: 'generator',
      name: 'Clicks',
      position: { x: 0, y: 80 },
      config: {
        rate: 5,
        count: 60,
        keys: { count: 3, prefix: 'user-' },
        values: { min: 1, max: 5 },
        outOfOrderness: { distribution: 'uniform', max: 1500 },
        watermarks: { type: 'boundedOutOfOrderness', maxOutOfOrderness: 2000 },
      },
    },
    {
      id: 'double',
      kind: 'map',
      name: 'Double',
      position: { x: 220, y: 80 },
      config: { expression: 'value * 2' },
    },
    {
      id: 'byUser',
      kind: 'keyBy',
      name: 'By user',
      position: { x: 440, y: 80 },
      config: { expression: 'key' },
    },
    {
      id: 'perFiveSeconds',
      kind: 'tumblingWindow',
      name: '5 s window',
      position: { x: 660, y: 80 },
      config: { time: 'event', size: 5000, function: { type: 'sum' } },
    },
    { id: 'results', kind: 'tableSink', name: 'Results', position: { x: 880, y: 80 } },
  ],
  edges: [
    { id: 'e1', from: 'clicks', to: 'double' },
    { id: 'e2', from: 'double', to: 'byUser' },
    { id: 'e3', from: 'byUser', to: 'perFiveSeconds', partitioning: 'hash' },
    { id: 'e4', from: 'perFiveSeconds', to: 'results' },
  ],
};

export const clicksPerUser: Example = {
  id: 'clicks-per-user',
  title: 'Clicks per user',
  summary:
    'The starter pipeline: generated clicks are doubled, keyed by user and summed in 5-second tumbling event-time windows. Run it and read one sum per user and window in the table.',
  concepts: ['keyBy', 'tumbling window', 'event time'],
  json: exampleJson,
};
