import type { Example } from './types';

export const dataflowBasics: Example = {
  id: 'dataflow-basics',
  title: 'Dataflow basics: source → transformation → sink',
  summary:
    'Every Flink job is a dataflow: a source produces records, transformations change them one by one, a sink receives the results. Here twenty readings are scaled by ten, the small ones are filtered out, and what is left is printed by a Log sink.',
  concepts: ['source', 'map', 'filter', 'sink'],
  json: {
    version: 1,
    name: 'Dataflow basics',
    description: 'Generator → Map (× 10) → Filter (> 40) → Log sink.',
    settings: { seed: 7, timeCharacteristic: 'event' },
    nodes: [
      {
        id: 'readings',
        kind: 'generator',
        name: 'Readings',
        position: { x: 0, y: 80 },
        config: {
          rate: 4,
          count: 20,
          keys: { count: 2, prefix: 'sensor-' },
          values: { min: 1, max: 9 },
          outOfOrderness: { distribution: 'none' },
        },
      },
      {
        id: 'scale',
        kind: 'map',
        name: 'Scale × 10',
        position: { x: 240, y: 80 },
        config: { expression: 'value * 10' },
      },
      {
        id: 'bigOnly',
        kind: 'filter',
        name: 'Keep > 40',
        position: { x: 480, y: 80 },
        config: { expression: 'value > 40' },
      },
      { id: 'print', kind: 'logSink', name: 'Print', position: { x: 720, y: 80 } },
    ],
    edges: [
      { id: 'e1', from: 'readings', to: 'scale' },
      { id: 'e2', from: 'scale', to: 'bigOnly' },
      { id: 'e3', from: 'bigOnly', to: 'print' },
    ],
  },
};
