/**
 * User logic: a JavaScript expression over `value`, `key` and `timestamp`, compiled ONCE per run
 * with `new Function`. A syntax error is reported when the simulation is created, naming the node
 * and field; an error thrown while running is reported by the runtime as an `error` trace event.
 */
import type { CompiledExpression } from './operators/types';

export class ExpressionError extends Error {
  constructor(
    readonly nodeId: string,
    readonly field: string,
    message: string,
  ) {
    super(`node ${nodeId}, ${field}: ${message}`);
    this.name = 'ExpressionError';
  }
}

/**
 * A probe told which node's user function is about to run. Only set by the Worker's diagnose mode
 * (to name the node of a function that never returns); null otherwise, so the hot path pays nothing.
 */
let probe: ((nodeId: string) => void) | null = null;

export function setExpressionProbe(fn: ((nodeId: string) => void) | null): void {
  probe = fn;
}

/** The function body a user expression is compiled into; one place, so the editor checks the same. */
export function expressionBody(expression: string): string {
  return `"use strict";\nreturn (${expression}\n);`;
}

/**
 * Why `expression` does not compile as a function of `params` (the engine's message), or null when
 * it does. It only compiles, never runs, the expression: the editor calls it on every keystroke.
 */
export function expressionSyntaxError(
  expression: string,
  params: readonly string[],
): string | null {
  try {
    new Function(...params, expressionBody(expression));
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

export function compileExpression(
  expression: string,
  nodeId: string,
  field: string,
): CompiledExpression {
  try {
    const f = new Function(
      'value',
      'key',
      'timestamp',
      expressionBody(expression),
    ) as CompiledExpression;
    const p = probe;
    if (!p) return f;
    return (value, key, timestamp) => {
      p(nodeId);
      return f(value, key, timestamp);
    };
  } catch (e) {
    throw new ExpressionError(
      nodeId,
      field,
      `the expression does not compile (${e instanceof Error ? e.message : String(e)})`,
    );
  }
}

/** A readable message for anything a user expression throws. */
export function describeThrown(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : `threw ${String(e)}`;
}
