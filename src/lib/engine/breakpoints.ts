/**
 * Breakpoints: which trace event should pause a run (settings.breakpoints). Pure: the Worker's
 * session checks every event while a run plays or steps, and tests check a whole trace.
 */
import type { Firing, Key, TraceEvent, WindowBounds } from './api';
import type { CompiledExpression } from './operators/types';
import type { Breakpoint, PipelineDocument } from '../pipeline/types';
import { compileExpression } from './expressions';
import { SOURCES } from './sources/index';

/** Which breakpoint paused the run, and the facts that made it match (the UI words them). */
export interface BreakpointHit {
  id: string;
  type: Breakpoint['type'];
  node: string;
  subtask: number;
  time: number;
  /** record: the record (see fates.ts) that reached the node; null when it is not followed. */
  record: number | null;
  key: Key;
  timestamp: number | null;
  value?: unknown;
  /** record: its timestamp was at or behind the node's watermark. */
  late: boolean;
  /** record: the subtask's watermark then; watermark: the node's watermark that passed. */
  watermark: number | null;
  /** window: the window that fired and how. */
  window: WindowBounds | null;
  firing: Firing | null;
}

export class BreakpointChecker {
  private list: { bp: Breakpoint; f: CompiledExpression | null }[] = [];
  /** Watermark per node, per subtask (from the trace). */
  private readonly wms = new Map<string, Map<number, number>>();
  private readonly parallelism: Map<string, number>;
  private readonly sources: Set<string>;
  /** Watermark breakpoints that have been reached: they hit once. */
  private readonly passed = new Set<string>();

  constructor(doc: PipelineDocument, breakpoints: readonly Breakpoint[] = []) {
    this.parallelism = new Map(doc.nodes.map((n) => [n.id, n.parallelism]));
    this.sources = new Set(doc.nodes.filter((n) => n.kind in SOURCES).map((n) => n.id));
    this.set(breakpoints);
  }

  /** Replaces the breakpoints (the run goes on; a watermark already past does not hit). */
  set(breakpoints: readonly Breakpoint[]): void {
    this.list = breakpoints
      .filter((b) => b.enabled)
      .map((bp) => {
        let f: CompiledExpression | null = null;
        if (bp.type === 'record' && bp.expression && bp.expression.trim() !== '') {
          try {
            f = compileExpression(bp.expression, bp.node ?? 'breakpoint', 'expression');
          } catch {
            f = () => false; // validation reports it; an uncompilable condition never matches
          }
        }
        return { bp, f };
      });
    for (const { bp } of this.list)
      if (bp.type === 'watermark' && (this.nodeWatermark(bp.node) ?? -Infinity) >= bp.time)
        this.passed.add(bp.id);
  }

  get active(): boolean {
    return this.list.length > 0;
  }

  private nodeWatermark(node: string): number | null {
    const m = this.wms.get(node);
    if (!m || m.size < (this.parallelism.get(node) ?? 1)) return null;
    return Math.min(...m.values());
  }

  /** The first enabled breakpoint this event hits, or null. Call with every event, in order. */
  check(e: TraceEvent): BreakpointHit | null {
    if (e.type === 'watermark') {
      let m = this.wms.get(e.node);
      if (!m) this.wms.set(e.node, (m = new Map()));
      m.set(e.subtask, e.watermark);
    }
    for (const { bp, f } of this.list) {
      const hit = this.match(bp, f, e);
      if (hit) return hit;
    }
    return null;
  }

  private match(bp: Breakpoint, f: CompiledExpression | null, e: TraceEvent): BreakpointHit | null {
    const base = {
      id: bp.id,
      type: bp.type,
      node: e.node,
      subtask: e.subtask,
      time: e.time,
      record: null,
      key: null,
      timestamp: null,
      late: false,
      watermark: null,
      window: null,
      firing: null,
    };
    switch (bp.type) {
      case 'record': {
        const arrives =
          e.type === 'receive' || (e.type === 'emit' && this.sources.has(e.node) && !e.late);
        if (!arrives || (bp.node !== undefined && bp.node !== e.node)) return null;
        if (bp.key !== undefined && bp.key !== '' && String(e.key) !== bp.key) return null;
        const wm = this.wms.get(e.node)?.get(e.subtask) ?? null;
        const late = e.timestamp !== null && wm !== null && e.timestamp <= wm;
        if (bp.late && !late) return null;
        if (f) {
          try {
            if (!f(e.value, e.key, e.timestamp)) return null;
          } catch {
            return null;
          }
        }
        return {
          ...base,
          record: e.record ?? null,
          key: e.key,
          timestamp: e.timestamp,
          value: e.value,
          late,
          watermark: wm,
        };
      }
      case 'window':
        if (e.type !== 'window' || e.action !== 'fire' || e.node !== bp.node) return null;
        if (bp.start !== undefined && e.start !== bp.start) return null;
        if (bp.key !== undefined && bp.key !== '' && String(e.key) !== bp.key) return null;
        return {
          ...base,
          key: e.key,
          value: e.value,
          window: { start: e.start, end: e.end },
          firing: e.firing ?? null,
        };
      case 'watermark': {
        if (e.type !== 'watermark' || e.node !== bp.node || this.passed.has(bp.id)) return null;
        const wm = this.nodeWatermark(bp.node);
        if (wm === null || wm < bp.time) return null;
        this.passed.add(bp.id);
        return { ...base, watermark: wm };
      }
    }
  }
}
