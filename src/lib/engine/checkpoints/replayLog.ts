/**
 * The last-resort snapshot for operators that keep state in closure variables and implement
 * neither snapshot()/restore() nor data fields (checkpoints/state.ts cannot see inside a
 * closure): the operator is wrapped so that every call into it is logged, and its "state" is the
 * log. Restoring replays the log into a fresh operator against a muted context (nothing is
 * emitted, no timer is registered: the runtime restores timers itself), which rebuilds the
 * closure state exactly, as the engine is deterministic.
 *
 * The log grows with the input, so such a checkpoint's size grows with the run: an operator
 * that implements snapshot()/restore() gets compact checkpoints (the window operator, the
 * process function and both joins do; only operators registered from outside, as in tests,
 * still end up here). Kinds known to hold no state
 * are never wrapped. Without checkpointing only open() is logged (a restart then starts from the
 * initial state, which is open()'s effects).
 */
import type { Key, PaneInfo, TraceEvent } from '../api';
import type { Operator, OperatorContext, StreamRecord, Timer } from '../operators/types';

/** Kinds whose operators hold no state between calls. */
export const STATELESS_KINDS = new Set(['map', 'filter', 'flatMap', 'keyBy', 'union']);

type Call =
  | ['open', number, number]
  | ['record', number, number, string, Key, unknown, number | null, PaneInfo | null]
  | ['timer', number, number, Timer]
  | ['watermark', number, number, number]
  | ['end', number, number];

/** Whether an operator needs the replay log: no snapshot(), no data fields, not known stateless. */
export function needsReplayLog(kind: string, op: Operator): boolean {
  if (STATELESS_KINDS.has(kind) || op.snapshot) return false;
  return Object.values(op).every((v) => typeof v === 'function' || v === undefined);
}

function mutedContext(
  live: Pick<OperatorContext, 'nodeId' | 'subtask' | 'parallelism'>,
  now: number,
  wm: number,
): OperatorContext {
  const noop = () => undefined;
  return {
    nodeId: live.nodeId,
    subtask: live.subtask,
    parallelism: live.parallelism,
    now,
    currentWatermark: wm,
    timers: {
      registerEventTimeTimer: noop,
      deleteEventTimeTimer: noop,
      registerProcessingTimeTimer: noop,
      deleteProcessingTimeTimer: noop,
    },
    emit: noop,
    sideOutput: noop,
    emitWatermark: noop,
    emitIdle: noop,
    tracing: false,
    trace: noop as (e: TraceEvent) => void,
    error: noop,
  };
}

/** Replays logged calls into a fresh operator against muted contexts (nothing leaves it). */
function replayCalls(
  op: Operator,
  calls: Call[],
  live: Pick<OperatorContext, 'nodeId' | 'subtask' | 'parallelism'>,
): void {
  const r: StreamRecord = { key: null, value: undefined, timestamp: null, pane: null };
  for (const c of calls) {
    const ctx = mutedContext(live, c[1], c[2]);
    // What threw in the original run was reported then; the replay goes on past it.
    try {
      switch (c[0]) {
        case 'open':
          op.open?.(ctx);
          break;
        case 'record':
          r.key = c[4];
          r.value = c[5];
          r.timestamp = c[6];
          r.pane = c[7];
          op.processRecord(c[3], r, ctx);
          break;
        case 'timer':
          op.onTimer?.(c[3], ctx);
          break;
        case 'watermark':
          op.onWatermark?.(c[3], ctx);
          break;
        case 'end':
          op.onEnd?.(ctx);
          break;
      }
    } catch {
      // already reported when it happened
    }
  }
}

/** A replay log, as checkpoints of operators that now have their own snapshot() held it. */
export type LegacyLog = unknown[];

/**
 * Migration: checkpoints written before the window operator, the process function and the joins
 * had their own snapshot() hold their replay log (e.g. in IndexedDB from an earlier version).
 * Their restore() hands such a log here, which rebuilds the state by replaying it.
 */
export function replayLegacyLog(op: Operator, log: LegacyLog): void {
  replayCalls(op, log as Call[], { nodeId: '', subtask: 0, parallelism: 1 });
}

/** Wraps `op` so that its calls are logged (all of them when `record`, else only open()). */
export function withReplayLog(op: Operator, liveCtx: OperatorContext, record: boolean): Operator {
  let log: Call[] = [];
  const wrapped: Operator = {
    forwardsWatermarks: op.forwardsWatermarks,
    processRecord(port: string, r: StreamRecord, ctx: OperatorContext) {
      if (record)
        log.push([
          'record',
          ctx.now,
          ctx.currentWatermark,
          port,
          r.key,
          r.value,
          r.timestamp,
          r.pane,
        ]);
      op.processRecord(port, r, ctx);
    },
    snapshot() {
      return log;
    },
    restore(calls: Call[]) {
      log = calls.slice();
      replayCalls(op, calls, liveCtx);
    },
  };
  if (op.open)
    wrapped.open = (ctx) => {
      log.push(['open', ctx.now, ctx.currentWatermark]);
      op.open!(ctx);
    };
  if (op.onTimer)
    wrapped.onTimer = (timer, ctx) => {
      if (record) log.push(['timer', ctx.now, ctx.currentWatermark, { ...timer }]);
      op.onTimer!(timer, ctx);
    };
  if (op.onWatermark)
    wrapped.onWatermark = (wm, ctx) => {
      if (record) log.push(['watermark', ctx.now, ctx.currentWatermark, wm]);
      op.onWatermark!(wm, ctx);
    };
  if (op.onEnd)
    wrapped.onEnd = (ctx) => {
      if (record) log.push(['end', ctx.now, ctx.currentWatermark]);
      op.onEnd!(ctx);
    };
  if (op.inspect) wrapped.inspect = () => op.inspect!();
  if (op.notifyCheckpointComplete)
    wrapped.notifyCheckpointComplete = (id, ctx) => op.notifyCheckpointComplete!(id, ctx);
  return wrapped;
}
