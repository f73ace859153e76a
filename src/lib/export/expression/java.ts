/**
 * JavaScript expression → Java expression, typed. JavaScript numbers are doubles; a value the
 * export knows to be integral is a Java long, and `/` always divides as doubles, as JavaScript does.
 */
import type { Node } from './parse';
import {
  fail,
  isNum,
  lookup,
  runTranslator,
  type Scope,
  type Translation,
  type Ty,
  type Typed,
} from './common';
import type { Scalar } from '../types';

const PRIMARY = 10;
const UNARY = 9;

function wrap(t: Typed, min: number): string {
  return t.prec < min ? `(${t.code})` : t.code;
}

function numType(a: Ty, b: Ty): Ty {
  return a === 'long' && b === 'long' ? 'long' : 'double';
}

/** Java's boxed type name for a scalar. */
export function javaBoxed(t: Ty): string {
  switch (t) {
    case 'long':
      return 'Long';
    case 'double':
      return 'Double';
    case 'string':
      return 'String';
    case 'boolean':
      return 'Boolean';
    case 'record':
      return 'Map<String, Object>';
    default:
      return 'Object';
  }
}

/** Reads a field of a record value (a Map<String, Object>) as its scalar type. */
export function javaField(mapCode: string, name: string, t: Scalar): string {
  const get = `${mapCode}.get(${JSON.stringify(name)})`;
  switch (t) {
    case 'long':
      return `((Number) ${get}).longValue()`;
    case 'double':
      return `((Number) ${get}).doubleValue()`;
    case 'string':
      return `((String) ${get})`;
    case 'boolean':
      return `((Boolean) ${get})`;
  }
}

function literalNumber(n: Node & { type: 'num' }): Typed {
  if (
    Number.isInteger(n.value) &&
    /^\d+$/.test(n.raw) &&
    Math.abs(n.value) <= Number.MAX_SAFE_INTEGER
  )
    return { code: `${n.raw}L`, type: 'long', prec: PRIMARY };
  const s = String(n.value);
  return { code: /[.eE]/.test(s) ? s : `${s}.0`, type: 'double', prec: PRIMARY };
}

const MATH_1: Record<string, (x: Typed) => Typed> = {
  abs: (x) => ({ code: `Math.abs(${x.code})`, type: x.type, prec: PRIMARY }),
  floor: (x) => ({ code: `Math.floor(${x.code})`, type: 'double', prec: PRIMARY }),
  ceil: (x) => ({ code: `Math.ceil(${x.code})`, type: 'double', prec: PRIMARY }),
  sqrt: (x) => ({ code: `Math.sqrt(${x.code})`, type: 'double', prec: PRIMARY }),
  // JavaScript's Math.round rounds .5 up (towards +∞), as Java's Math.round(double) does.
  round: (x) =>
    x.type === 'long' ? x : { code: `Math.round(${x.code})`, type: 'long', prec: PRIMARY },
};

function call(node: Node & { type: 'call' }, scope: Scope): Typed {
  const { callee } = node;
  const args = () => node.args.map((a) => tr(a, scope));
  if (callee.type === 'member' && callee.object.type === 'name' && callee.object.name === 'Math') {
    const f = callee.property;
    const xs = args();
    if (!xs.every((x) => isNum(x.type))) fail(`Math.${f} needs numbers`);
    if (f in MATH_1 && xs.length === 1) return MATH_1[f](xs[0]);
    if ((f === 'min' || f === 'max') && xs.length === 2)
      return {
        code: `Math.${f}(${xs[0].code}, ${xs[1].code})`,
        type: numType(xs[0].type, xs[1].type),
        prec: PRIMARY,
      };
    if (f === 'pow' && xs.length === 2)
      return { code: `Math.pow(${xs[0].code}, ${xs[1].code})`, type: 'double', prec: PRIMARY };
    fail(`Math.${f} with ${xs.length} argument(s) is not translated`);
  }
  if (callee.type === 'name' && callee.name === 'String' && node.args.length === 1) {
    const [x] = args();
    if (x.type === 'double') fail('String(x) of a fractional number prints differently in Java');
    if (x.type === 'record' || x.type === 'unknown')
      fail('String(x) of a record is not translated');
    return { code: `String.valueOf(${x.code})`, type: 'string', prec: PRIMARY };
  }
  if (callee.type === 'member') {
    const obj = tr(callee.object, scope);
    if (obj.type === 'string') {
      const m = callee.property;
      const xs = args();
      const o = wrap(obj, PRIMARY);
      if ((m === 'toUpperCase' || m === 'toLowerCase' || m === 'trim') && xs.length === 0)
        return { code: `${o}.${m}()`, type: 'string', prec: PRIMARY };
      if (
        (m === 'includes' || m === 'startsWith' || m === 'endsWith') &&
        xs.length === 1 &&
        xs[0].type === 'string'
      )
        return {
          code: `${o}.${m === 'includes' ? 'contains' : m}(${xs[0].code})`,
          type: 'boolean',
          prec: PRIMARY,
        };
    }
  }
  fail('this function call is not translated');
}

