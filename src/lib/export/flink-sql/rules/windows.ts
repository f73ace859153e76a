import type { NodeOf } from '../../../pipeline';
import type { WindowFunction } from '../../../pipeline/kinds';
import { ident } from '../../expression/sql';
import { scalar, type Scalar } from '../../types';
import { interval, type Relation, type SqlContext, type SqlRule } from '../context';

type TimeWindowNode = NodeOf<'tumblingWindow'> | NodeOf<'slidingWindow'> | NodeOf<'sessionWindow'>;

/** The SQL aggregate for a window function, or why there is none. */
function aggregate(
  fn: WindowFunction,
  rel: Relation,
): { ok: true; code: string; type: Scalar } | { ok: false; reason: string } {
  if (fn.type === 'count') return { ok: true, code: 'COUNT(*)', type: 'long' };
  let agg: 'SUM' | 'MIN' | 'MAX' | 'AVG';
  let field: string | null = null;
  if (fn.type === 'reduce') {
    const e = fn.expression.replace(/\s+/g, '');
    if (e === 'a+b' || e === 'b+a') agg = 'SUM';
    else if (/^Math\.max\((a,b|b,a)\)$/.test(e) || e === 'a>b?a:b' || e === 'a>=b?a:b') agg = 'MAX';
    else if (/^Math\.min\((a,b|b,a)\)$/.test(e) || e === 'a<b?a:b' || e === 'a<=b?a:b') agg = 'MIN';
    else
      return {
        ok: false,
        reason: `the reduce function ${fn.expression} is not a sum, min or max, and SQL has no user reduce`,
      };
  } else if (fn.type === 'aggregate' || fn.type === 'process') {
    return {
      ok: false,
      reason: `a window ${fn.type} function runs user code over the window, which SQL cannot express (use the Java job)`,
    };
  } else {
    agg = ({ sum: 'SUM', min: 'MIN', max: 'MAX', average: 'AVG' } as const)[fn.type];
    field = fn.field;
  }
  let colType: Scalar | undefined;
  let col: string;
  if (rel.value.kind === 'record') {
    if (field === null)
      return { ok: false, reason: 'the value is a record; choose the field to aggregate' };
    colType = rel.value.fields[field];
    col = ident(field);
  } else {
    if (field !== null) return { ok: false, reason: `the value has no field ${field}` };
    colType = rel.value.kind === 'scalar' ? rel.value.type : undefined;
    col = ident('value');
  }
  if (colType !== 'long' && colType !== 'double')
    return { ok: false, reason: `${agg} needs a numeric value` };
  // Streamlab averages as JavaScript numbers (doubles); AVG of a BIGINT would round to BIGINT.
  if (agg === 'AVG') return { ok: true, code: `AVG(CAST(${col} AS DOUBLE))`, type: 'double' };
  return { ok: true, code: `${agg}(${col})`, type: colType };
}

/** Checks shared by all time windows; returns the aggregate or null after noting why not. */
function prepare(node: TimeWindowNode, ctx: SqlContext) {
  const c = node.config;
  const [input] = ctx.inputs;
  const not = (why: string) => {
    ctx.note(`not exported to SQL, nor anything after it: ${why}`);
    return null;
  };
  if (c.time === 'processing')
    return not(
      'processing-time windows need a PROCTIME() attribute, which this export does not declare',
    );
  if (!input.rel.rowtime)
    return not('its input has no event-time attribute (the source declares no watermark strategy)');
  if (c.trigger.type !== 'default')
    return not(
      `the ${c.trigger.type} trigger: SQL window aggregations fire only when the watermark passes the window end`,
    );
  if (c.evictor !== null) return not('evictors do not exist in SQL');
  const agg = aggregate(c.function, input.rel);
  if (!agg.ok) return not(agg.reason);
  if (c.allowedLateness > 0)
    ctx.note(
      `allowed lateness of ${c.allowedLateness} ms is not exported: SQL window aggregations drop late rows, so the late firings are missing`,
    );
  const late = ctx.doc.edges.filter((e) => e.from === node.id && e.fromPort === 'late');
  if (late.length > 0)
    ctx.note(
      `the late-data side output is not exported (SQL drops late rows), nor what reads it (${late.map((e) => e.to).join(', ')})`,
    );
  return { input: input.rel, agg, keyed: !c.nonKeyed };
}

