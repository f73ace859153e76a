import { describe, expect, it } from 'vitest';
import { validateDocument } from '../../src/lib/pipeline';

function problems(nodes: Record<string, unknown>[], edges: Record<string, unknown>[]) {
  const r = validateDocument({
    version: 1,
    nodes,
    edges: edges.map((e, i) => ({ id: `e${i}`, ...e })),
  });
  return r.ok
    ? []
    : r.problems.map((p) => ({ nodeId: p.nodeId, field: p.field, message: p.message }));
}

const src = (id: string) => ({ id, kind: 'generator' });
const keyBy = (id: string) => ({ id, kind: 'keyBy' });
const sink = { id: 'out', kind: 'tableSink' };

function join(kind: string, config: Record<string, unknown> = {}) {
  return problems(
    [src('a'), src('b'), keyBy('ka'), keyBy('kb'), { id: 'j', kind, config }, sink],
    [
      { from: 'a', to: 'ka' },
      { from: 'b', to: 'kb' },
      { from: 'ka', to: 'j', partitioning: 'hash', toPort: 'left' },
      { from: 'kb', to: 'j', partitioning: 'hash', toPort: 'right' },
      { from: 'j', to: 'out' },
    ],
  );
}

describe('validation of process functions and joins', () => {
  it('accepts joins with a keyed left and right input', () => {
    expect(join('windowJoin')).toEqual([]);
    expect(join('intervalJoin')).toEqual([]);
  });

  it('a join needs both inputs, each keyed, on the left and right ports', () => {
    const p = problems(
      [src('a'), src('b'), keyBy('ka'), { id: 'j', kind: 'windowJoin' }, sink],
      [
        { from: 'a', to: 'ka' },
        { from: 'ka', to: 'j', partitioning: 'hash', toPort: 'left' },
        { from: 'b', to: 'j', toPort: 'left' },
        { from: 'j', to: 'out' },
      ],
    );
    expect(p).toEqual([
      {
        nodeId: 'j',
        field: 'inputs.left',
        message:
          'node j, inputs.left: Window join takes one left input but has 2; merge them with a Union first',
      },
      {
        nodeId: 'j',
        field: 'inputs.left',
        message:
          'node j, inputs.left: Window join joins two keyed streams, so its left input must come from a KeyBy (hash); edge e2 is forward',
      },
      {
        nodeId: 'j',
        field: 'inputs.right',
        message:
          'node j, inputs.right: Window join needs a right input; connect a KeyBy to its right handle',
      },
    ]);
  });

  it('main into a join, or left/right into a one-input node, is named on the edge', () => {
    const p = problems(
      [src('a'), keyBy('ka'), { id: 'm', kind: 'map' }, { id: 'j', kind: 'intervalJoin' }],
      [
        { from: 'a', to: 'ka' },
        { from: 'ka', to: 'm', partitioning: 'hash', toPort: 'left' },
        { from: 'ka', to: 'j', partitioning: 'hash' },
      ],
    );
    expect(p.map((x) => x.message)).toEqual(
      expect.arrayContaining([
        'edge e1, toPort: Map m has no left input; only Window join and Interval join have left and right inputs, so use main',
        'edge e2, toPort: Interval join j has a left and a right input; connect ka to one of them (left or right), not main',
      ]),
    );
  });

  it('bounds: lower must not exceed upper; exclusive bounds must leave a non-empty interval', () => {
    expect(join('intervalJoin', { lowerBound: 10, upperBound: 5 })).toEqual([
      {
        nodeId: 'j',
        field: 'config.lowerBound',
        message:
          'node j, config.lowerBound: must be at most the upper bound (10 > 5 ms); Flink requires lowerBound <= upperBound',
      },
    ]);
    expect(
      join('intervalJoin', { lowerBound: 5, upperBound: 5, upperBoundExclusive: true }).map(
        (x) => x.field,
      ),
    ).toEqual(['config.upperBoundExclusive']);
    expect(join('intervalJoin', { lowerBound: 5, upperBound: 5 })).toEqual([]);
    expect(join('intervalJoin', { lowerBound: 1.5 }).map((x) => x.message)).toEqual([
      'node j, config.lowerBound: must be a whole number of milliseconds',
    ]);
  });

  it('window join: slide larger than size, offset, assigner names', () => {
    expect(
      join('windowJoin', { assigner: 'sliding', size: 1000, slide: 2000 }).map((x) => x.message),
    ).toEqual([
      'node j, config.slide: the slide (2000 ms) must not be larger than the size (1000 ms), or elements between windows are lost',
    ]);
    expect(join('windowJoin', { size: 1000, offset: 1000 }).map((x) => x.field)).toEqual([
      'config.offset',
    ]);
    expect(join('windowJoin', { assigner: 'hopping' }).map((x) => x.message)).toEqual([
      'node j, config.assigner: must be tumbling, sliding or session',
    ]);
  });

  it('a process function needs a keyed input', () => {
    const p = problems(
      [src('a'), { id: 'p', kind: 'processFunction' }, sink],
      [
        { from: 'a', to: 'p' },
        { from: 'p', to: 'out' },
      ],
    );
    expect(p).toEqual([
      {
        nodeId: 'p',
        field: 'input',
        message:
          'node p, input: a Process function is a KeyedProcessFunction: its state and timers are per key, so it needs a keyed input; put a KeyBy before it (edge e0 is forward)',
      },
    ]);
  });
});
