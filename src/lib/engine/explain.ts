/**
 * "Why hasn't this window fired?" as data: for each open window of a window operator, what it
 * needs (a watermark of end − 1, a processing time, N more elements) and what holds it back,
 * followed from the window's subtask through its input lanes out to the source partition (or
 * Watermarks node) where it can be fixed. The UI, the lessons, the CLI and the tests read these
 * same objects; words are theirs (this file returns codes and numbers only).
 *
 * Watermarks follow Flink's StatusWatermarkValve: a subtask's watermark is the minimum over its
 * input channels that are active and aligned; idle channels do not count; a channel that has sent
 * no watermark yet holds the minimum at "none" (null here, never Long.MIN_VALUE or NaN); when
 * every channel is idle the subtask is idle and its watermark waits for new data.
 */
import type {
  Key,
  Place,
  Simulation,
  SourceStatus,
  SubtaskState,
  SubtaskStatus,
  WindowBounds,
} from './api';
import type { PipelineDocument, PipelineNode } from '../pipeline/types';
import type { WatermarkStrategy } from '../pipeline/kinds/common';
import { MAX_WATERMARK } from './time';

/** What the explanations read: plain data any run view already has (see factsOf). */
export interface ExplainFacts {
  /** Processing time now. */
  now: number;
  status: SubtaskStatus[];
  sources: SourceStatus[];
  /** inspect(node) of the window operator being explained. */
  state: SubtaskState[];
}

export function factsOf(sim: Simulation, node: string): ExplainFacts {
  return { now: sim.now, status: sim.status(), sources: sim.sources(), state: sim.inspect(node) };
}

/** One input channel of a subtask, as the watermark valve sees it. */
export interface Lane {
  edge: string;
  /** The input port (`left`/`right` of a join; `in` otherwise). */
  port: string;
  from: Place;
  to: Place;
  /** null: this channel has sent no watermark yet. MAX_WATERMARK once its input ended. */
  watermark: number | null;
  status: 'active' | 'idle' | 'finished';
  /** Counts towards the subtask's minimum (active and aligned, or finished). */
  counted: boolean;
  /** Holds the subtask's watermark where it is: the lowest counted lane. */
  holding: boolean;
}

/** The channel a cause is about. */
export interface LaneRef {
  edge: string;
  port: string;
  from: Place;
  to: Place;
}

/** What the window needs to fire. */
export type Need =
  /** Event time: the subtask's watermark must reach end − 1. */
  | { type: 'watermark'; watermark: number }
  /** Processing time: the clock must reach end − 1. */
  | { type: 'processingTime'; time: number }
  /** A count trigger: `more` elements (of `count`; it has `have`). */
  | { type: 'count'; count: number; have: number; more: number }
  /** GlobalWindows' default trigger never fires. */
  | { type: 'never' };

/**
 * What holds a window back. A window's `causes` list goes from its own subtask outwards: first
 * the lane that holds its watermark, last the root (a source partition or a Watermarks node).
 */
