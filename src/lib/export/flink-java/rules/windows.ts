import type { NodeOf } from '../../../pipeline';
import type { Trigger, WindowFunction } from '../../../pipeline/kinds';
import type { Scope, Ty } from '../../expression/common';
import { javaBoxed, javaField, toJava } from '../../expression/java';
import { sameValueType } from '../../graph';
import { scalar, UNKNOWN, type ValueType } from '../../types';
import {
  eventType,
  millis,
  operatorSuffix,
  partitioned,
  str,
  typeHint,
  valueTy,
  type JavaContext,
  type JavaRule,
  type JStream,
} from '../context';

type AnyWindow =
  | NodeOf<'tumblingWindow'>
  | NodeOf<'slidingWindow'>
  | NodeOf<'sessionWindow'>
  | NodeOf<'globalWindow'>
  | NodeOf<'countWindow'>;

function triggerCode(t: Trigger): string | null {
  const purge = (inner: string, purging: boolean) =>
    purging ? `PurgingTrigger.of(${inner})` : inner;
  switch (t.type) {
    case 'default':
      return null;
    case 'count':
      return purge(`CountTrigger.of(${t.count})`, t.purging);
    case 'continuousEventTime':
      return purge(`ContinuousEventTimeTrigger.of(${millis(t.interval)})`, t.purging);
    case 'continuousProcessingTime':
      return purge(`ContinuousProcessingTimeTrigger.of(${millis(t.interval)})`, t.purging);
    case 'purging':
      return `PurgingTrigger.of(${t.of === 'eventTime' ? 'EventTimeTrigger.create()' : 'ProcessingTimeTrigger.create()'})`;
  }
}

interface Agg {
  acc: string;
  out: Ty;
  create: string;
  add: string[];
  result: string;
  merge: string[];
  extra?: string;
  description: string;
}

/** The AggregateFunction parts for a window function, translated from the user's code. */
function aggregateParts(
  fn: Exclude<WindowFunction, { type: 'process' }>,
  v: ValueType,
  ctx: JavaContext,
): Agg {
  const vt = valueTy(v);
  if (fn.type === 'count')
    return {
      acc: 'Long',
      out: 'long',
      create: '0L',
      add: ['return acc + 1;'],
      result: 'acc',
      merge: ['return a + b;'],
      description: 'counts the elements',
    };
  if (fn.type === 'sum' || fn.type === 'min' || fn.type === 'max' || fn.type === 'average') {
    let x = 'e.value';
    let t: Ty = vt;
    if (fn.field !== null) {
      if (v.kind === 'record' && fn.field in v.fields) {
        t = v.fields[fn.field];
        x = javaField('e.value', fn.field, v.fields[fn.field]);
      } else t = 'unknown';
    }
    if (t !== 'long' && t !== 'double') {
      const todo = ctx.todo(
        'double',
        `${fn.type}(${fn.field ?? 'value'})`,
        'the value is not a known number',
        'the window function',
      );
      x = todo;
      t = 'double';
    }
    const what = fn.field ? `the field ${fn.field}` : 'the values';
    if (fn.type === 'sum')
      return {
        acc: javaBoxed(t),
        out: t,
        create: t === 'long' ? '0L' : '0.0',
        add: [`return acc + ${x};`],
        result: 'acc',
        merge: ['return a + b;'],
        description: `sums ${what}`,
      };
    if (fn.type === 'average')
      return {
        acc: 'double[]',
        out: 'double',
        create: 'new double[] {0.0, 0.0}',
        add: [`acc[0] += ${x};`, 'acc[1] += 1;', 'return acc;'],
        result: 'acc[0] / acc[1]',
        merge: ['a[0] += b[0];', 'a[1] += b[1];', 'return a;'],
        description: `averages ${what}`,
      };
    const f = fn.type === 'min' ? 'Math.min' : 'Math.max';
    return {
      acc: javaBoxed(t),
      out: t,
      create: 'null',
      add: [`return acc == null ? ${x} : ${f}(acc, ${x});`],
      result: 'acc',
      merge: [`return a == null ? b : b == null ? a : ${f}(a, b);`],
      description: `the ${fn.type === 'min' ? 'minimum' : 'maximum'} of ${what}`,
    };
  }
  if (fn.type === 'reduce') {
    const scope: Scope = {
      a: { code: 'a', type: vt, fields: v.kind === 'record' ? v.fields : undefined },
      b: { code: 'b', type: vt, fields: v.kind === 'record' ? v.fields : undefined },
    };
    const r = toJava(fn.expression, scope);
    const same =
      r.ok &&
      (r.type === vt ||
        (r.type === 'record' &&
          v.kind === 'record' &&
          sameValueType(v, { kind: 'record', fields: r.fields ?? {} })));
    const body =
      same && r.ok
        ? r.code
        : ctx.todo(
            vt,
            fn.expression,
            r.ok ? `the result is a ${r.type}, the values are ${vt}` : r.reason,
            'the reduce function',
          );
    const T = javaBoxed(vt);
    return {
      acc: T,
      out: vt,
      create: 'null',
      add: ['return acc == null ? e.value : reduce(acc, e.value);'],
      result: 'acc',
      merge: ['return a == null ? b : b == null ? a : reduce(a, b);'],
      extra: `/** The reduce function: ${fn.expression.replace(/\*\//g, '* /')} */\nprivate static ${T} reduce(${T} a, ${T} b) {\nreturn ${body};\n}`,
      description: 'reduces the values',
    };
  }
  // A user AggregateFunction: create, add(acc, value), merge(a, b), result(acc).
  const ag = fn as Extract<WindowFunction, { type: 'aggregate' }>;
  const c = toJava(ag.create, {});
  const ct: Ty = c.ok && c.type !== 'record' && c.type !== 'unknown' ? c.type : 'unknown';
  const create =
    c.ok && ct !== 'unknown'
      ? c.code
      : ctx.todo(
          'unknown',
          ag.create,
          c.ok ? 'only a number, string or true/false accumulator is translated' : c.reason,
          'aggregate create',
        );
  const accB = { code: 'acc', type: ct };
  const value = { code: 'e.value', type: vt, fields: v.kind === 'record' ? v.fields : undefined };
  const expect = (src: string, scope: Scope, want: Ty | null, what: string) => {
    const r = toJava(src, scope);
    if (r.ok && ct !== 'unknown' && (want === null || r.type === want))
      return { code: r.code, type: r.type };
    return {
      code: ctx.todo(
        want ?? 'unknown',
        src,
        r.ok
          ? ct === 'unknown'
            ? 'the accumulator is not translated'
            : `the result is a ${r.type}, the accumulator a ${ct}`
          : r.reason,
        what,
      ),
      type: want ?? ('unknown' as Ty),
    };
  };
  const add = expect(
    ag.add,
    {
      acc: accB,
      accumulator: accB,
      value,
      key: { code: 'e.key', type: 'string' },
      timestamp: { code: 'e.timestamp', type: 'long' },
    },
    ct,
    'aggregate add',
  );
  const merge = expect(
    ag.merge,
    { a: { code: 'a', type: ct }, b: { code: 'b', type: ct } },
    ct,
    'aggregate merge',
  );
  const result = expect(ag.result, { acc: accB, accumulator: accB }, null, 'aggregate result');
  return {
    acc: javaBoxed(ct),
    out: result.type,
    create,
    add: [`return ${add.code};`],
    result: result.code,
    merge: [`return ${merge.code};`],
    description: 'the user\u2019s aggregate function',
  };
}