function windowView(
  node: TimeWindowNode,
  ctx: SqlContext,
  tvf: (table: string) => string,
): Relation | null {
  const p = prepare(node, ctx);
  if (!p) return null;
  const key = p.keyed ? ident('key') : `CAST(NULL AS STRING) AS ${ident('key')}`;
  const groupBy = [...(p.keyed ? [ident('key')] : []), 'window_start', 'window_end', 'window_time'];
  // window_time = window_end - 1 ms, the timestamp Flink (and Streamlab) give a window result.
  ctx.statement(
    `CREATE TEMPORARY VIEW ${ident(node.id)} AS\nSELECT ${key}, ${p.agg.code} AS ${ident('value')}, window_time AS ts\nFROM TABLE(\n  ${tvf(p.input.name)}\n)\nGROUP BY ${groupBy.join(', ')};`,
  );
  return { name: ident(node.id), value: scalar(p.agg.type), rowtime: true };
}

/** The offset argument; reduced modulo the period as Streamlab's and Flink's assigners do. */
const offsetArg = (offset: number, period: number) => {
  // A negative offset gives the same window starts as offset + period; SQL gets the positive one.
  const o = ((offset % period) + period) % period;
  return o > 0 ? `, ${interval(o)}` : '';
};

export const tumblingWindow: SqlRule<'tumblingWindow'> = (node, ctx) =>
  windowView(
    node,
    ctx,
    (t) =>
      `TUMBLE(TABLE ${t}, DESCRIPTOR(ts), ${interval(node.config.size)}${offsetArg(node.config.offset, node.config.size)})`,
  );

export const slidingWindow: SqlRule<'slidingWindow'> = (node, ctx) => {
  const { size, slide, offset } = node.config;
  if (size % slide !== 0) {
    // The HOP table function needs size = n × slide; the older group-window HOP does not, but
    // it has no offset.
    if (offset % slide !== 0) {
      ctx.note(
        `not exported to SQL, nor anything after it: the HOP table function needs the size (${size} ms) to be a whole multiple of the slide (${slide} ms), and the group-window HOP has no offset`,
      );
      return null;
    }
    const p = prepare(node, ctx);
    if (!p) return null;
    ctx.note(
      `the size (${size} ms) is not a whole multiple of the slide (${slide} ms), which the HOP table function needs: exported in the group-window form GROUP BY HOP(...), which has the same windows`,
    );
    return groupWindowView(node, ctx, p, 'HOP', `${interval(slide)}, ${interval(size)}`);
  }
  return windowView(
    node,
    ctx,
    (t) =>
      `HOP(TABLE ${t}, DESCRIPTOR(ts), ${interval(slide)}, ${interval(size)}${offsetArg(offset, slide)})`,
  );
};

export const sessionWindow: SqlRule<'sessionWindow'> = (node, ctx) => {
  const p = prepare(node, ctx);
  if (!p) return null;
  const gap = interval(node.config.gap);
  ctx.note(
    'session windows use the group-window form GROUP BY SESSION(...): the SESSION table function is newer than the Flink 1.16 grammar this export is checked against',
  );
  return groupWindowView(node, ctx, p, 'SESSION', gap);
};

/**
 * The group-window form `GROUP BY <fn>(ts, args)`, for windows the table functions of the
 * checked grammar cannot express; `<fn>_ROWTIME` is the window end - 1 ms, as `window_time` is.
 */
function groupWindowView(
  node: TimeWindowNode,
  ctx: SqlContext,
  p: NonNullable<ReturnType<typeof prepare>>,
  fn: 'HOP' | 'SESSION',
  args: string,
): Relation {
  const key = p.keyed ? ident('key') : `CAST(NULL AS STRING) AS ${ident('key')}`;
  ctx.statement(
    `CREATE TEMPORARY VIEW ${ident(node.id)} AS\nSELECT ${key}, ${p.agg.code} AS ${ident('value')}, ${fn}_ROWTIME(ts, ${args}) AS ts\nFROM ${p.input.name}\nGROUP BY ${p.keyed ? `${ident('key')}, ` : ''}${fn}(ts, ${args});`,
  );
  return { name: ident(node.id), value: scalar(p.agg.type), rowtime: true };
}

export const globalWindow: SqlRule<'globalWindow'> = (_node, ctx) => {
  ctx.note(
    'not exported to SQL, nor anything after it: global windows fire only by a custom trigger, which SQL does not have',
  );
  return null;
};

export const countWindow: SqlRule<'countWindow'> = (_node, ctx) => {
  ctx.note(
    'not exported to SQL, nor anything after it: SQL has no count windows (they are a DataStream feature)',
  );
  return null;
};
