import * as v from 'valibot';
import { Expression, Millis, PositiveMillis, type KindInfo } from './common';

/**
 * The keyed operators beyond windows: a KeyedProcessFunction with state and timers, and the two
 * joins of two keyed streams (window join, interval join). User logic is JavaScript, compiled
 * once per run by the engine.
 */

/** A JavaScript function body (statements); it may be empty. */
const FunctionBody = v.string('must be JavaScript statements (a function body)');

/**
 * The default: count the elements of each key and emit the count once no element of that key
 * has arrived for 5 s of event time (the "count with timeout" pattern of Flink's docs).
 */
export const DEFAULT_PROCESS_ELEMENT = `// Called for every element of the current key.
// value, ctx (timestamp(), getCurrentKey(), timerService()), state, out.collect(x)
const count = state.value('count');
count.update((count.value() ?? 0) + 1);
// One pending timeout per key: drop the previous one, set a new one 5 s after this element.
const last = state.value('lastSeen');
if (last.value() !== null) ctx.timerService().deleteEventTimeTimer(last.value() + 5000);
last.update(ctx.timestamp());
ctx.timerService().registerEventTimeTimer(ctx.timestamp() + 5000);`;

export const DEFAULT_ON_TIMER = `// Called when a timer of the current key fires (ctx.timeDomain() is EVENT_TIME or PROCESSING_TIME).
// No element for 5 s: emit the count (with the timer's timestamp) and start again.
out.collect(state.value('count').value());
state.value('count').clear();
state.value('lastSeen').clear();`;

/** The keyed states a process function's code names: state.value('x'), state.list('x'), state.map('x'). */
export function statesOf(code: string): { type: 'value' | 'list' | 'map'; name: string }[] {
  const found = new Map<string, 'value' | 'list' | 'map'>();
  for (const m of code.matchAll(/state\s*\.\s*(value|list|map)\s*\(\s*(['"`])([^'"`]+)\2\s*\)/g))
    if (!found.has(m[3])) found.set(m[3], m[1] as 'value' | 'list' | 'map');
  return [...found].map(([name, type]) => ({ name, type }));
}

export const processFunctionKind = {
  kind: 'processFunction' as const,
  label: 'Process function',
  group: 'transformation',
  description:
    'A KeyedProcessFunction: your code per element and per timer, with keyed state and event- or processing-time timers.',
  inputs: 1,
  output: true,
  lateOutput: false,
  config: v.object({
    /** Body of processElement(value, ctx, state, out). */
    processElement: v.optional(FunctionBody, DEFAULT_PROCESS_ELEMENT),
    /** Body of onTimer(timestamp, ctx, state, out). */
    onTimer: v.optional(FunctionBody, DEFAULT_ON_TIMER),
  }),
} satisfies KindInfo;

export const windowJoinKind = {
  kind: 'windowJoin' as const,
  label: 'Window join',
  group: 'transformation',
  description:
    'Joins two keyed streams: every pair of a left and a right element with the same key in the same event-time window.',
  inputs: 2,
  output: true,
  lateOutput: false,
  config: v.object({
    /** The event-time window assigner of join(...).where(...).equalTo(...).window(...). */
    assigner: v.optional(
      v.picklist(['tumbling', 'sliding', 'session'], 'must be tumbling, sliding or session'),
      'tumbling',
    ),
    /** Window size (tumbling, sliding). */
    size: v.optional(PositiveMillis, 5000),
    /** Slide (sliding windows only). */
    slide: v.optional(PositiveMillis, 5000),
    /** Session gap (session windows only). */
    gap: v.optional(PositiveMillis, 3000),
    /** Window offset (tumbling, sliding). */
    offset: v.optional(Millis, 0),
    /** The JoinFunction: an expression over left, right and key. */
    expression: v.optional(Expression, '[left, right]'),
  }),
} satisfies KindInfo;

const Bound = v.pipe(
  v.number('must be a number of milliseconds'),
  v.integer('must be a whole number of milliseconds'),
);

export const intervalJoinKind = {
  kind: 'intervalJoin' as const,
  label: 'Interval join',
  group: 'transformation',
  description:
    'Joins two keyed streams: a right element joins a left one when right.ts lies in [left.ts + lower, left.ts + upper].',
  inputs: 2,
  output: true,
  lateOutput: false,
  config: v.object({
    /** Lower bound in ms relative to the left element's timestamp (may be negative). */
    lowerBound: v.optional(Bound, -2000),
    /** Upper bound in ms relative to the left element's timestamp. */
    upperBound: v.optional(Bound, 2000),
    lowerBoundExclusive: v.optional(v.boolean(), false),
    upperBoundExclusive: v.optional(v.boolean(), false),
    /** The ProcessJoinFunction's result: an expression over left, right and key. */
    expression: v.optional(Expression, '[left, right]'),
  }),
} satisfies KindInfo;