export type Cause =
  /**
   * No watermark can ever come: the source (or Watermarks node) `source` generates none. `fix`
   * is the node to change: set its watermark strategy (`action` 'setStrategy') or, for a source
   * without one (a Timeline source), add a Watermarks node after it ('addWatermarksNode').
   */
  | {
      type: 'noWatermarkStrategy';
      source: string;
      fix: string;
      action: 'setStrategy' | 'addWatermarksNode';
    }
  /** This lane has sent no watermark yet; `source` is the partition (subtask) it comes from. */
  | { type: 'noWatermarkYet'; lane: LaneRef; source: Place | null }
  /** The slowest of several lanes: its watermark is the minimum, the others are ahead. */
  | { type: 'slowestLane'; lane: LaneRef; watermark: number; source: Place | null }
  /**
   * A source partition has sent no record since `since` (null: never) while others moved on, and
   * its strategy has no idleness: it holds every watermark downstream. Fix: idleness on `fix`.
   */
  | { type: 'idleWithoutIdleness'; source: Place; since: number | null; fix: string }
  /**
   * Idleness is configured: the quiet partition will be marked idle (excluded from the minimum)
   * once it has been quiet for more than `idleness` ms, at the next watermark probe after `at`.
   */
  | { type: 'idlenessPending'; source: Place; since: number | null; idleness: number; at: number }
  /**
   * Every source partition feeding this window is quiet (or idle): the watermark follows the
   * records, so it needs a record with timestamp ≥ `needsTimestamp`. A bounded input still open
   * ends some day (its end sends the max watermark and fires everything); an unbounded one waits.
   */
  | {
      type: 'quietSource';
      sources: Place[];
      needsTimestamp: number | null;
      bounded: boolean;
      fix: string;
    }
  /**
   * Records keep coming; the watermark rises with them and reaches end − 1 once a record with
   * timestamp ≥ `needsTimestamp` has been read (a normal wait, nothing to fix).
   */
  | { type: 'waitingForRecord'; source: Place; needsTimestamp: number | null }
  /**
   * The source's parallelism is higher than its number of partitions: subtask `source.subtask`
   * has no partition, sends no record and no watermark. Fix: parallelism or idleness on `fix`.
   */
  | { type: 'noPartition'; source: Place; partitions: number; parallelism: number; fix: string }
  /** A count trigger needs `more` elements of this key. */
  | { type: 'countNeeded'; count: number; have: number; more: number }
  /** Processing time: it fires when the clock reaches `time` (now `now`). */
  | { type: 'clock'; now: number; time: number }
  /** A global window with the default trigger never fires; fix the trigger on `fix`. */
  | { type: 'neverTrigger'; fix: string }
  /**
   * The watermark passed end − 1: the window fired and is kept for allowed lateness until the
   * watermark reaches `cleanup` (late elements fire it again).
   */
  | { type: 'firedKeptForLateness'; cleanup: number }
  /** Its input has ended (processing-time windows are not fired at the end of input). */
  | { type: 'inputEnded' }
  /**
   * BATCH: no watermarks; the operator reads its input sorted by key, and a key's windows fire
   * once that key's records are done (the watermark is +∞ at the end of each key).
   */
  | { type: 'batchEndOfKey' };

export interface WindowExplanation {
  node: string;
  subtask: number;
  key: Key;
  /** null: the global window (count windows). */
  window: WindowBounds | null;
  /** The subtask's current (input) watermark; null: none yet. */
  watermark: number | null;
  needs: Need;
  lanes: Lane[];
  causes: Cause[];
}

export interface SubtaskExplanation {
  subtask: number;
  watermark: number | null;
  lanes: Lane[];
  openWindows: number;
  /** The open window that is due first (smallest need), explained; null when none is open. */
  next: WindowExplanation | null;
  /**
   * BATCH, while the subtask has not started: its input is a blocking exchange, so it waits
   * until all `senders` (upstream subtasks) have ended; `ended` of them have. Absent otherwise.
   */
  batchInput?: { senders: number; ended: number };
}

export interface OperatorExplanation {
  node: string;
  subtasks: SubtaskExplanation[];
  windows: WindowExplanation[];
}

const GLOBAL_START = Number.MIN_SAFE_INTEGER;
/** A source partition without a record for longer than this (or the probe interval twice) is quiet. */
const QUIET_MIN_MS = 1000;

interface OpenWindow {
  key: Key;
  start: number;
  end: number;
  triggerState?: number;
}

type Domain = 'event' | 'processing' | 'none';

interface WindowSpec {
  domain: Domain;
  count: number | null;
  never: boolean;
  allowedLateness: number;
}

