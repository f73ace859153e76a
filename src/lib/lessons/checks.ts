import type { TraceEvent } from '../engine/api';
import type { KeyStateView } from '../engine/operators/keyedState';
import type { PipelineDocument } from '../pipeline';
import type { RunSnapshot } from '../worker/protocol';
import { readField } from './document';
import type { Goal, Probe } from './schema';

/**
 * What a step can see of the engine: the latest run snapshot and the trace since the step
 * began. The player builds it from the run controller, the lesson tests from a headless run.
 */
export interface RunView {
  snapshot: RunSnapshot | null;
  /** Trace events since the step began (or since its run commands ran). */
  trace: readonly TraceEvent[];
}

export type Answer = number | string | null;

function watermarkOf(snapshot: RunSnapshot | null, node: string): number | null {
  const marks = (snapshot?.status ?? []).filter((s) => s.node === node).map((s) => s.watermark);
  if (marks.length === 0 || marks.some((m) => m === null)) return null;
  return Math.min(...(marks as number[]));
}

function fires(view: RunView, node: string | undefined) {
  return view.trace.filter(
    (e): e is Extract<TraceEvent, { type: 'window' }> =>
      e.type === 'window' && e.action === 'fire' && (node === undefined || e.node === node),
  );
}

function sink(snapshot: RunSnapshot | null, id: string) {
  return snapshot?.sinks.find((s) => s.node === id) ?? null;
}

/** A key's keyed state in the watched node's snapshot (a process function's inspect()). */
function keyView(snapshot: RunSnapshot | null, node: string, key: string) {
  if (snapshot?.state?.node !== node) return null;
  for (const sub of snapshot.state.subtasks) {
    const keys = (sub.state as { keys?: KeyStateView[] } | null)?.keys ?? [];
    const hit = keys.find((k) => String(k.key) === key);
    if (hit) return hit;
  }
  return null;
}

/** A value as an answer: numbers and strings as they are, anything else as JSON. */
function asAnswer(value: unknown): Answer {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** Reads the answer of a prediction from the engine's state. */
export function probe(p: Probe, view: RunView): Answer {
  const snap = view.snapshot;
  switch (p.probe) {
    case 'sinkLast': {
      const row = sink(snap, p.sink)?.rows.at(-1);
      if (!row) return null;
      const value =
        p.field && row.value !== null && typeof row.value === 'object'
          ? (row.value as Record<string, unknown>)[p.field]
          : row.value;
      return asAnswer(value);
    }
    case 'sinkTotal':
      return sink(snap, p.sink)?.total ?? 0;
    case 'firedWindowStart':
      return fires(view, p.node)[0]?.start ?? null;
    case 'firedValue':
      return asAnswer(fires(view, p.node)[0]?.value);
    case 'firedAt':
      return fires(view, p.node).find((e) => e.start === p.start)?.time ?? null;
    case 'firings':
      return fires(view, p.node).length;
    case 'watermark':
      return watermarkOf(snap, p.node);
    case 'dropped':
      return view.trace.filter(
        (e) => e.type === 'drop' && (p.node === undefined || e.node === p.node),
      ).length;
    case 'replayed':
      return view.trace.filter(
        (e) => e.type === 'emit' && e.replayed && (p.node === undefined || e.node === p.node),
      ).length;
    case 'sinkDuplicates':
      return sink(snap, p.sink)?.rows.filter((r) => r.replayed).length ?? 0;
    case 'subtaskOfKey': {
      const hit = view.trace.find(
        (e) => e.type === 'receive' && e.node === p.node && String(e.key) === p.key,
      );
      return hit && 'subtask' in hit ? hit.subtask : null;
    }
    case 'subtasksOfKey':
      return new Set(
        view.trace
          .filter((e) => e.type === 'receive' && e.node === p.node && String(e.key) === p.key)
          .map((e) => ('subtask' in e ? e.subtask : -1)),
      ).size;
    case 'recordsIn':
      return (snap?.status ?? [])
        .filter((s) => s.node === p.node)
        .reduce((a, s) => a + s.recordsIn, 0);
    case 'checkpoints':
      return snap?.faultTolerance?.completed ?? 0;
    case 'state': {
      const view = keyView(snap, p.node, p.key);
      return asAnswer(view?.state[p.name]?.value);
    }
    case 'timer': {
      const times = (snap?.state?.node === p.node ? snap.state.subtasks : [])
        .flatMap((s) => s.timers)
        .filter((t) => String(t.key) === p.key)
        .map((t) => t.time);
      return times.length > 0 ? Math.min(...times) : null;
    }
  }
}

/** Whether an answer matches: numbers by value (a typed "60" is 60), anything else as text. */
export function sameAnswer(a: Answer, b: Answer): boolean {
  if (a === null || b === null) return a === b;
  const na = Number(a);
  const nb = Number(b);
  if (a !== '' && b !== '' && Number.isFinite(na) && Number.isFinite(nb)) return na === nb;
  return String(a) === String(b);
}

/** What a goal compares against besides the run: the document now and when the step began. */
export interface GoalContext {
  doc: PipelineDocument;
  docAtStart: PipelineDocument;
  /** English names of the controls pressed since the step began. */
  pressed: readonly string[];
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Whether the learner has reached a goal. */
export function goalReached(goal: Goal, view: RunView, ctx: GoalContext): boolean {
  const snap = view.snapshot;
  if ('press' in goal) return ctx.pressed.includes(goal.press);
  if ('watermark' in goal) {
    const wm = watermarkOf(snap, goal.watermark.node);
    return wm !== null && wm >= goal.watermark.atLeast;
  }
  if ('fired' in goal) return fires(view, goal.fired.node).length >= goal.fired.count;
  if ('added' in goal) {
    const count = (d: PipelineDocument) => d.nodes.filter((n) => n.kind === goal.added.kind).length;
    return count(ctx.doc) > count(ctx.docAtStart);
  }
  if ('field' in goal)
    return deepEqual(readField(ctx.doc, goal.field.node, goal.field.path), goal.field.equals);
  if ('finished' in goal) return snap?.finished ?? false;
  if ('sinkTotal' in goal)
    return (sink(snap, goal.sinkTotal.sink)?.total ?? 0) >= goal.sinkTotal.atLeast;
  if ('checkpoints' in goal)
    return (snap?.faultTolerance?.completed ?? 0) >= goal.checkpoints.atLeast;
  return view.trace.some((e) => e.type === 'restore');
}
