import type { Scalar } from '../types';
import { parseExpression, ParseError, type Node } from './parse';

export type Ty = Scalar | 'record' | 'unknown';

/** A translated (sub)expression: target code, its type and its operator precedence. */
export interface Typed {
  code: string;
  type: Ty;
  prec: number;
  /** Field types, when `type` is 'record'. */
  fields?: Record<string, Scalar>;
}

/** What a name in the user's expression stands for in the target language. */
export interface Binding {
  code: string;
  type: Ty;
  fields?: Record<string, Scalar>;
  /** Set when the name has no faithful counterpart in the target; says why. */
  unavailable?: string;
}
export type Scope = Record<string, Binding>;

export type Translation =
  | { ok: true; code: string; type: Ty; fields?: Record<string, Scalar> }
  | { ok: false; reason: string };

/** Thrown inside a translator when an expression has no faithful translation. */
export class Untranslatable extends Error {}

export const isNum = (t: Ty): boolean => t === 'long' || t === 'double';

export function fail(reason: string): never {
  throw new Untranslatable(reason);
}

/** Parses and translates, turning every failure into a reason a person can act on. */
export function runTranslator(
  source: string,
  scope: Scope,
  translate: (node: Node, scope: Scope) => Typed,
): Translation {
  let ast: Node;
  try {
    ast = parseExpression(source);
  } catch (e) {
    if (e instanceof ParseError) return { ok: false, reason: e.message };
    throw e;
  }
  try {
    const r = translate(ast, scope);
    return { ok: true, code: r.code, type: r.type, fields: r.fields };
  } catch (e) {
    if (e instanceof Untranslatable) return { ok: false, reason: e.message };
    throw e;
  }
}

export function lookup(scope: Scope, name: string): Binding {
  if (!Object.hasOwn(scope, name)) fail(`the name ${name} is not known here`);
  const b = scope[name];
  if (b.unavailable) fail(b.unavailable);
  return b;
}

/** Text that is safe inside a block comment of Java or SQL. */
export function commentSafe(text: string): string {
  return text.replace(/\*\//g, '* /').replace(/\r?\n/g, ' ');
}