function windowSpec(node: PipelineNode): WindowSpec {
  const c = node.config as Record<string, unknown>;
  if (node.kind === 'countWindow') {
    const { size, slide } = c as { size: number; slide: number | null };
    return { domain: 'none', count: slide ?? size, never: false, allowedLateness: 0 };
  }
  const trigger = (c.trigger as { type: string; count?: number } | undefined) ?? {
    type: 'default',
  };
  const domain: Domain =
    node.kind === 'globalWindow' ? 'none' : ((c.time as Domain | undefined) ?? 'event');
  return {
    domain,
    count: trigger.type === 'count' ? (trigger.count ?? null) : null,
    never: node.kind === 'globalWindow' && trigger.type === 'default',
    allowedLateness: domain === 'event' ? ((c.allowedLateness as number | undefined) ?? 0) : 0,
  };
}

/** The watermark strategy of a source or Watermarks node, as the engine applies it. */
function strategyOf(doc: PipelineDocument, node: PipelineNode): WatermarkStrategy | null {
  if (node.kind === 'watermarks') return node.config.strategy;
  if (node.kind === 'timeline') return null;
  const w = (node.config as { watermarks?: WatermarkStrategy }).watermarks ?? null;
  if (doc.settings.timeCharacteristic === 'ingestion')
    return { type: 'monotonous', idleness: w && w.type !== 'none' ? w.idleness : null };
  return w;
}

function bounded(node: PipelineNode): boolean {
  if (node.kind === 'generator') return node.config.count !== null || node.config.endAt !== null;
  if (node.kind === 'timeline') return node.config.steps.some((s) => s.type === 'end');
  return node.kind === 'file';
}

/** The bound d of a strategy: its watermark is max timestamp − d − 1. */
function boundOf(s: WatermarkStrategy | null): number {
  return s?.type === 'boundedOutOfOrderness' ? s.maxOutOfOrderness : 0;
}

class Explainer {
  private readonly nodes = new Map<string, PipelineNode>();
  private readonly status = new Map<string, SubtaskStatus>();
  private readonly sources = new Map<string, SourceStatus>();
  private readonly quietMs: number;

  constructor(
    private readonly doc: PipelineDocument,
    private readonly facts: ExplainFacts,
  ) {
    for (const n of doc.nodes) this.nodes.set(n.id, n);
    for (const s of facts.status) this.status.set(placeId(s), s);
    for (const s of facts.sources) this.sources.set(placeId(s), s);
    this.quietMs = Math.max(QUIET_MIN_MS, 2 * doc.settings.autoWatermarkInterval);
  }

  lanes(place: Place): Lane[] {
    const st = this.status.get(placeId(place));
    if (!st) return [];
    const lanes: Lane[] = st.inputWatermarks.map((c) => {
      const finished = c.ended || c.watermark === MAX_WATERMARK;
      const status = finished ? 'finished' : c.idle ? 'idle' : 'active';
      return {
        edge: c.edge ?? '',
        port: c.port ?? 'in',
        from: c.from,
        to: { node: place.node, subtask: place.subtask },
        watermark: c.watermark,
        status,
        counted: finished || (!c.idle && (c.aligned ?? true)),
        holding: false,
      } satisfies Lane;
    });
    const h = holdingLane(lanes);
    if (h !== null) h.holding = true;
    return lanes;
  }

  /** BATCH: the senders of a subtask that waits for its whole input; null once all have ended. */
  batchInput(place: Place): { senders: number; ended: number } | null {
    const st = this.status.get(placeId(place));
    if (!st || st.inputWatermarks.length === 0) return null;
    const senders = new Set(st.inputWatermarks.map((c) => placeId(c.from)));
    let ended = 0;
    for (const id of senders) if (this.status.get(id)?.finished) ended++;
    return ended < senders.size ? { senders: senders.size, ended } : null;
  }

