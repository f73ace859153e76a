import { ident, toSqlColumns } from '../../expression/sql';
import type { Scope } from '../../expression/common';
import { scalar, UNKNOWN, type ValueType } from '../../types';
import { interval, todoSql, type Relation, type SqlContext, type SqlRule } from '../context';

export const processFunction: SqlRule<'processFunction'> = (_node, ctx) => {
  ctx.note(
    'not expressible in SQL, nor anything after it: a KeyedProcessFunction (per-key state and timers running your code) has no SQL counterpart; the Java export carries it',
  );
  return null;
};

function sides(ctx: SqlContext) {
  const left = ctx.inputs.find((i) => i.edge.toPort === 'left')!.rel;
  const right = ctx.inputs.find((i) => i.edge.toPort === 'right')!.rel;
  return { left, right };
}

/** The select list for the join expression over left (alias L) and right (alias R). */
function joinColumns(
  expression: string,
  left: Relation,
  right: Relation,
  ctx: SqlContext,
): { select: string; value: ValueType } {
  const bind = (alias: string, rel: Relation) =>
    rel.value.kind === 'scalar'
      ? { code: `${alias}.${ident('value')}`, type: rel.value.type }
      : {
          code: '',
          type: 'unknown' as const,
          unavailable: 'a join side whose values are records is not translated to SQL',
        };
  const scope: Scope = {
    left: bind('L', left),
    right: bind('R', right),
    key: { code: `L.${ident('key')}`, type: 'string' },
  };
  const r = toSqlColumns(expression, scope);
  if (!r.ok) {
    ctx.note(`the join expression is not translated (${r.reason}): ${expression}`);
    return {
      select: `${todoSql('CAST(NULL AS STRING)', expression, r.reason)} AS ${ident('value')}`,
      value: UNKNOWN,
    };
  }
  const select = r.columns.map((c) => `${c.code} AS ${ident(c.name)}`).join(', ');
  const only =
    r.columns.length === 1 && r.columns[0].name === 'value' && !expression.trim().startsWith('{');
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
  return { select, value };
}

export const windowJoin: SqlRule<'windowJoin'> = (node, ctx) => {
  const { left, right } = sides(ctx);
  const c = node.config;
  const not = (why: string) => {
    ctx.note(`not exported to SQL, nor anything after it: ${why}`);
    return null;
  };
  if (!left.rowtime || !right.rowtime)
    return not(
      'a window join needs event time on both inputs (their sources declare no watermark strategy)',
    );
  if (c.assigner === 'session')
    return not(
      'a session window join needs the SESSION table function, which is newer than the Flink 1.16 grammar this export is checked against',
    );
  if (c.assigner === 'sliding' && c.size % c.slide !== 0)
    return not(
      `HOP needs the size (${c.size} ms) to be a whole multiple of the slide (${c.slide} ms)`,
    );
  const off = c.offset > 0 ? `, ${interval(c.offset)}` : '';
  const tvf = (t: string) =>
    c.assigner === 'tumbling'
      ? `TUMBLE(TABLE ${t}, DESCRIPTOR(ts), ${interval(c.size)}${off})`
      : `HOP(TABLE ${t}, DESCRIPTOR(ts), ${interval(c.slide)}, ${interval(c.size)}${off})`;
  const j = joinColumns(c.expression, left, right, ctx);
  // A window join of window table functions: same key, same window; window_time = end - 1 ms.
  ctx.statement(
    `CREATE TEMPORARY VIEW ${ident(node.id)} AS
SELECT L.${ident('key')}, ${j.select}, L.window_time AS ts
FROM (SELECT * FROM TABLE(${tvf(left.name)})) L
JOIN (SELECT * FROM TABLE(${tvf(right.name)})) R
ON L.${ident('key')} = R.${ident('key')} AND L.window_start = R.window_start AND L.window_end = R.window_end;`,
  );
  return { name: ident(node.id), value: j.value, rowtime: false };
};

/** `L.ts + INTERVAL ...` for a bound in ms (which may be negative or 0). */
function shifted(ms: number): string {
  if (ms === 0) return 'L.ts';
  return ms > 0 ? `L.ts + ${interval(ms)}` : `L.ts - ${interval(-ms)}`;
}

export const intervalJoin: SqlRule<'intervalJoin'> = (node, ctx) => {
  const { left, right } = sides(ctx);
  const c = node.config;
  if (!left.rowtime || !right.rowtime) {
    ctx.note(
      'not exported to SQL, nor anything after it: an interval join needs event time on both inputs (their sources declare no watermark strategy)',
    );
    return null;
  }
  const j = joinColumns(c.expression, left, right, ctx);
  ctx.note(
    'the result ts is GREATEST(L.ts, R.ts) as in the DataStream join, but in SQL it is no longer a time attribute, so no event-time window can follow it',
  );
  ctx.statement(
    `CREATE TEMPORARY VIEW ${ident(node.id)} AS
SELECT L.${ident('key')}, ${j.select}, GREATEST(L.ts, R.ts) AS ts
FROM ${left.name} L, ${right.name} R
WHERE L.${ident('key')} = R.${ident('key')}
  AND R.ts ${c.lowerBoundExclusive ? '>' : '>='} ${shifted(c.lowerBound)}
  AND R.ts ${c.upperBoundExclusive ? '<' : '<='} ${shifted(c.upperBound)};`,
  );
  return { name: ident(node.id), value: j.value, rowtime: false };
};
