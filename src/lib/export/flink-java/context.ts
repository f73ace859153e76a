import type { OperatorKind } from '../../pipeline/kinds';
import type {
  Chaining,
  NodeOf,
  PipelineDocument,
  PipelineEdge,
  PipelineNode,
} from '../../pipeline';
import type { Scope, Ty } from '../expression/common';
import { javaBoxed } from '../expression/java';
import type { ValueType } from '../types';

/** A Java variable holding a stream of `Event<V>`. */
export interface JStream {
  variable: string;
  value: ValueType;
  /** Whether the variable is a KeyedStream (the output of a KeyBy). */
  keyed: boolean;
}

export interface JavaContext {
  doc: PipelineDocument;
  inputs: { edge: PipelineEdge; stream: JStream }[];
  /** The Java variable for this node's main output. */
  variable: string;
  /** A class name derived from the node id, e.g. `PerFiveSeconds` + suffix. */
  className(suffix: string): string;
  /** Appends statements to main(). */
  statement(code: string): void;
  /** Adds a nested class (once per name). */
  helper(name: string, code: string): void;
  /** Registers another output of this node, e.g. the late-data side output. */
  output(port: string, stream: JStream): void;
  note(message: string): void;
  /** A placeholder that compiles and fails at run time, with the original expression. */
  todo(type: Ty, expression: string, reason: string, where: string): string;
}

/**
 * One export rule per operator kind: appends the node's Java code and returns its main output,
 * or null if nothing can follow it.
 */
export type JavaRule<K extends OperatorKind> = (
  node: NodeOf<K>,
  ctx: JavaContext,
) => JStream | null;

export function valueTy(v: ValueType): Ty {
  return v.kind === 'scalar' ? v.type : v.kind === 'record' ? 'record' : 'unknown';
}

/** `Event<Long>` etc. */
export function eventType(v: ValueType): string {
  return `Event<${javaBoxed(valueTy(v))}>`;
}

export function typeHint(v: ValueType): string {
  return `new TypeHint<${eventType(v)}>() {}`;
}

/** What the user's names stand for inside a lambda over `Event e`. */
export function scopeOf(v: ValueType, event = 'e'): Scope {
  return {
    value: {
      code: `${event}.value`,
      type: valueTy(v),
      fields: v.kind === 'record' ? v.fields : undefined,
    },
    key: { code: `${event}.key`, type: 'string' },
    timestamp: { code: `${event}.timestamp`, type: 'long' },
  };
}

export function str(s: string): string {
  return JSON.stringify(s);
}

/**
 * `.setParallelism(p).uid("id").name("name")`: uids equal to node ids, so savepoints line up.
 * Then the node's chaining call, if any (`chaining`: where one node is several Flink operators,
 * the call each of them gets).
 */
export function operatorSuffix(
  node: PipelineNode,
  uid = node.id,
  name = node.name || node.id,
  chaining: Chaining | undefined = node.chaining,
): string {
  return `\n        .setParallelism(${node.parallelism})\n        .uid(${str(uid)})\n        .name(${str(name)})${chainingCall(chaining)}`;
}

/** Flink's per-operator chaining call for a node's `chaining` (nothing for the default). */
export function chainingCall(chaining: Chaining | undefined): string {
  if (chaining === 'startNewChain') return '\n        .startNewChain()';
  if (chaining === 'disableChaining') return '\n        .disableChaining()';
  return '';
}

/** The input stream expression with the edge's partitioning applied. */
export function partitioned(input: { edge: PipelineEdge; stream: JStream }): string {
  switch (input.edge.partitioning) {
    case 'rebalance':
      return `${input.stream.variable}.rebalance()`;
    case 'broadcast':
      return `${input.stream.variable}.broadcast()`;
    default:
      return input.stream.variable;
  }
}

export function millis(ms: number): string {
  return `Duration.ofMillis(${ms})`;
}

/**
 * A WatermarkStrategy expression, timestamps taken from the Event. Bounded out-of-orderness d
 * is Flink's max - d - 1, as Streamlab's. With Streamlab's watermark interval of 0 (a watermark
 * after every record) the strategy uses the EveryEventWatermarks generator, because in Flink an
 * interval of 0 switches periodic watermarks off.
 */
export function watermarkStrategy(
  s:
    | { type: 'none' }
    | {
        type: 'monotonous' | 'boundedOutOfOrderness';
        idleness: number | null;
        maxOutOfOrderness?: number;
      },
  v: ValueType,
  ctx: Pick<JavaContext, 'doc' | 'helper'>,
): string {
  const t = eventType(v);
  if (s.type === 'none') return `WatermarkStrategy.<${t}>noWatermarks()`;
  const bound = s.type === 'monotonous' ? 0 : (s.maxOutOfOrderness ?? 0);
  let base: string;
  if (ctx.doc.settings.autoWatermarkInterval === 0) {
    ctx.helper('EveryEventWatermarks', EVERY_EVENT_WATERMARKS);
    base = `WatermarkStrategy.<${t}>forGenerator(context -> new EveryEventWatermarks<>(${bound}L))`;
  } else
    base =
      s.type === 'monotonous'
        ? `WatermarkStrategy.<${t}>forMonotonousTimestamps()`
        : `WatermarkStrategy.<${t}>forBoundedOutOfOrderness(${millis(bound)})`;
  const idle = s.idleness !== null ? `\n                .withIdleness(${millis(s.idleness)})` : '';
  return `${base}\n                .withTimestampAssigner((e, previous) -> e.timestamp)${idle}`;
}

const EVERY_EVENT_WATERMARKS = `/**
 * Bounded out-of-orderness emitted after every record (Streamlab's watermark interval 0):
 * the watermark is the largest timestamp seen - bound - 1, as Flink's bounded out-of-orderness strategy gives.
 */
public static class EveryEventWatermarks<T> implements WatermarkGenerator<T> {
private final long bound;
private long max = Long.MIN_VALUE;

public EveryEventWatermarks(long bound) {
this.bound = bound;
}

@Override
public void onEvent(T event, long timestamp, WatermarkOutput output) {
if (timestamp > max) {
max = timestamp;
output.emitWatermark(new Watermark(max - bound - 1));
}
}

@Override
public void onPeriodicEmit(WatermarkOutput output) {}
}`;

export function pascal(id: string): string {
  return id
    .split(/[-_]/)
    .filter(Boolean)
    .map((p) => p[0].toUpperCase() + p.slice(1))
    .join('');
}