  /** Why the watermark at `place` is not at `needed` yet: its lanes, then upstream to the root. */
  private holdBack(place: Place, needed: number, depth = 0): Cause[] {
    const node = this.nodes.get(place.node);
    if (!node || depth > 64) return [];
    if (this.isRoot(node)) return this.rootCause(place, node, needed);
    const lanes = this.lanes(place);
    if (lanes.length === 0) return [];
    const counted = lanes.filter((l) => l.counted && l.status !== 'finished');
    // Every input ended: the max watermark is on its way; nothing holds it back.
    if (lanes.every((l) => l.status === 'finished')) return [];
    if (counted.length === 0) {
      // Every input idle (or ended): the watermark waits for any source to send a newer record.
      return this.allQuiet(place, needed);
    }
    const hold = lanes.find((l) => l.holding)!;
    const ref: LaneRef = { edge: hold.edge, port: hold.port, from: hold.from, to: hold.to };
    const upstream = this.holdBack(hold.from, needed, depth + 1);
    const source = this.rootOf(hold.from);
    const out: Cause[] = [];
    // Upstream, a lane is worth naming only where the valve has a choice (several lanes).
    if (depth > 0 && counted.length < 2) {
      // pass through
    } else if (hold.watermark === null) out.push({ type: 'noWatermarkYet', lane: ref, source });
    else if (counted.length > 1)
      out.push({ type: 'slowestLane', lane: ref, watermark: hold.watermark, source });
    // Another lane ahead makes a quiet partition an idleness problem (see rootCause).
    const othersAhead = counted.some(
      (l) =>
        l !== hold && (l.watermark ?? Number.NEGATIVE_INFINITY) > (hold.watermark ?? -Infinity),
    );
    return [...out, ...this.refine(upstream, othersAhead)];
  }

  /** A quiet root is an idleness problem when other lanes could move on without it. */
  private refine(causes: Cause[], shared: boolean): Cause[] {
    if (!shared) return causes;
    return causes.map((c) => {
      if (c.type !== 'quietSource' || c.sources.length !== 1) return c;
      return this.idleCause(c.sources[0]) ?? c;
    });
  }

  private idleCause(place: Place): Cause | null {
    const node = this.nodes.get(place.node)!;
    const strategy = strategyOf(this.doc, node);
    const src = this.sources.get(placeId(place));
    const since = src?.lastRecordAt ?? null;
    const idleness = strategy && strategy.type !== 'none' ? strategy.idleness : null;
    if (idleness === null)
      return { type: 'idleWithoutIdleness', source: place, since, fix: node.id };
    const interval = this.doc.settings.autoWatermarkInterval || idleness;
    // IdlenessTimer: the first probe after the last record still sees activity; the next one
    // starts the inactivity clock; the first probe more than `idleness` later marks it idle.
    const start =
      since === null ? interval : (Math.floor(since / interval) + 1) * interval + interval;
    const at = start + (Math.floor(idleness / interval) + 1) * interval;
    return { type: 'idlenessPending', source: place, since, idleness, at };
  }

  private isRoot(node: PipelineNode): boolean {
    return node.kind === 'watermarks' || this.isSource(node);
  }

  private isSource(node: PipelineNode): boolean {
    return node.kind === 'generator' || node.kind === 'timeline' || node.kind === 'file';
  }

  /** The source partition (or Watermarks subtask) the lowest lane upstream of `place` starts at. */
  private rootOf(place: Place, depth = 0): Place | null {
    const node = this.nodes.get(place.node);
    if (!node || depth > 64) return null;
    if (this.isRoot(node)) return { node: place.node, subtask: place.subtask };
    const lanes = this.lanes(place);
    const hold = lanes.find((l) => l.holding);
    return hold ? this.rootOf(hold.from, depth + 1) : null;
  }

