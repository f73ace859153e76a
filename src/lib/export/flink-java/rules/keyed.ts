import { statesOf } from '../../../pipeline/kinds/keyed';
import { commentSafe, type Scope, type Ty } from '../../expression/common';
import { toJava } from '../../expression/java';
import { scalar, UNKNOWN, type ValueType } from '../../types';
import {
  eventType,
  millis,
  operatorSuffix,
  str,
  typeHint,
  valueTy,
  type JavaContext,
  type JavaRule,
  type JStream,
} from '../context';

function javaName(name: string, used: Set<string>): string {
  let id = name.replace(/[^A-Za-z0-9_]/g, '_');
  if (!/^[A-Za-z_]/.test(id)) id = `s_${id}`;
  id = `${id}State`;
  while (used.has(id)) id = `${id}_`;
  used.add(id);
  return id;
}

/** The user's JavaScript as Java line comments, to translate by hand. */
function asComment(code: string): string {
  return code
    .split(/\r?\n/)
    .map((l) => `// | ${l}`)
    .join('\n');
}

export const processFunction: JavaRule<'processFunction'> = (node, ctx) => {
  const [input] = ctx.inputs;
  const v = input.stream.value;
  const cls = ctx.className('Process');
  const { processElement, onTimer } = node.config;
  const states = statesOf(`${processElement}\n${onTimer}`);
  const used = new Set<string>();
  const fields = states.map((s) => ({ ...s, field: javaName(s.name, used) }));
  const decl = fields.map((s) =>
    s.type === 'value'
      ? `private transient ValueState<Object> ${s.field};`
      : s.type === 'list'
        ? `private transient ListState<Object> ${s.field};`
        : `private transient MapState<Object, Object> ${s.field};`,
  );
  const init = fields.map((s) =>
    s.type === 'value'
      ? `${s.field} = getRuntimeContext().getState(new ValueStateDescriptor<>(${str(s.name)}, TypeInformation.of(Object.class)));`
      : s.type === 'list'
        ? `${s.field} = getRuntimeContext().getListState(new ListStateDescriptor<>(${str(s.name)}, TypeInformation.of(Object.class)));`
        : `${s.field} = getRuntimeContext().getMapState(new MapStateDescriptor<>(${str(s.name)}, TypeInformation.of(Object.class), TypeInformation.of(Object.class)));`,
  );
  ctx.note(
    'processElement and onTimer are JavaScript in Streamlab and are not translated: the generated KeyedProcessFunction declares the same keyed state and carries the code as comments, with a TODO that fails at run time until it is written in Java',
  );
  const where = (fn: string) =>
    str(`${fn} of node ${node.id} (the JavaScript is in the comment above)`);
  ctx.helper(
    cls,
    `/**
 * The process function "${commentSafe(node.name || node.id)}". Results are Event.of(ctx.getCurrentKey(), value, ts):
 * ts = the element's timestamp in processElement, the timer's in onTimer.
 */
public static class ${cls} extends KeyedProcessFunction<String, ${eventType(v)}, Event<Object>> {
${decl.join('\n')}

@Override
public void open(OpenContext openContext) throws Exception {
${init.join('\n')}
}

@Override
public void processElement(${eventType(v)} e, Context ctx, Collector<Event<Object>> out) throws Exception {
// Streamlab's processElement(value, ctx, state, out):
${asComment(processElement)}
Job.todo(${where('processElement')});
}

@Override
public void onTimer(long timestamp, OnTimerContext ctx, Collector<Event<Object>> out) throws Exception {
// Streamlab's onTimer(timestamp, ctx, state, out):
${asComment(onTimer)}
Job.todo(${where('onTimer')});
}
}`,
  );
  ctx.statement(`SingleOutputStreamOperator<Event<Object>> ${ctx.variable} =
        ${input.stream.variable}.process(new ${cls}())
        .returns(${typeHint(UNKNOWN)})${operatorSuffix(node)};`);
  return { variable: ctx.variable, value: UNKNOWN, keyed: false };
};

function sides(ctx: JavaContext) {
  const left = ctx.inputs.find((i) => i.edge.toPort === 'left')!;
  const right = ctx.inputs.find((i) => i.edge.toPort === 'right')!;
  return { left, right };
}

/** The join expression over left, right and key, as Java over Event l, Event r. */
function joinExpression(
  expression: string,
  l: ValueType,
  r: ValueType,
  ctx: JavaContext,
): { code: string; value: ValueType } {
  const bind = (code: string, v: ValueType) => ({
    code,
    type: valueTy(v),
    fields: v.kind === 'record' ? v.fields : undefined,
  });
  const scope: Scope = {
    left: bind('l.value', l),
    right: bind('r.value', r),
    key: { code: 'l.key', type: 'string' },
  };
  const t = toJava(expression, scope);
  if (!t.ok)
    return {
      code: ctx.todo('unknown', expression, t.reason, 'the join expression'),
      value: UNKNOWN,
    };
  const ty: Ty = t.type;
  const value: ValueType =
    ty === 'record'
      ? t.fields
        ? { kind: 'record', fields: t.fields }
        : UNKNOWN
      : ty === 'unknown'
        ? UNKNOWN
        : scalar(ty);
  return { code: t.code, value };
}