function arith(op: string, l: Typed, r: Typed): Typed {
  if (!isNum(l.type) || !isNum(r.type)) fail(`${op} needs numbers on both sides`);
  const prec = op === '+' || op === '-' ? 6 : 7;
  return {
    code: `${wrap(l, prec)} ${op} ${wrap(r, prec + 1)}`,
    type: numType(l.type, r.type),
    prec,
  };
}

function binary(node: Node & { type: 'binary' }, scope: Scope): Typed {
  const l = tr(node.left, scope);
  const r = tr(node.right, scope);
  const op = node.op;
  switch (op) {
    case '+':
      if (l.type === 'string' || r.type === 'string') {
        for (const x of [l, r]) {
          if (x.type === 'double')
            fail('joining a fractional number to a string prints it differently in Java');
          if (x.type === 'record' || x.type === 'unknown')
            fail('joining a record to a string is not translated');
        }
        return { code: `${wrap(l, 6)} + ${wrap(r, 7)}`, type: 'string', prec: 6 };
      }
      return arith(op, l, r);
    case '-':
    case '*':
    case '%':
      return arith(op, l, r);
    case '/':
      if (!isNum(l.type) || !isNum(r.type)) fail('/ needs numbers on both sides');
      return {
        code: `${l.type === 'long' ? `(double) ${wrap(l, UNARY)}` : wrap(l, 7)} / ${wrap(r, 8)}`,
        type: 'double',
        prec: 7,
      };
    case '<':
    case '<=':
    case '>':
    case '>=':
      if (isNum(l.type) && isNum(r.type))
        return { code: `${wrap(l, 6)} ${op} ${wrap(r, 6)}`, type: 'boolean', prec: 5 };
      if (l.type === 'string' && r.type === 'string')
        return {
          code: `${wrap(l, PRIMARY)}.compareTo(${r.code}) ${op} 0`,
          type: 'boolean',
          prec: 5,
        };
      return fail(`${op} compares numbers or strings only`);
    case '==':
    case '===':
    case '!=':
    case '!==': {
      const neg = op.startsWith('!');
      if (l.type === 'string' && r.type === 'string') {
        const eq = `${wrap(l, PRIMARY)}.equals(${r.code})`;
        return neg
          ? { code: `!${eq}`, type: 'boolean', prec: UNARY }
          : { code: eq, type: 'boolean', prec: PRIMARY };
      }
      if ((isNum(l.type) && isNum(r.type)) || (l.type === 'boolean' && r.type === 'boolean')) {
        // Unbox first: == between two boxed values compares references in Java.
        const boxed = l.prec === PRIMARY && !/^[\d."]/.test(l.code);
        const a = boxed ? `(${l.type === 'boolean' ? 'boolean' : l.type}) ${l.code}` : wrap(l, 5);
        return { code: `${a} ${neg ? '!=' : '=='} ${wrap(r, 5)}`, type: 'boolean', prec: 4 };
      }
      return fail(`${op} between a ${l.type} and a ${r.type} is not translated`);
    }
    case '&&':
    case '||': {
      if (l.type !== 'boolean' || r.type !== 'boolean')
        fail(`${op} is translated only between true/false values`);
      const prec = op === '&&' ? 3 : 2;
      return { code: `${wrap(l, prec)} ${op} ${wrap(r, prec + 1)}`, type: 'boolean', prec };
    }
    default:
      return fail(`the operator ${op} is not translated`);
  }
}

function tr(node: Node, scope: Scope): Typed {
  switch (node.type) {
    case 'num':
      return literalNumber(node);
    case 'str':
      return { code: JSON.stringify(node.value), type: 'string', prec: PRIMARY };
    case 'bool':
      return { code: String(node.value), type: 'boolean', prec: PRIMARY };
    case 'null':
      return fail('null is not translated');
    case 'name': {
      const b = lookup(scope, node.name);
      return { code: b.code, type: b.type, fields: b.fields, prec: PRIMARY };
    }
    case 'member': {
      const obj = tr(node.object, scope);
      if (obj.type === 'record' && obj.fields && Object.hasOwn(obj.fields, node.property)) {
        const t = obj.fields[node.property];
        return { code: javaField(wrap(obj, PRIMARY), node.property, t), type: t, prec: PRIMARY };
      }
      if (obj.type === 'string' && node.property === 'length')
        return { code: `(long) ${wrap(obj, PRIMARY)}.length()`, type: 'long', prec: UNARY };
      return fail(`the field ${node.property} is not known here`);
    }
    case 'call':
      return call(node, scope);
    case 'unary': {
      const x = tr(node.arg, scope);
      if (node.op === '!') {
        if (x.type !== 'boolean') fail('! is translated only for true/false values');
        return { code: `!${wrap(x, UNARY)}`, type: 'boolean', prec: UNARY };
      }
      if (!isNum(x.type)) fail(`unary ${node.op} needs a number`);
      return node.op === '+' ? x : { code: `-${wrap(x, UNARY)}`, type: x.type, prec: UNARY };
    }
    case 'binary':
      return binary(node, scope);
    case 'cond': {
      const t = tr(node.test, scope);
      if (t.type !== 'boolean') fail('the condition of ? : must be true/false');
      const a = tr(node.then, scope);
      const b = tr(node.else, scope);
      let type: Ty;
      if (a.type === b.type && a.type !== 'record' && a.type !== 'unknown') type = a.type;
      else if (isNum(a.type) && isNum(b.type)) type = 'double';
      else return fail('the two branches of ? : have different types');
      return { code: `${wrap(t, 2)} ? ${wrap(a, 2)} : ${wrap(b, 1)}`, type, prec: 1 };
    }
    case 'object': {
      if (node.entries.length > 10) fail('records with more than 10 fields are not translated');
      const fields: Record<string, Scalar> = {};
      const parts: string[] = [];
      for (const e of node.entries) {
        const v = tr(e.value, scope);
        if (v.type === 'record' || v.type === 'unknown') fail('nested records are not translated');
        fields[e.key] = v.type;
        parts.push(`${JSON.stringify(e.key)}, ${v.code}`);
      }
      return {
        code: `Map.<String, Object>of(${parts.join(', ')})`,
        type: 'record',
        fields,
        prec: PRIMARY,
      };
    }
    case 'array':
      return fail('arrays are translated only as the result of a FlatMap');
  }
}

/** Translates one user expression to Java, or says why it cannot be translated faithfully. */
export function toJava(source: string, scope: Scope): Translation {
  return runTranslator(source, scope, tr);
}

/** Translates each element of a FlatMap's array literal. */
export function toJavaList(
  source: string,
  scope: Scope,
): Translation[] | { ok: false; reason: string } {
  return arrayItems(source, (item) => toJava(item, scope));
}

/** Splits `[a, b, c]` into its element sources (top-level commas only). */
export function arrayItems<T>(
  source: string,
  each: (item: string) => T,
): T[] | { ok: false; reason: string } {
  const s = source.trim();
  if (!s.startsWith('[') || !s.endsWith(']'))
    return { ok: false, reason: 'only an array literal [a, b, …] is translated for a FlatMap' };
  const inner = s.slice(1, -1);
  const items: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let cur = '';
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i];
    if (quote) {
      cur += ch;
      if (ch === '\\') cur += inner[++i] ?? '';
      else if (ch === quote) quote = null;
      continue;
    }
    if (ch === '"' || ch === "'" || ch === '`') quote = ch;
    if ('([{'.includes(ch)) depth++;
    if (')]}'.includes(ch)) depth--;
    if (ch === ',' && depth === 0) {
      items.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur.trim() !== '') items.push(cur);
  return items.map((i) => each(i.trim()));
}
