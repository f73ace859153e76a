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

/** The function body user statements (a process function's code) are compiled into. */
export function functionBody(statements: string): string {
  return `"use strict";\n${statements}\n`;
}

/**
 * Why `expression` does not compile as a function of `params` (the engine's message), or null when
 * it does. It only compiles, never runs, the expression: the editor calls it on every keystroke.
 */
export function expressionSyntaxError(
  expression: string,
  params: readonly string[],
  statements = false,
): string | null {
  try {
    new Function(...params, statements ? functionBody(expression) : expressionBody(expression));
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

/**
 * Compiles a user function body (statements, e.g. a process function's processElement) once per
 * run, with the given parameter names. Same rules as expressions: a syntax error names the node
 * and field; the diagnose probe is told before every call.
 */
export function compileFunction<F extends (...args: never[]) => unknown>(
  params: string[],
  body: string,
  nodeId: string,
  field: string,
): F {
  let f: (...args: unknown[]) => unknown;
  try {
    f = new Function(...params, functionBody(body)) as (...args: unknown[]) => unknown;
  } catch (e) {
    throw new ExpressionError(
      nodeId,
      field,
      `the code does not compile (${e instanceof Error ? e.message : String(e)})`,
    );
  }
  const p = probe;
  if (!p) return f as unknown as F;
  return ((...args: unknown[]) => {
    p(nodeId);
    return f(...args);
  }) as unknown as F;
}

/** A readable message for anything a user expression throws. */
export function describeThrown(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : `threw ${String(e)}`;
}