export const windowJoin: JavaRule<'windowJoin'> = (node, ctx) => {
  const { left, right } = sides(ctx);
  const c = node.config;
  const assigner =
    c.assigner === 'tumbling'
      ? `TumblingEventTimeWindows.of(${millis(c.size)}${c.offset > 0 ? `, ${millis(c.offset)}` : ''})`
      : c.assigner === 'sliding'
        ? `SlidingEventTimeWindows.of(${millis(c.size)}, ${millis(c.slide)}${c.offset > 0 ? `, ${millis(c.offset)}` : ''})`
        : `EventTimeSessionWindows.withGap(${millis(c.gap)})`;
  const lv = left.stream.value;
  const rv = right.stream.value;
  const j = joinExpression(c.expression, lv, rv, ctx);
  const cls = ctx.className('Join');
  ctx.helper(
    cls,
    `/** The join function of "${commentSafe(node.name || node.id)}": ${commentSafe(c.expression)} */
public static class ${cls} implements JoinFunction<${eventType(lv)}, ${eventType(rv)}, ${eventType(j.value)}> {
@Override
public ${eventType(j.value)} join(${eventType(lv)} l, ${eventType(rv)} r) {
// The timestamp is set afterwards from the record's (the window's maxTimestamp).
return Event.of(l.key, ${j.code}, 0L);
}
}`,
  );
  ctx.helper(
    'StampRecordTimestamp',
    `/** Copies a record's timestamp into its Event (after a window join: window.maxTimestamp(), end - 1). */
public static class StampRecordTimestamp<V> extends ProcessFunction<Event<V>, Event<V>> {
@Override
public void processElement(Event<V> e, Context ctx, Collector<Event<V>> out) {
out.collect(Event.of(e.key, e.value, ctx.timestamp()));
}
}`,
  );
  ctx.statement(`// A window join: pairs of elements with the same key in the same window, emitted when it fires.
        // join().apply() returns a DataStream, so the uid is set on the step that copies the timestamp.
        SingleOutputStreamOperator<${eventType(j.value)}> ${ctx.variable} =
        ${left.stream.variable}.join(${right.stream.variable})
        .where(e -> e.key, Types.STRING)
        .equalTo(e -> e.key, Types.STRING)
        .window(${assigner})
        .apply(new ${cls}(), ${typeHint(j.value)}.getTypeInfo())
        .process(new StampRecordTimestamp<${javaValue(j.value)}>())
        .returns(${typeHint(j.value)})${operatorSuffix(node)};`);
  return { variable: ctx.variable, value: j.value, keyed: false } satisfies JStream;
};

/** The boxed Java type of a value, as in Event<...>. */
function javaValue(v: ValueType): string {
  return eventType(v).replace(/^Event<(.*)>$/, '$1');
}

export const intervalJoin: JavaRule<'intervalJoin'> = (node, ctx) => {
  const { left, right } = sides(ctx);
  const c = node.config;
  const lv = left.stream.value;
  const rv = right.stream.value;
  const j = joinExpression(c.expression, lv, rv, ctx);
  const cls = ctx.className('Join');
  ctx.helper(
    cls,
    `/** The join function of "${commentSafe(node.name || node.id)}": ${commentSafe(c.expression)} */
public static class ${cls} extends ProcessJoinFunction<${eventType(lv)}, ${eventType(rv)}, ${eventType(j.value)}> {
@Override
public void processElement(${eventType(lv)} l, ${eventType(rv)} r, Context ctx, Collector<${eventType(j.value)}> out) {
// A joined pair's timestamp is the larger of the two.
out.collect(Event.of(l.key, ${j.code}, Math.max(ctx.getLeftTimestamp(), ctx.getRightTimestamp())));
}
}`,
  );
  const excl = [
    ...(c.lowerBoundExclusive ? ['.lowerBoundExclusive()'] : []),
    ...(c.upperBoundExclusive ? ['.upperBoundExclusive()'] : []),
  ];
  ctx.statement(`SingleOutputStreamOperator<${eventType(j.value)}> ${ctx.variable} =
        ${left.stream.variable}.intervalJoin(${right.stream.variable})
        .between(${millis(c.lowerBound)}, ${millis(c.upperBound)})${excl.map((x) => `\n        ${x}`).join('')}
        .process(new ${cls}())
        .returns(${typeHint(j.value)})${operatorSuffix(node)};`);
  return { variable: ctx.variable, value: j.value, keyed: false };
};
