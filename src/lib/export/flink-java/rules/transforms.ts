import { arrayItems, toJava } from '../../expression/java';
import { sameValueType } from '../../graph';
import { scalar, UNKNOWN, type ValueType } from '../../types';
import {
  eventType,
  operatorSuffix,
  partitioned,
  scopeOf,
  typeHint,
  watermarkStrategy,
  type JavaRule,
} from '../context';
import type { Ty } from '../../expression/common';

function valueOf(
  t: Ty,
  fields?: Record<string, 'long' | 'double' | 'string' | 'boolean'>,
): ValueType {
  if (t === 'record') return fields ? { kind: 'record', fields } : UNKNOWN;
  if (t === 'unknown') return UNKNOWN;
  return scalar(t);
}

export const map: JavaRule<'map'> = (node, ctx) => {
  const [input] = ctx.inputs;
  const expr = node.config.expression;
  const r = toJava(expr, scopeOf(input.stream.value));
  let code: string;
  let value: ValueType;
  if (r.ok) {
    code = r.code;
    value = valueOf(r.type, r.fields);
  } else {
    code = ctx.todo('unknown', expr, r.reason, 'the Map expression');
    value = UNKNOWN;
  }
  ctx.statement(`DataStream<${eventType(value)}> ${ctx.variable} =
        ${partitioned(input)}.map(e -> Event.of(e.key, ${code}, e.timestamp))
        .returns(${typeHint(value)})${operatorSuffix(node)};`);
  return { variable: ctx.variable, value, keyed: false };
};

export const filter: JavaRule<'filter'> = (node, ctx) => {
  const [input] = ctx.inputs;
  const expr = node.config.expression;
  const r = toJava(expr, scopeOf(input.stream.value));
  const code =
    r.ok && r.type === 'boolean'
      ? r.code
      : ctx.todo(
          'boolean',
          expr,
          r.ok ? 'the condition is not a true/false value' : r.reason,
          'the Filter condition',
        );
  ctx.statement(`DataStream<${eventType(input.stream.value)}> ${ctx.variable} =
        ${partitioned(input)}.filter(e -> ${code})${operatorSuffix(node)};`);
  return { variable: ctx.variable, value: input.stream.value, keyed: false };
};

export const flatMap: JavaRule<'flatMap'> = (node, ctx) => {
  const [input] = ctx.inputs;
  const expr = node.config.expression;
  const scope = scopeOf(input.stream.value);
  const items = arrayItems(expr, (i) => toJava(i, scope));
  let body: string[];
  let value: ValueType;
  const bad = !Array.isArray(items)
    ? items.reason
    : items.map((i) => (i.ok ? null : i.reason)).find((x) => x);
  const oks = Array.isArray(items) ? items.flatMap((i) => (i.ok ? [i] : [])) : [];
  const types = new Set(oks.map((i) => i.type));
  if (bad || types.size > 1 || types.has('record') || types.has('unknown')) {
    const reason = bad ?? 'the elements have different types';
    value = UNKNOWN;
    body = [`${ctx.todo('unknown', expr, reason, 'the FlatMap expression')};`];
  } else {
    value = oks.length > 0 ? valueOf(oks[0].type) : input.stream.value;
    body = oks.map((i) => `out.collect(Event.of(e.key, ${i.code}, e.timestamp));`);
  }
  ctx.statement(`DataStream<${eventType(value)}> ${ctx.variable} =
        ${partitioned(input)}.flatMap(
        (${eventType(input.stream.value)} e, Collector<${eventType(value)}> out) -> {
        ${body.join('\n')}
        })
        .returns(${typeHint(value)})${operatorSuffix(node)};`);
  return { variable: ctx.variable, value, keyed: false };
};

export const keyBy: JavaRule<'keyBy'> = (node, ctx) => {
  const [input] = ctx.inputs;
  const expr = node.config.expression.trim();
  const t = eventType(input.stream.value);
  if (expr === 'key') {
    ctx.statement(`// keyBy is a partitioning, not an operator: it has no uid of its own.
        KeyedStream<${t}, String> ${ctx.variable} = ${partitioned(input)}.keyBy(e -> e.key, Types.STRING);`);
    return { variable: ctx.variable, value: input.stream.value, keyed: true };
  }
  const r = toJava(expr, scopeOf(input.stream.value));
  let key: string;
  if (r.ok && r.type === 'string') key = r.code;
  else if (r.ok && (r.type === 'long' || r.type === 'boolean')) key = `String.valueOf(${r.code})`;
  else
    key = ctx.todo(
      'string',
      expr,
      r.ok ? `a ${r.type} key prints differently in Java` : r.reason,
      'the KeyBy key selector',
    );
  ctx.statement(`// The key is computed by a map (which carries the node's uid), then the stream is keyed.
        KeyedStream<${t}, String> ${ctx.variable} =
        ${partitioned(input)}.map(e -> Event.of(${key}, e.value, e.timestamp))
        .returns(${typeHint(input.stream.value)})${operatorSuffix(node)}
        .keyBy(e -> e.key, Types.STRING);`);
  return { variable: ctx.variable, value: input.stream.value, keyed: true };
};

export const union: JavaRule<'union'> = (_node, ctx) => {
  const streams = ctx.inputs.map(partitioned);
  const v = ctx.inputs[0].stream.value;
  if (!ctx.inputs.every((i) => sameValueType(i.stream.value, v))) {
    ctx.note(
      'the inputs of this Union have values of different types; Java needs one type, so it is not exported',
    );
    return null;
  }
  if (streams.length === 1) return { ...ctx.inputs[0].stream, keyed: false };
  ctx.statement(`// union is not an operator in Flink: it has no uid, name or parallelism of its own.
        DataStream<${eventType(v)}> ${ctx.variable} = ${streams[0]}.union(${streams.slice(1).join(', ')});`);
  return { variable: ctx.variable, value: v, keyed: false };
};

export const watermarks: JavaRule<'watermarks'> = (node, ctx) => {
  const [input] = ctx.inputs;
  const v = input.stream.value;
  const expr = node.config.timestamp.trim();
  let stamp = '';
  if (expr !== 'timestamp') {
    const r = toJava(expr, scopeOf(v));
    const code =
      r.ok && r.type === 'long'
        ? r.code
        : ctx.todo(
            'long',
            expr,
            r.ok ? `the timestamp is a ${r.type}, not whole milliseconds` : r.reason,
            'the timestamp expression',
          );
    stamp = `
        .map(e -> Event.of(e.key, e.value, ${code}))
        .returns(${typeHint(v)})${operatorSuffix(node, `${node.id}-timestamps`, `${node.name || node.id} (timestamps)`)}`;
  }
  // With a timestamp map first, the map starts the new chain and the assigner stays chained to it.
  const afterStamp = stamp !== '' && node.chaining === 'startNewChain' ? 'default' : node.chaining;
  ctx.statement(`DataStream<${eventType(v)}> ${ctx.variable} =
        ${partitioned(input)}${stamp}
        .assignTimestampsAndWatermarks(
        ${watermarkStrategy(node.config.strategy, v, ctx)})${operatorSuffix(node, node.id, node.name || node.id, afterStamp)};`);
  return { variable: ctx.variable, value: v, keyed: false };
};
