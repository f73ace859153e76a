/**
 * One subtask's snapshot: what the runtime keeps of a subtask at a checkpoint barrier, and how it
 * is put back. Written against the small structural view below (the runtime's Sub satisfies it),
 * so the runtime does not export its internals.
 *
 * A snapshot holds the operator's state (its snapshot() or its data fields, see state.ts), both
 * timer heaps in firing order, the watermark valve (per input channel: watermark, alignment,
 * idleness, end), the subtask's own watermark and idleness, the round-robin position of each
 * rebalance output, and for a source its reader (offset, random generator state), its
 * watermark generator and its position. Unaligned checkpoints add the in-flight elements that
 * the barrier overtook.
 */
import type { Key, PaneInfo } from '../api';
import type { Operator, Timer } from '../operators/types';
import type { SourceReader } from '../sources/types';
import type { WatermarkGenerator } from '../watermarks';
import { captureFields, captureObject, restoreFields, restoreObject } from './state';

export interface ChannelView {
  wm: number;
  aligned: boolean;
  idle: boolean;
  ended: boolean;
}

export interface TimerHeapView {
  snapshot(): Timer[];
  clear(): void;
  add(timer: Timer): boolean;
}

export interface SubtaskView {
  readonly nodeId: string;
  readonly index: number;
  op: Operator | null;
  source: SourceReader | null;
  wmgen: WatermarkGenerator | null;
  readonly inputs: ChannelView[];
  readonly main: { rr: number }[];
  readonly late: { rr: number }[];
  watermark: number;
  outWm: number;
  outIdle: boolean;
  valveIdle: boolean;
  ended: boolean;
  inputsEnded: number;
  pos: number;
  readonly eventTimers: TimerHeapView;
  readonly procTimers: TimerHeapView;
  readonly ctx: { currentWatermark: number };
}

/**
 * An element in flight on an input channel: [input index, kind, key, value, timestamp, pane].
 * The pane (a window result's window and firing) is absent in checkpoints of older versions.
 */
export type InFlight = [number, number, Key, unknown, number | null, (PaneInfo | null)?];

export interface SubtaskSnapshot {
  node: string;
  subtask: number;
  op:
    | { mode: 'explicit'; state: unknown }
    | { mode: 'fields'; state: Record<string, unknown> }
    | null;
  eventTimers: [number, Key, string][];
  procTimers: [number, Key, string][];
  inputs: [number, boolean, boolean, boolean][];
  rr: number[];
  watermark: number;
  outWm: number;
  outIdle: boolean;
  valveIdle: boolean;
  ended: boolean;
  inputsEnded: number;
  source: { reader: unknown; wmgen: unknown; pos: number } | null;
  inflight: InFlight[];
}

const timerTuples = (h: TimerHeapView): [number, Key, string][] =>
  h.snapshot().map((t) => [t.time, t.key, t.namespace]);

export function captureSubtask(s: SubtaskView, checkpointId: number): SubtaskSnapshot {
  let op: SubtaskSnapshot['op'] = null;
  if (s.op) {
    if (s.op.snapshot) op = { mode: 'explicit', state: s.op.snapshot(checkpointId) };
    else {
      const fields = captureFields(s.op);
      if (Object.keys(fields).length > 0) op = { mode: 'fields', state: fields };
    }
  }
  return {
    node: s.nodeId,
    subtask: s.index,
    op,
    eventTimers: timerTuples(s.eventTimers),
    procTimers: timerTuples(s.procTimers),
    inputs: s.inputs.map((c) => [c.wm, c.aligned, c.idle, c.ended]),
    rr: [...s.main, ...s.late].map((g) => g.rr),
    watermark: s.watermark,
    outWm: s.outWm,
    outIdle: s.outIdle,
    valveIdle: s.valveIdle,
    ended: s.ended,
    inputsEnded: s.inputsEnded,
    source: s.source
      ? {
          reader: captureObject(s.source),
          wmgen: s.wmgen ? captureObject(s.wmgen) : null,
          pos: s.pos,
        }
      : null,
    inflight: [],
  };
}

/**
 * Restores a subtask (whose operator is fresh and whose queues, timers and channels are reset)
 * from a snapshot. Returns the in-flight elements to put back into its input queue.
 */
export function restoreSubtask(s: SubtaskView, snap: SubtaskSnapshot): InFlight[] {
  if (snap.op && s.op) {
    if (snap.op.mode === 'explicit') {
      if (!s.op.restore)
        throw new Error(`node ${s.nodeId}: the operator has a snapshot() but no restore()`);
      s.op.restore(snap.op.state as never);
    } else restoreFields(s.op, snap.op.state);
  }
  s.eventTimers.clear();
  s.procTimers.clear();
  for (const [time, key, namespace] of snap.eventTimers)
    s.eventTimers.add({ domain: 'event', time, key, namespace });
  for (const [time, key, namespace] of snap.procTimers)
    s.procTimers.add({ domain: 'processing', time, key, namespace });
  snap.inputs.forEach(([wm, aligned, idle, ended], i) => {
    const c = s.inputs[i];
    if (!c) return;
    c.wm = wm;
    c.aligned = aligned;
    c.idle = idle;
    c.ended = ended;
  });
  [...s.main, ...s.late].forEach((g, i) => {
    if (snap.rr[i] !== undefined) g.rr = snap.rr[i];
  });
  s.watermark = snap.watermark;
  s.ctx.currentWatermark = snap.watermark;
  s.outWm = snap.outWm;
  s.outIdle = snap.outIdle;
  s.valveIdle = snap.valveIdle;
  s.ended = snap.ended;
  s.inputsEnded = snap.inputsEnded;
  if (snap.source && s.source) {
    restoreObject(s.source, snap.source.reader);
    if (snap.source.wmgen && s.wmgen) restoreObject(s.wmgen, snap.source.wmgen);
    s.pos = snap.source.pos;
  }
  return snap.inflight;
}
