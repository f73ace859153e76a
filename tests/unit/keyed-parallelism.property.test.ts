import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../src/lib/engine';
import { end, makeDoc, rec, wm, type N } from './engine-helpers';

/**
 * A random script: records of keys a–c on both sides, somewhat out of order, with watermarks in
 * between that trail the largest timestamp so far by a random lag (some records end up late).
 */
const script = fc
  .array(
    fc.oneof(
      {
        weight: 6,
        arbitrary: fc.record({
          type: fc.constant('record' as const),
          side: fc.constantFrom('L', 'R'),
          key: fc.constantFrom('a', 'b', 'c'),
          step: fc.integer({ min: -1500, max: 1000 }),
          v: fc.integer({ min: 0, max: 99 }),
        }),
      },
      {
        weight: 1,
        arbitrary: fc.record({
          type: fc.constant('watermark' as const),
          lag: fc.integer({ min: 0, max: 3000 }),
        }),
      },
    ),
    { maxLength: 40 },
  )
  .map((items) => {
    let clock = 2000;
    let max = 0;
    const steps: unknown[] = [];
    for (const i of items) {
      if (i.type === 'record') {
        const ts = Math.max(0, clock + i.step);
        clock = Math.max(clock, ts);
        max = Math.max(max, ts);
        steps.push(rec(ts, { side: i.side, v: i.v }, i.key));
        clock += 300;
      } else steps.push(wm(Math.max(0, max - i.lag)));
    }
    return [...steps, end];
  });

function pipeline(steps: unknown[], op: Omit<N, 'id'>, parallelism: number) {
  const twoInputs = op.kind !== 'processFunction';
  return makeDoc(
    [
      { id: 'src', kind: 'timeline', config: { steps } },
      { id: 'fl', kind: 'filter', config: { expression: "value.side === 'L'" } },
      { id: 'fr', kind: 'filter', config: { expression: "value.side === 'R'" } },
      { id: 'kl', kind: 'keyBy' },
      { id: 'kr', kind: 'keyBy' },
      { id: 'op', ...op, parallelism },
      { id: 'out', kind: 'tableSink', parallelism },
    ],
    [
      { from: 'src', to: 'fl' },
      { from: 'src', to: 'fr' },
      { from: 'fl', to: 'kl' },
      { from: 'fr', to: 'kr' },
      { from: 'kl', to: 'op', partitioning: 'hash', toPort: twoInputs ? 'left' : 'main' },
      ...(twoInputs
        ? [{ from: 'kr', to: 'op', partitioning: 'hash' as const, toPort: 'right' }]
        : []),
      { from: 'op', to: 'out' },
    ],
  );
}

/** The sink's results as a sorted multiset (the order across subtasks may differ). */
function results(doc: ReturnType<typeof pipeline>): string[] {
  const sim = createSimulation(doc);
  sim.run();
  expect(sim.errors()).toEqual([]);
  return sim
    .sinkRecords()
    .get('out')!
    .map((r) => JSON.stringify([r.key, r.value, r.timestamp]))
    .sort();
}

const OPERATORS: [string, Omit<N, 'id'>][] = [
  ['process function (count with timeout)', { kind: 'processFunction' }],
  [
    'tumbling window join',
    {
      kind: 'windowJoin',
      config: { assigner: 'tumbling', size: 5000, expression: '[left.v, right.v]' },
    },
  ],
  [
    'sliding window join',
    {
      kind: 'windowJoin',
      config: { assigner: 'sliding', size: 6000, slide: 2000, expression: '[left.v, right.v]' },
    },
  ],
  [
    'session window join',
    {
      kind: 'windowJoin',
      config: { assigner: 'session', gap: 1500, expression: '[left.v, right.v]' },
    },
  ],
  [
    'interval join',
    {
      kind: 'intervalJoin',
      config: { lowerBound: -1500, upperBound: 700, expression: '[left.v, right.v]' },
    },
  ],
];

describe('keyed operators give the same results whatever the parallelism', () => {
  for (const [name, op] of OPERATORS) {
    it(name, () => {
      fc.assert(
        fc.property(script, fc.integer({ min: 2, max: 4 }), (steps, p) => {
          expect(results(pipeline(steps, op, p))).toEqual(results(pipeline(steps, op, 1)));
        }),
        { numRuns: 40 },
      );
    });
  }
});