  /** Why a source partition or Watermarks subtask has not produced the needed watermark. */
  private rootCause(place: Place, node: PipelineNode, needed: number): Cause[] {
    const strategy = strategyOf(this.doc, node);
    const src = this.sources.get(placeId(place));
    const st = this.status.get(placeId(place));
    if (src?.ended || st?.finished) return [];
    if (node.kind === 'generator') {
      const partitions = node.config.partitions;
      if (partitions !== null && place.subtask >= partitions)
        return [
          {
            type: 'noPartition',
            source: place,
            partitions,
            parallelism: node.parallelism,
            fix: node.id,
          },
        ];
    }
    const scripted =
      node.kind === 'timeline' && node.config.steps.some((s) => s.type === 'watermark');
    if (!scripted && (strategy === null || strategy.type === 'none'))
      return [
        {
          type: 'noWatermarkStrategy',
          source: node.id,
          fix: node.id,
          action: node.kind === 'timeline' ? 'addWatermarksNode' : 'setStrategy',
        },
      ];
    if (node.kind === 'watermarks' && st && st.recordsIn === 0) {
      // It has read nothing: the reason is further upstream (a source without data).
      const lanes = this.lanes(place);
      for (const l of lanes) {
        const up = this.nodes.get(l.from.node);
        if (up && this.isSource(up)) {
          const c = this.rootCause(l.from, up, needed);
          if (c.length > 0 && c[0].type === 'noPartition') return c;
        }
      }
    }
    const needsTimestamp = scripted ? null : needed + boundOf(strategy) + 1;
    const quiet = this.isQuiet(place, node);
    if (quiet)
      return [
        {
          type: 'quietSource',
          sources: [{ node: place.node, subtask: place.subtask }],
          needsTimestamp,
          bounded: bounded(node),
          fix: node.id,
        },
      ];
    return [
      {
        type: 'waitingForRecord',
        source: { node: place.node, subtask: place.subtask },
        needsTimestamp,
      },
    ];
  }

  private isQuiet(place: Place, node: PipelineNode): boolean {
    const src = this.sources.get(placeId(place));
    if (src) {
      if (src.nextAt === null) return true;
      return this.facts.now - (src.lastRecordAt ?? 0) > this.quietMs;
    }
    // A Watermarks node: quiet when every source feeding it is.
    const roots = this.sourcesUpstream(node.id).flatMap((n) =>
      this.facts.sources.filter((s) => s.node === n),
    );
    return roots.every(
      (s) => s.ended || s.nextAt === null || this.facts.now - (s.lastRecordAt ?? 0) > this.quietMs,
    );
  }

  private sourcesUpstream(id: string, seen = new Set<string>()): string[] {
    if (seen.has(id)) return [];
    seen.add(id);
    const n = this.nodes.get(id);
    if (n && this.isSource(n)) return [id];
    return this.doc.edges
      .filter((e) => e.to === id)
      .flatMap((e) => this.sourcesUpstream(e.from, seen));
  }

  /** Every input of `place` is idle: the sources (roots) upstream of it all wait for records. */
  private allQuiet(place: Place, needed: number): Cause[] {
    const roots: Place[] = [];
    const walk = (p: Place, depth: number) => {
      const n = this.nodes.get(p.node);
      if (!n || depth > 64) return;
      if (this.isRoot(n)) {
        if (!roots.some((r) => r.node === p.node && r.subtask === p.subtask))
          roots.push({ node: p.node, subtask: p.subtask });
        return;
      }
      for (const l of this.lanes(p)) if (l.status !== 'finished') walk(l.from, depth + 1);
    };
    walk(place, 0);
    const first = roots[0];
    const firstNode = first ? this.nodes.get(first.node)! : null;
    const strategy = firstNode ? strategyOf(this.doc, firstNode) : null;
    return [
      {
        type: 'quietSource',
        sources: roots,
        needsTimestamp: needed + boundOf(strategy) + 1,
        bounded: roots.every((r) => bounded(this.nodes.get(r.node)!)),
        fix: first?.node ?? place.node,
      },
    ];
  }

