import type { PipelineNode } from '../../pipeline/types';
import type { WindowFunction } from '../../pipeline/kinds';
import { ExpressionError } from '../expressions';
import type { Key } from '../api';
import type { TimeWindow } from './assigners';

/** Computes a fired window's result from its elements (kept in arrival order). */
export type WindowResult = (elements: unknown[], key: Key, window: TimeWindow | null) => unknown;

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

/** The window function of a window node: count, sum, min, max, average, reduce, aggregate, process. */
export function windowFunction(node: PipelineNode, fn: WindowFunction): WindowResult {
  switch (fn.type) {
    case 'count':
      return (els) => els.length;
    case 'sum':
      return (els) => els.reduce<number>((s, v) => s + numberOf(v, fn.field), 0);
    case 'min':
      return (els) => Math.min(...els.map((v) => numberOf(v, fn.field)));
    case 'max':
      return (els) => Math.max(...els.map((v) => numberOf(v, fn.field)));
    case 'average':
      return (els) => els.reduce<number>((s, v) => s + numberOf(v, fn.field), 0) / els.length;
    case 'reduce': {
      const f = compile(node.id, 'config.function.expression', ['a', 'b'], fn.expression);
      return (els) => els.slice(1).reduce((a, b) => f(a, b), els[0]);
    }
    case 'aggregate': {
      const create = compile(node.id, 'config.function.create', [], fn.create);
      const add = compile(node.id, 'config.function.add', ['value', 'acc'], fn.add);
      const result = compile(node.id, 'config.function.result', ['acc'], fn.result);
      // merge is used by merging (session) windows in Flink; keeping all elements makes it unnecessary here.
      compile(node.id, 'config.function.merge', ['a', 'b'], fn.merge);
      return (els) => result(els.reduce((acc, v) => add(v, acc), create()));
    }
    case 'process': {
      const f = compile(
        node.id,
        'config.function.expression',
        ['elements', 'key', 'window'],
        fn.expression,
      );
      return (els, key, window) => f(els, key, window);
    }
  }
}

/**
 * The built-in numeric functions as an incremental aggregate over one number (Flink's
 * AggregateFunction / ReducingState): the state of a window is that number and an element count
 * instead of its elements. Adding in arrival order gives exactly the result of the function over
 * the kept elements (same additions in the same order). Null for functions that need the elements
 * (reduce, aggregate and process run user code, which may throw at firing; their errors keep
 * that timing).
 */
export interface Incremental {
  init: number;
  add(acc: number, value: unknown): number;
  result(acc: number, count: number): number;
}

export function incrementalFunction(fn: WindowFunction): Incremental | null {
  switch (fn.type) {
    case 'count':
      return { init: 0, add: (acc) => acc, result: (_acc, n) => n };
    case 'sum':
      return { init: 0, add: (acc, v) => acc + numberOf(v, fn.field), result: (acc) => acc };
    case 'min':
      return {
        init: Number.POSITIVE_INFINITY,
        add: (acc, v) => Math.min(acc, numberOf(v, fn.field)),
        result: (acc) => acc,
      };
    case 'max':
      return {
        init: Number.NEGATIVE_INFINITY,
        add: (acc, v) => Math.max(acc, numberOf(v, fn.field)),
        result: (acc) => acc,
      };
    case 'average':
      return { init: 0, add: (acc, v) => acc + numberOf(v, fn.field), result: (acc, n) => acc / n };
    default:
      return null;
  }
}
