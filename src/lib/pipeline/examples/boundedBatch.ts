import type { Example } from './types';

export const boundedBatch: Example = {
  id: 'bounded-batch',
  title: 'A bounded input run as a batch',
  summary:
    'Batch is a special case of streaming: a stream that ends. The source produces exactly 200 sales and stops. Run as a stream, the end of the input sends the maximum watermark, which fires every window still open; the runtime mode here is BATCH, as env.setRuntimeMode(RuntimeExecutionMode.BATCH) sets it, where Flink needs no watermarks at all and fires each window once at the end. No record is late, so both give the same final sums: one per product and 10 s.',
  concepts: ['bounded stream', 'batch', 'end of input', 'runtime mode'],
  json: {
    version: 1,
    name: 'Bounded input as a batch',
    description: '200 sales, summed per product and 10 s window; the end of input fires the rest.',
    settings: { seed: 13, timeCharacteristic: 'event', runtimeMode: 'BATCH' },
    nodes: [
      {
        id: 'sales',
        kind: 'generator',
        name: 'Sales (bounded, 200)',
        position: { x: 0, y: 80 },
        config: {
          rate: 10,
          count: 200,
          keys: { count: 4, prefix: 'product-' },
          values: { min: 1, max: 20 },
          outOfOrderness: { distribution: 'uniform', max: 1000 },
          watermarks: { type: 'boundedOutOfOrderness', maxOutOfOrderness: 1000 },
        },
      },
      {
        id: 'byProduct',
        kind: 'keyBy',
        name: 'By product',
        position: { x: 240, y: 80 },
        config: { expression: 'key' },
      },
      {
        id: 'perTen',
        kind: 'tumblingWindow',
        name: 'Sum per 10 s',
        position: { x: 480, y: 80 },
        config: { time: 'event', size: 10000, function: { type: 'sum' } },
      },
      { id: 'report', kind: 'tableSink', name: 'Report', position: { x: 720, y: 80 } },
    ],
    edges: [
      { id: 'e1', from: 'sales', to: 'byProduct' },
      { id: 'e2', from: 'byProduct', to: 'perTen', partitioning: 'hash' },
      { id: 'e3', from: 'perTen', to: 'report' },
    ],
  },
};