  window(spec: WindowSpec, node: PipelineNode, s: SubtaskState, w: OpenWindow): WindowExplanation {
    const place = { node: node.id, subtask: s.subtask };
    const global = w.start === GLOBAL_START;
    const base = {
      node: node.id,
      subtask: s.subtask,
      key: w.key,
      window: global ? null : { start: w.start, end: w.end },
      watermark: s.watermark,
      lanes: this.lanes(place),
    };
    if (spec.never)
      return {
        ...base,
        needs: { type: 'never' },
        causes: [{ type: 'neverTrigger', fix: node.id }],
      };
    if (spec.count !== null) {
      const have = w.triggerState ?? 0;
      const more = spec.count - have;
      return {
        ...base,
        needs: { type: 'count', count: spec.count, have, more },
        causes: [{ type: 'countNeeded', count: spec.count, have, more }],
      };
    }
    const due = w.end - 1;
    if (this.doc.settings.runtimeMode === 'BATCH')
      return {
        ...base,
        needs:
          spec.domain === 'processing'
            ? { type: 'processingTime', time: due }
            : { type: 'watermark', watermark: due },
        causes: [{ type: 'batchEndOfKey' }],
      };
    if (spec.domain === 'processing') {
      const st = this.status.get(placeId(place));
      return {
        ...base,
        needs: { type: 'processingTime', time: due },
        causes: st?.finished
          ? [{ type: 'inputEnded' }]
          : [{ type: 'clock', now: this.facts.now, time: due }],
      };
    }
    const needs: Need = { type: 'watermark', watermark: due };
    if (s.watermark !== null && s.watermark >= due)
      return {
        ...base,
        needs,
        causes: [{ type: 'firedKeptForLateness', cleanup: due + spec.allowedLateness }],
      };
    return { ...base, needs, causes: this.holdBack(place, due) };
  }
}

/** The lowest counted lane: one without a watermark first (the valve's minimum is "none"). */
function holdingLane(lanes: Lane[]): Lane | null {
  let best: Lane | null = null;
  for (const l of lanes) {
    if (!l.counted || l.status === 'finished') continue;
    if (l.watermark === null) return l;
    if (best === null || l.watermark < best.watermark!) best = l;
  }
  return best;
}

function placeId(p: { node: string; subtask: number }): string {
  return `${p.node}\u0000${p.subtask}`;
}

function needValue(n: Need): number {
  if (n.type === 'watermark') return n.watermark;
  if (n.type === 'processingTime') return n.time;
  if (n.type === 'count') return n.more;
  return Number.POSITIVE_INFINITY;
}

/** Explains every open window of window operator `nodeId`, and each subtask's earliest one. */
export function explainOperator(
  doc: PipelineDocument,
  facts: ExplainFacts,
  nodeId: string,
): OperatorExplanation {
  const node = doc.nodes.find((n) => n.id === nodeId);
  if (!node) throw new Error(`there is no node ${nodeId}`);
  const ex = new Explainer(doc, facts);
  const spec = windowSpec(node);
  const windows: WindowExplanation[] = [];
  const subtasks: SubtaskExplanation[] = [];
  for (const s of facts.state) {
    const open = ((s.state as { windows?: OpenWindow[] } | null)?.windows ?? [])
      .slice()
      .sort(
        (a, b) => a.end - b.end || a.start - b.start || String(a.key).localeCompare(String(b.key)),
      );
    const mine = open.map((w) => ex.window(spec, node, s, w));
    windows.push(...mine);
    let next: WindowExplanation | null = null;
    for (const w of mine) if (next === null || needValue(w.needs) < needValue(next.needs)) next = w;
    const place = { node: nodeId, subtask: s.subtask };
    const batchInput = doc.settings.runtimeMode === 'BATCH' ? ex.batchInput(place) : null;
    subtasks.push({
      subtask: s.subtask,
      watermark: s.watermark,
      lanes: ex.lanes(place),
      openWindows: open.length,
      next,
      ...(batchInput ? { batchInput } : {}),
    });
  }
  return { node: nodeId, subtasks, windows };
}

/** The input lanes of one subtask (any operator: joins, union, windows), the holding one marked. */
export function explainLanes(doc: PipelineDocument, facts: ExplainFacts, place: Place): Lane[] {
  return new Explainer(doc, facts).lanes(place);
}

/** Whether a node's open windows can be explained (a window operator). */
export function isWindowKind(kind: string): boolean {
  return kind.endsWith('Window');
}
