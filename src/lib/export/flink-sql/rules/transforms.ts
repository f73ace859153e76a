import { ident } from '../../expression/sql';
import { toSql, toSqlColumns } from '../../expression/sql';
import { arrayItems } from '../../expression/java';
import { sameValueType } from '../../graph';
import { scalar, UNKNOWN, type ValueType } from '../../types';
import {
  allColumns,
  scopeOf,
  todoSql,
  valueColumns,
  type Relation,
  type SqlRule,
} from '../context';

function view(name: string, select: string): string {
  return `CREATE TEMPORARY VIEW ${ident(name)} AS\n${select};`;
}

export const map: SqlRule<'map'> = (node, ctx) => {
  const [input] = ctx.inputs;
  const expr = node.config.expression;
  const r = toSqlColumns(expr, scopeOf(input.rel));
  if (!r.ok) {
    ctx.note(`Map expression not translated (${r.reason}): ${expr}`);
    ctx.statement(
      view(
        node.id,
        `SELECT ${ident('key')}, ${todoSql('CAST(NULL AS STRING)', expr, r.reason)} AS ${ident('value')}, ts\nFROM ${input.rel.name}`,
      ),
    );
    return { ...input.rel, name: ident(node.id), value: UNKNOWN };
  }
  const cols = r.columns.map((c) => `${c.code} AS ${ident(c.name)}`);
  ctx.statement(
    view(node.id, `SELECT ${ident('key')}, ${cols.join(', ')}, ts\nFROM ${input.rel.name}`),
  );
  const only =
    r.columns.length === 1 && r.columns[0].name === 'value' && !expr.trim().startsWith('{');
  const value: ValueType = only
    ? r.columns[0].type === 'record' || r.columns[0].type === 'unknown'
      ? UNKNOWN
      : scalar(r.columns[0].type)
    : {
        kind: 'record',
        fields: Object.fromEntries(
          r.columns.map((c) => [
            c.name,
            c.type === 'record' || c.type === 'unknown' ? 'string' : c.type,
          ]),
        ),
      };
  return { ...input.rel, name: ident(node.id), value };
};

export const filter: SqlRule<'filter'> = (node, ctx) => {
  const [input] = ctx.inputs;
  const expr = node.config.expression;
  const r = toSql(expr, scopeOf(input.rel));
  let cond: string;
  if (r.ok && r.type === 'boolean') cond = r.code;
  else {
    const reason = r.ok ? 'the condition is not a true/false value' : r.reason;
    ctx.note(
      `Filter condition not translated (${reason}); every row passes until it is written: ${expr}`,
    );
    cond = todoSql('TRUE', expr, reason);
  }
  ctx.statement(
    view(node.id, `SELECT ${allColumns(input.rel.value)}\nFROM ${input.rel.name}\nWHERE ${cond}`),
  );
  return { ...input.rel, name: ident(node.id) };
};

export const flatMap: SqlRule<'flatMap'> = (node, ctx) => {
  const [input] = ctx.inputs;
  const expr = node.config.expression;
  const scope = scopeOf(input.rel);
  const items = arrayItems(expr, (item) => toSql(item, scope));
  const bad = !Array.isArray(items)
    ? items.reason
    : items.map((i) => (i.ok ? null : i.reason)).find((x) => x !== null);
  if (!Array.isArray(items) || bad) {
    ctx.note(`FlatMap not translated (${bad}); it emits nothing until it is written: ${expr}`);
    ctx.statement(
      view(
        node.id,
        `SELECT ${allColumns(input.rel.value)}\nFROM ${input.rel.name}\nWHERE ${todoSql('FALSE', expr, bad ?? '')}`,
      ),
    );
    return { ...input.rel, name: ident(node.id) };
  }
  const ok = items.flatMap((i) => (i.ok ? [i] : []));
  if (ok.length === 0) {
    ctx.statement(
      view(node.id, `SELECT ${allColumns(input.rel.value)}\nFROM ${input.rel.name}\nWHERE FALSE`),
    );
    return { ...input.rel, name: ident(node.id) };
  }
  const types = new Set(ok.map((i) => i.type));
  const type =
    types.size === 1
      ? ok[0].type
      : [...types].every((t) => t === 'long' || t === 'double')
        ? 'double'
        : null;
  if (type === null || type === 'record' || type === 'unknown') {
    ctx.note(`FlatMap elements have different types; not exported: ${expr}`);
    return null;
  }
  // One SELECT per array element: each input row gives one output row per element.
  const selects = ok.map(
    (i) =>
      `SELECT ${ident('key')}, ${type === 'double' && i.type === 'long' ? `CAST(${i.code} AS DOUBLE)` : i.code} AS ${ident('value')}, ts FROM ${input.rel.name}`,
  );
  ctx.statement(view(node.id, selects.join('\nUNION ALL\n')));
  return { ...input.rel, name: ident(node.id), value: scalar(type) };
};

export const keyBy: SqlRule<'keyBy'> = (node, ctx) => {
  const [input] = ctx.inputs;
  const expr = node.config.expression;
  if (expr.trim() === 'key') {
    ctx.statement('-- The key is already the `key` column: there is nothing to compute.');
    return input.rel;
  }
  const r = toSql(expr, scopeOf(input.rel));
  let key: string;
  if (r.ok && r.type === 'string') key = r.code;
  else if (r.ok && r.type === 'long') key = `CAST(${r.code} AS STRING)`;
  else {
    const reason = r.ok ? `a ${r.type} key prints differently in SQL` : r.reason;
    ctx.note(`KeyBy key selector not translated (${reason}): ${expr}`);
    key = todoSql('CAST(NULL AS STRING)', expr, reason);
  }
  ctx.statement(
    view(
      node.id,
      `SELECT ${key} AS ${ident('key')}, ${valueColumns(input.rel.value).join(', ')}, ts\nFROM ${input.rel.name}`,
    ),
  );
  return { ...input.rel, name: ident(node.id) };
};

export const union: SqlRule<'union'> = (node, ctx) => {
  const rels = ctx.inputs.map((i) => i.rel);
  if (rels.length === 1) return rels[0];
  if (!rels.every((r) => sameValueType(r.value, rels[0].value))) {
    ctx.note(
      'Union inputs have values of different types; SQL needs one row type, so the union is not exported',
    );
    return null;
  }
  ctx.statement(
    view(
      node.id,
      rels.map((r) => `SELECT ${allColumns(r.value)} FROM ${r.name}`).join('\nUNION ALL\n'),
    ),
  );
  return {
    name: ident(node.id),
    value: rels[0].value,
    rowtime: rels.every((r) => r.rowtime),
  } satisfies Relation;
};

export const watermarks: SqlRule<'watermarks'> = (node, ctx) => {
  const [input] = ctx.inputs;
  const source = ctx.watermarksSource(node.id);
  if (source)
    ctx.note(
      `SQL declares watermarks only in CREATE TABLE: this node's strategy is declared on the table of source ${source}`,
    );
  else
    ctx.note(
      `this Watermarks node is not exported: SQL declares watermarks only in a source's CREATE TABLE, and ${node.config.timestamp.trim() === 'timestamp' ? 'this node does not follow one source through Map, Filter, FlatMap or KeyBy steps' : `its timestamp expression (${node.config.timestamp}) would have to become a computed column`}`,
    );
  return input.rel;
};
