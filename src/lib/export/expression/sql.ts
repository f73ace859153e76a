/**
 * JavaScript expression → Flink SQL expression, typed. Only constructs whose SQL meaning is the
 * JavaScript meaning are translated (e.g. `/` casts to DOUBLE first, as JavaScript divides
 * numbers as doubles); everything else is reported, never approximated.
 */
import { parseExpression, ParseError, type Node } from './parse';
import {
  fail,
  isNum,
  lookup,
  runTranslator,
  Untranslatable,
  type Scope,
  type Translation,
  type Ty,
  type Typed,
} from './common';

const PRIMARY = 10;

function wrap(t: Typed, min: number): string {
  return t.prec < min ? `(${t.code})` : t.code;
}

export function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** Backquoted identifier, safe for any field name. */
export function ident(name: string): string {
  return `\`${name.replace(/`/g, '``')}\``;
}

export function sqlType(t: Ty): string {
  switch (t) {
    case 'long':
      return 'BIGINT';
    case 'double':
      return 'DOUBLE';
    case 'boolean':
      return 'BOOLEAN';
    default:
      return 'STRING';
  }
}

function numType(a: Ty, b: Ty): Ty {
  return a === 'long' && b === 'long' ? 'long' : 'double';
}

function call(node: Node & { type: 'call' }, scope: Scope): Typed {
  const { callee } = node;
  const xs = () => node.args.map((a) => tr(a, scope));
  if (callee.type === 'member' && callee.object.type === 'name' && callee.object.name === 'Math') {
    const f = callee.property;
    const a = xs();
    if (!a.every((x) => isNum(x.type))) fail(`Math.${f} needs numbers`);
    const one = a.length === 1 ? a[0] : null;
    if (one && f === 'abs') return { code: `ABS(${one.code})`, type: one.type, prec: PRIMARY };
    if (one && f === 'floor') return { code: `FLOOR(${one.code})`, type: one.type, prec: PRIMARY };
    if (one && f === 'ceil') return { code: `CEILING(${one.code})`, type: one.type, prec: PRIMARY };
    // JavaScript rounds .5 towards +∞; SQL's ROUND rounds it away from zero.
    if (one && f === 'round')
      return one.type === 'long'
        ? one
        : { code: `FLOOR(${wrap(one, 6)} + 0.5)`, type: 'double', prec: PRIMARY };
    if (one && f === 'sqrt')
      return { code: `POWER(${one.code}, 0.5)`, type: 'double', prec: PRIMARY };
    if (a.length === 2 && (f === 'min' || f === 'max'))
      return {
        code: `${f === 'min' ? 'LEAST' : 'GREATEST'}(${a[0].code}, ${a[1].code})`,
        type: numType(a[0].type, a[1].type),
        prec: PRIMARY,
      };
    if (a.length === 2 && f === 'pow')
      return { code: `POWER(${a[0].code}, ${a[1].code})`, type: 'double', prec: PRIMARY };
    fail(`Math.${f} with ${a.length} argument(s) is not translated`);
  }
  if (callee.type === 'member') {
    const obj = tr(callee.object, scope);
    const a = xs();
    if (obj.type === 'string') {
      const m = callee.property;
      if (m === 'toUpperCase' && a.length === 0)
        return { code: `UPPER(${obj.code})`, type: 'string', prec: PRIMARY };
      if (m === 'toLowerCase' && a.length === 0)
        return { code: `LOWER(${obj.code})`, type: 'string', prec: PRIMARY };
      if (m === 'includes' && a.length === 1 && a[0].type === 'string')
        return { code: `POSITION(${a[0].code} IN ${obj.code}) > 0`, type: 'boolean', prec: 5 };
    }
  }
  fail('this function call is not translated to SQL');
}

function toStringOperand(x: Typed): string {
  if (x.type === 'string') return wrap(x, 7);
  if (x.type === 'long') return `CAST(${x.code} AS STRING)`;
  return fail(
    x.type === 'double'
      ? 'joining a fractional number to a string prints it differently in SQL'
      : `joining a ${x.type} value to a string prints it differently in SQL`,
  );
}

