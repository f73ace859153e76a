import type { Example } from './types';

export const watermarksLateness: Example = {
  id: 'watermarks-lateness',
  title: 'Out-of-order data, watermarks and lateness',
  summary:
    'A scripted stream with exact watermarks. The window [0 s, 5 s) fires when the watermark passes 4.999 s. A record of 2 s then arrives late but within the allowed lateness of 2 s, so the window fires again with the corrected count (a late firing). After the watermark passes 6.999 s the window is gone: a record of 4 s is too late and goes to the late-data side output instead of being dropped.',
  concepts: ['out-of-order', 'watermark', 'allowed lateness', 'late side output'],
  json: {
    version: 1,
    name: 'Watermarks and lateness',
    description:
      'Tumbling 5 s event-time window with 2 s allowed lateness; too-late records go to a side output.',
    settings: { seed: 1, timeCharacteristic: 'event' },
    nodes: [
      {
        id: 'events',
        kind: 'timeline',
        name: 'Scripted events',
        position: { x: 0, y: 120 },
        config: {
          steps: [
            { type: 'record', key: 'k', value: 'a@1s', timestamp: 1000 },
            { type: 'advance', by: 1000 },
            { type: 'record', key: 'k', value: 'b@3s', timestamp: 3000 },
            { type: 'advance', by: 1000 },
            { type: 'record', key: 'k', value: 'c@6s', timestamp: 6000 },
            { type: 'watermark', timestamp: 5500 },
            { type: 'advance', by: 1000 },
            { type: 'record', key: 'k', value: 'd@2s (late, allowed)', timestamp: 2000 },
            { type: 'advance', by: 1000 },
            { type: 'watermark', timestamp: 7500 },
            { type: 'advance', by: 1000 },
            { type: 'record', key: 'k', value: 'e@4s (too late)', timestamp: 4000 },
            { type: 'advance', by: 1000 },
            { type: 'record', key: 'k', value: 'f@8s', timestamp: 8000 },
            { type: 'end' },
          ],
        },
      },
      {
        id: 'byKey',
        kind: 'keyBy',
        name: 'By key',
        position: { x: 240, y: 120 },
        config: { expression: 'key' },
      },
      {
        id: 'window',
        kind: 'tumblingWindow',
        name: '5 s window, lateness 2 s',
        position: { x: 480, y: 120 },
        config: {
          time: 'event',
          size: 5000,
          allowedLateness: 2000,
          function: { type: 'count' },
        },
      },
      { id: 'results', kind: 'tableSink', name: 'Window results', position: { x: 720, y: 40 } },
      { id: 'late', kind: 'tableSink', name: 'Late records', position: { x: 720, y: 220 } },
    ],
    edges: [
      { id: 'e1', from: 'events', to: 'byKey' },
      { id: 'e2', from: 'byKey', to: 'window', partitioning: 'hash' },
      { id: 'e3', from: 'window', to: 'results' },
      { id: 'e4', from: 'window', to: 'late', fromPort: 'late' },
    ],
  },
};
