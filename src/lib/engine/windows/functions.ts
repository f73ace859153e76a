/**
 * Window functions. As in Flink, the built-in aggregations, reduce and aggregate are incremental:
 * the window keeps one accumulator (Flink's ReducingState / AggregatingState), elements are added
 * as they arrive, and merging session windows merges accumulators (the reduce function, or the
 * aggregate's `merge`). A process function sees all of the window's elements, so the window keeps
 * them (ListState). With an evictor every function runs over the kept elements at firing time
 * (Flink's EvictingWindowOperator), so incremental state is not used then.
 */
import type { PipelineNode } from '../../pipeline/types';
import type { WindowFunction } from '../../pipeline/kinds';
import { ExpressionError } from '../expressions';
import type { Key, WindowBounds } from '../api';

/** An incremental aggregation: Flink's AggregateFunction (a reduce is one with acc = value). */
export interface Aggregation {
  create(): unknown;
  add(acc: unknown, value: unknown): unknown;
  merge(a: unknown, b: unknown): unknown;
  result(acc: unknown): unknown;
}

export interface WindowFunctionImpl {
  /** Null for process: the window keeps all elements. */
  aggregation: Aggregation | null;
  /** The result over all elements (process, or any function under an evictor). */
  overElements(values: unknown[], key: Key, window: WindowBounds | null): unknown;
}

function numberOf(v: unknown, field: string | null): number {
  const x =
    field && v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[field] : v;
  return typeof x === 'number' ? x : Number(x);
}

function compile(nodeId: string, field: string, params: string[], expression: string) {
  try {
    return new Function(...params, `"use strict";\nreturn (${expression}\n);`) as (
      ...args: unknown[]
    ) => unknown;
  } catch (e) {
    throw new ExpressionError(
      nodeId,
      field,
      `the expression does not compile (${(e as Error).message})`,
    );
  }
}

function fromAggregation(agg: Aggregation): WindowFunctionImpl {
  return {
    aggregation: agg,
    overElements: (values) => {
      let acc = agg.create();
      for (const v of values) acc = agg.add(acc, v);
      return agg.result(acc);
    },
  };
}

/** A reduce's accumulator before its first element (Flink's ReducingState holds null then). */
const NONE: unique symbol = Symbol('no element yet');

function reduceAggregation(f: (a: unknown, b: unknown) => unknown): Aggregation {
  return {
    create: () => NONE,
    add: (acc, v) => (acc === NONE ? v : f(acc, v)),
    merge: (a, b) => (a === NONE ? b : b === NONE ? a : f(a, b)),
    result: (acc) => (acc === NONE ? undefined : acc),
  };
}

/** The window function of a window node: count, sum, min, max, average, reduce, aggregate, process. */
export function windowFunction(node: PipelineNode, fn: WindowFunction): WindowFunctionImpl {
  switch (fn.type) {
    case 'count':
      return fromAggregation({
        create: () => 0,
        add: (acc) => (acc as number) + 1,
        merge: (a, b) => (a as number) + (b as number),
        result: (acc) => acc,
      });
    case 'sum':
      return fromAggregation({
        create: () => 0,
        add: (acc, v) => (acc as number) + numberOf(v, fn.field),
        merge: (a, b) => (a as number) + (b as number),
        result: (acc) => acc,
      });
    case 'min':
    case 'max': {
      const pick = fn.type === 'min' ? Math.min : Math.max;
      return fromAggregation({
        create: () => NONE,
        add: (acc, v) =>
          acc === NONE ? numberOf(v, fn.field) : pick(acc as number, numberOf(v, fn.field)),
        merge: (a, b) => (a === NONE ? b : b === NONE ? a : pick(a as number, b as number)),
        result: (acc) => (acc === NONE ? undefined : acc),
      });
    }
    case 'average':
      // [sum, count]: a new array per add keeps accumulators immutable, as merge expects.
      return fromAggregation({
        create: () => [0, 0],
        add: (acc, v) => {
          const [s, n] = acc as [number, number];
          return [s + numberOf(v, fn.field), n + 1];
        },
        merge: (a, b) => {
          const [s1, n1] = a as [number, number];
          const [s2, n2] = b as [number, number];
          return [s1 + s2, n1 + n2];
        },
        result: (acc) => {
          const [s, n] = acc as [number, number];
          return s / n;
        },
      });
    case 'reduce': {
      const f = compile(node.id, 'config.function.expression', ['a', 'b'], fn.expression);
      return fromAggregation(reduceAggregation((a, b) => f(a, b)));
    }
    case 'aggregate': {
      const create = compile(node.id, 'config.function.create', [], fn.create);
      const add = compile(node.id, 'config.function.add', ['value', 'acc'], fn.add);
      const merge = compile(node.id, 'config.function.merge', ['a', 'b'], fn.merge);
      const result = compile(node.id, 'config.function.result', ['acc'], fn.result);
      return fromAggregation({
        create: () => create(),
        add: (acc, v) => add(v, acc),
        merge: (a, b) => merge(a, b),
        result: (acc) => result(acc),
      });
    }
    case 'process': {
      const f = compile(
        node.id,
        'config.function.expression',
        ['elements', 'key', 'window'],
        fn.expression,
      );
      return { aggregation: null, overElements: (els, key, window) => f(els, key, window) };
    }
  }
}