function windowRule(node: AnyWindow, ctx: JavaContext): JStream {
  const c = node.config;
  const [input] = ctx.inputs;
  const v = input.stream.value;
  const keyed = !c.nonKeyed;
  const W =
    node.kind === 'globalWindow' || node.kind === 'countWindow' ? 'GlobalWindow' : 'TimeWindow';
  const lines: string[] = [];
  const source = keyed ? input.stream.variable : partitioned(input);
  const all = keyed ? '' : 'All';

  if (node.kind === 'countWindow') {
    const { size, slide } = node.config;
    lines.push(`.countWindow${all}(${size}${slide !== null ? `, ${slide}` : ''})`);
  } else {
    let assigner: string;
    if (node.kind === 'globalWindow') assigner = 'GlobalWindows.create()';
    else {
      const time = node.config.time === 'event' ? 'EventTime' : 'ProcessingTime';
      if (node.kind === 'sessionWindow')
        assigner = `${time === 'EventTime' ? 'EventTime' : 'ProcessingTime'}SessionWindows.withGap(${millis(node.config.gap)})`;
      else {
        // Validation keeps |offset| < size (tumbling) or < slide (sliding), as Flink's assigners
        // require; a negative offset (e.g. −8 h to align days to a time zone) is passed as it is.
        const offset = node.config.offset;
        const off = offset !== 0 ? `, ${millis(offset)}` : '';
        assigner =
          node.kind === 'tumblingWindow'
            ? `Tumbling${time}Windows.of(${millis(node.config.size)}${off})`
            : `Sliding${time}Windows.of(${millis(node.config.size)}, ${millis(node.config.slide)}${off})`;
      }
    }
    lines.push(`.window${all}(${assigner})`);
    const nodeCfg = node.config;
    const trig = triggerCode(nodeCfg.trigger);
    if (trig) lines.push(`.trigger(${trig})`);
    else if (node.kind === 'globalWindow')
      ctx.note(
        'a global window with the default trigger never fires (GlobalWindows uses NeverTrigger)',
      );
    if (nodeCfg.evictor)
      lines.push(
        nodeCfg.evictor.type === 'count'
          ? `.evictor(CountEvictor.of(${nodeCfg.evictor.count}, ${nodeCfg.evictor.afterFunction}))`
          : `.evictor(TimeEvictor.of(${millis(nodeCfg.evictor.keep)}, ${nodeCfg.evictor.afterFunction}))`,
      );
    if (nodeCfg.allowedLateness > 0)
      lines.push(`.allowedLateness(${millis(nodeCfg.allowedLateness)})`);
  }

  const lateEdges = ctx.doc.edges.filter((e) => e.from === node.id && e.fromPort === 'late');
  const tag = `${ctx.variable}LateTag`;
  if (lateEdges.length > 0) {
    ctx.statement(
      `final OutputTag<${eventType(v)}> ${tag} = new OutputTag<${eventType(v)}>(${str(`${node.id}-late`)}) {};`,
    );
    lines.push(`.sideOutputLateData(${tag})`);
  }

  const fn = c.function;
  const cls = ctx.className('Function');
  let out: ValueType;
  if (fn.type === 'process') {
    out = UNKNOWN;
    const todo = ctx.todo(
      'unknown',
      fn.expression,
      'a process function over all elements is not translated',
      'the window process function',
    );
    const sig = keyed
      ? `ProcessWindowFunction<${eventType(v)}, Event<Object>, String, ${W}>`
      : `ProcessAllWindowFunction<${eventType(v)}, Event<Object>, ${W}>`;
    ctx.helper(
      cls,
      `/** The process function of window "${node.name || node.id}" (elements, key, window). */
public static class ${cls} extends ${sig} {
@Override
public void process(${keyed ? 'String key, ' : ''}Context context, Iterable<${eventType(v)}> elements, Collector<Event<Object>> out) {
Object result = ${todo};
out.collect(Event.of(${keyed ? 'key' : 'null'}, result, context.window().maxTimestamp()));
}
}`,
    );
    lines.push(`.process(new ${cls}())`);
  } else {
    const a = aggregateParts(fn, v, ctx);
    const O = javaBoxed(a.out);
    out = a.out === 'record' || a.out === 'unknown' ? UNKNOWN : scalar(a.out);
    ctx.helper(
      cls,
      `/** The window function of "${node.name || node.id}": ${a.description}. */
public static class ${cls} implements AggregateFunction<${eventType(v)}, ${a.acc}, ${O}> {
@Override
public ${a.acc} createAccumulator() {
return ${a.create};
}

@Override
public ${a.acc} add(${eventType(v)} e, ${a.acc} acc) {
${a.add.join('\n')}
}

@Override
public ${O} getResult(${a.acc} acc) {
return ${a.result};
}

@Override
public ${a.acc} merge(${a.acc} a, ${a.acc} b) {
${a.merge.join('\n')}
}${a.extra ? `\n\n${a.extra}` : ''}
}`,
    );
    ctx.helper(
      keyed ? 'EmitWindowResult' : 'EmitAllWindowResult',
      keyed
        ? `/** Gives a window's result its key and timestamp (the window's max timestamp, end - 1 for time windows). */
public static class EmitWindowResult<R, W extends Window> extends ProcessWindowFunction<R, Event<R>, String, W> {
@Override
public void process(String key, Context context, Iterable<R> results, Collector<Event<R>> out) {
for (R result : results) {
out.collect(Event.of(key, result, context.window().maxTimestamp()));
}
}
}`
        : `/** Gives a non-keyed window's result its timestamp (the window's max timestamp). */
public static class EmitAllWindowResult<R, W extends Window> extends ProcessAllWindowFunction<R, Event<R>, W> {
@Override
public void process(Context context, Iterable<R> results, Collector<Event<R>> out) {
for (R result : results) {
out.collect(Event.of(null, result, context.window().maxTimestamp()));
}
}
}`,
    );
    lines.push(
      `.aggregate(new ${cls}(), new ${keyed ? 'EmitWindowResult' : 'EmitAllWindowResult'}<>())`,
    );
  }
  lines.push(`.returns(${typeHint(out)})`);
  ctx.statement(`SingleOutputStreamOperator<${eventType(out)}> ${ctx.variable} =
${source}${lines.join('\n')}${operatorSuffix(node)};`);
  if (lateEdges.length > 0) {
    const lateVar = `${ctx.variable}LateData`;
    ctx.statement(
      `DataStream<${eventType(v)}> ${lateVar} = ${ctx.variable}.getSideOutput(${tag});`,
    );
    ctx.output('late', { variable: lateVar, value: v, keyed: false });
  }
  return { variable: ctx.variable, value: out, keyed: false };
}

export const tumblingWindow: JavaRule<'tumblingWindow'> = windowRule;
export const slidingWindow: JavaRule<'slidingWindow'> = windowRule;
export const sessionWindow: JavaRule<'sessionWindow'> = windowRule;
export const globalWindow: JavaRule<'globalWindow'> = windowRule;
export const countWindow: JavaRule<'countWindow'> = windowRule;