function arith(op: string, l: Typed, r: Typed): Typed {
  if (!isNum(l.type) || !isNum(r.type)) fail(`${op} needs numbers on both sides`);
  const prec = op === '*' ? 7 : 6;
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
      if (l.type === 'string' || r.type === 'string')
        return { code: `${toStringOperand(l)} || ${toStringOperand(r)}`, type: 'string', prec: 6 };
      return arith(op, l, r);
    case '-':
    case '*':
      return arith(op, l, r);
    case '%':
      if (l.type !== 'long' || r.type !== 'long')
        fail('% is translated only between whole numbers');
      return { code: `MOD(${l.code}, ${r.code})`, type: 'long', prec: PRIMARY };
    case '/':
      if (!isNum(l.type) || !isNum(r.type)) fail('/ needs numbers on both sides');
      return {
        code: `${l.type === 'long' ? `CAST(${l.code} AS DOUBLE)` : wrap(l, 7)} / ${wrap(r, 8)}`,
        type: 'double',
        prec: 7,
      };
    case '<':
    case '<=':
    case '>':
    case '>=':
    case '==':
    case '===':
    case '!=':
    case '!==': {
      const same =
        (isNum(l.type) && isNum(r.type)) ||
        (l.type === 'string' && r.type === 'string') ||
        (l.type === 'boolean' && r.type === 'boolean' && op.includes('='));
      if (!same) fail(`${op} between a ${l.type} and a ${r.type} is not translated`);
      const sqlOp = op.startsWith('!') ? '<>' : op.startsWith('==') ? '=' : op;
      return { code: `${wrap(l, 6)} ${sqlOp} ${wrap(r, 6)}`, type: 'boolean', prec: 5 };
    }
    case '&&':
    case '||': {
      if (l.type !== 'boolean' || r.type !== 'boolean')
        fail(`${op} is translated only between true/false values`);
      const prec = op === '&&' ? 3 : 2;
      return {
        code: `${wrap(l, prec)} ${op === '&&' ? 'AND' : 'OR'} ${wrap(r, prec + 1)}`,
        type: 'boolean',
        prec,
      };
    }
    default:
      return fail(`the operator ${op} is not translated`);
  }
}

function tr(node: Node, scope: Scope): Typed {
  switch (node.type) {
    case 'num': {
      const integral = /^\d+$/.test(node.raw) && Number.isSafeInteger(node.value);
      const s = String(node.value);
      return integral
        ? { code: node.raw, type: 'long', prec: PRIMARY }
        : { code: /[.eE]/.test(s) ? s : `${s}.0`, type: 'double', prec: PRIMARY };
    }
    case 'str':
      return { code: sqlString(node.value), type: 'string', prec: PRIMARY };
    case 'bool':
      return { code: node.value ? 'TRUE' : 'FALSE', type: 'boolean', prec: PRIMARY };
    case 'null':
      return fail('null is not translated');
    case 'name': {
      const b = lookup(scope, node.name);
      return { code: b.code, type: b.type, fields: b.fields, prec: PRIMARY };
    }
    case 'member': {
      const obj = tr(node.object, scope);
      if (obj.type === 'record' && obj.fields && Object.hasOwn(obj.fields, node.property))
        return { code: ident(node.property), type: obj.fields[node.property], prec: PRIMARY };
      return fail(`the field ${node.property} is not known here`);
    }
    case 'call':
      return call(node, scope);
    case 'unary': {
      const x = tr(node.arg, scope);
      if (node.op === '!') {
        if (x.type !== 'boolean') fail('! is translated only for true/false values');
        return { code: `NOT ${wrap(x, 4)}`, type: 'boolean', prec: 3 };
      }
      if (!isNum(x.type)) fail(`unary ${node.op} needs a number`);
      return node.op === '+' ? x : { code: `-${wrap(x, 9)}`, type: x.type, prec: 9 };
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
      return { code: `CASE WHEN ${t.code} THEN ${a.code} ELSE ${b.code} END`, type, prec: PRIMARY };
    }
    case 'object':
      return fail('a record is translated only as the whole result of a Map');
    case 'array':
      return fail('arrays are translated only as the result of a FlatMap');
  }
}

export function toSql(source: string, scope: Scope): Translation {
  return runTranslator(source, scope, tr);
}

/**
 * Translates a Map's expression: a record literal `{a: …, b: …}` becomes one column per field,
 * anything else one `value` column.
 */
export function toSqlColumns(
  source: string,
  scope: Scope,
):
  | { ok: true; columns: { name: string; code: string; type: Ty }[] }
  | { ok: false; reason: string } {
  let ast: Node;
  try {
    ast = parseExpression(source);
  } catch (e) {
    if (e instanceof ParseError) return { ok: false, reason: e.message };
    throw e;
  }
  if (ast.type !== 'object') {
    const r = toSql(source, scope);
    if (!r.ok) return r;
    if (r.type === 'record' || r.type === 'unknown')
      return { ok: false, reason: 'the result is a record of unknown shape' };
    return { ok: true, columns: [{ name: 'value', code: r.code, type: r.type }] };
  }
  const columns: { name: string; code: string; type: Ty }[] = [];
  for (const e of ast.entries) {
    try {
      const t = tr(e.value, scope);
      if (t.type === 'record' || t.type === 'unknown') fail('nested records are not translated');
      columns.push({ name: e.key, code: t.code, type: t.type });
    } catch (err) {
      if (err instanceof Untranslatable) return { ok: false, reason: err.message };
      throw err;
    }
  }
  return { ok: true, columns };
}
