import type { Example } from './types';

export const timeNotions: Example = {
  id: 'time-notions',
  title: 'Event time vs ingestion time vs processing time',
  summary:
    'The same out-of-order stream is counted in 5-second windows twice. The event-time window groups records by the time they happened (their timestamp) and waits for the watermark; the processing-time window groups them by when they arrive, by the operator\u2019s clock, and fires without waiting; when the input ends, its last window never fires, as in Flink. Ingestion time, the third notion, is a run setting (time characteristic): the source stamps each record with its arrival time and generates watermarks itself.',
  concepts: ['event time', 'processing time', 'ingestion time', 'watermarks'],
  json: {
    version: 1,
    name: 'Event time vs processing time',
    description:
      'Out-of-order readings counted per 5 s of event time and per 5 s of processing time. Set the time characteristic to ingestion to see ingestion time.',
    settings: { seed: 3, timeCharacteristic: 'event', autoWatermarkInterval: 200 },
    nodes: [
      {
        id: 'readings',
        kind: 'generator',
        name: 'Out-of-order readings',
        position: { x: 0, y: 120 },
        config: {
          rate: 4,
          count: 60,
          keys: { count: 1, prefix: 'sensor-' },
          values: { distribution: 'constant', min: 1, max: 1 },
          outOfOrderness: { distribution: 'uniform', max: 3000 },
          watermarks: { type: 'boundedOutOfOrderness', maxOutOfOrderness: 3000 },
        },
      },
      {
        id: 'bySensor',
        kind: 'keyBy',
        name: 'By sensor',
        position: { x: 240, y: 120 },
        config: { expression: 'key' },
      },
      {
        id: 'eventTime',
        kind: 'tumblingWindow',
        name: 'Event time 5 s',
        position: { x: 480, y: 40 },
        config: { time: 'event', size: 5000, function: { type: 'count' } },
      },
      {
        id: 'processingTime',
        kind: 'tumblingWindow',
        name: 'Processing time 5 s',
        position: { x: 480, y: 200 },
        config: { time: 'processing', size: 5000, function: { type: 'count' } },
      },
      { id: 'eventOut', kind: 'tableSink', name: 'By event time', position: { x: 720, y: 40 } },
      {
        id: 'processingOut',
        kind: 'tableSink',
        name: 'By processing time',
        position: { x: 720, y: 200 },
      },
    ],
    edges: [
      { id: 'e1', from: 'readings', to: 'bySensor' },
      { id: 'e2', from: 'bySensor', to: 'eventTime', partitioning: 'hash' },
      { id: 'e3', from: 'bySensor', to: 'processingTime', partitioning: 'hash' },
      { id: 'e4', from: 'eventTime', to: 'eventOut' },
      { id: 'e5', from: 'processingTime', to: 'processingOut' },
    ],
  },
};
