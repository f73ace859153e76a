import { createSimulation } from '../engine';
import type { Simulation, TraceEvent } from '../engine/api';
import type { PipelineDocument } from '../pipeline';
import type { RunSnapshot, StepTarget } from './protocol';
import { MemoryCheckpointStore, type StoredCheckpoint } from '../engine/checkpoints/store';
import { SeekPoints } from '../engine/seekPoints';

export interface SessionOptions {
  /** A new checkpoint store for each (re)start of the run, e.g. one mirrored into IndexedDB. */
  newStore?: () => MemoryCheckpointStore;
  /** Start from checkpoint `id` among `checkpoints` (read back from IndexedDB). */
  resume?: { checkpoints: StoredCheckpoint[]; id: number };
}

const SINK_ROWS = 200;
/** Results kept per sink in the Worker: memory stays flat on long runs (counts stay exact). */
const SINK_KEEP = 1000;
const TRACE_PER_SNAPSHOT = 1000;
/**
 * When a snapshot has more new trace events than it may carry, it still carries (up to this
 * many) of the older ones the views cannot do without: window firings (each with the timer that
 * fired it), late drops and watermarks. Only records in passing are left out.
 */
const KEY_EVENTS_PER_SNAPSHOT = 3000;
/** A step to the next watermark or firing gives up after this many events. */
const STEP_LIMIT = 1_000_000;

type WindowAction = Extract<TraceEvent, { type: 'window' }>['action'];
const WINDOW_VERB: Record<WindowAction, string> = {
  create: 'created',
  add: 'got an element',
  fire: 'fired',
  purge: 'purged',
  evict: 'evicted elements',
  merge: 'merged',
  cleanup: 'cleaned up',
};

/**
 * One run of one document: the engine plus what the views need between frames. Pure (no Worker
 * API), so the Worker, tests and the CLI can share it.
 */
export class RunSession {
  private sim: Simulation;
  private traceSeen = 0;
  private stepNote: string | null = null;
  /**
   * Images of this document's run from its start, for instant seeks. Taken only while the run
   * is that deterministic run: not after an injected failure or when resumed from a checkpoint.
   */
  readonly seekPoints = new SeekPoints();
  private offTrack = false;

  constructor(
    private readonly doc: PipelineDocument,
    private readonly seed?: number,
    private options: SessionOptions = {},
  ) {
    this.sim = this.create();
    this.takeSeekPoint(true);
  }

  private create(): Simulation {
    this.traceSeen = 0;
    const store = this.options.newStore?.() ?? new MemoryCheckpointStore();
    const resume = this.options.resume;
    this.offTrack = resume !== undefined;
    if (resume) for (const c of resume.checkpoints) store.load(c);
    return createSimulation(this.doc, {
      seed: this.seed,
      trace: true,
      traceLimit: 100_000,
      sinkLimit: SINK_KEEP,
      checkpointStore: store,
      restoreFrom: resume?.id,
    });
  }

  get simulation(): Simulation {
    return this.sim;
  }

  reset(): void {
    // Reset goes back to the start of the document, not to a resumed checkpoint.
    this.options = { ...this.options, resume: undefined };
    this.sim = this.create();
    this.stepNote = null;
  }

  injectFailure(node: string, subtask = 0): void {
    this.offTrack = true;
    this.sim.injectFailure(node, subtask);
    const ft = this.sim.faultTolerance();
    this.stepNote =
      ft.job === 'FAILED'
        ? `${node}[${subtask}] failed; the job failed: ${ft.failureCause ?? ''}`
        : `${node}[${subtask}] failed at ${this.sim.now} ms; the job restarts at ${ft.restartAt} ms`;
  }

  /**
   * Goes to the state after `eventCount` processed events of a fresh run (deterministic
   * re-simulation): from the nearest seek point at or before it, or from where the run is when
   * that is nearer, running forward (taking seek points on the way).
   */
  seek(eventCount: number): void {
    const target = Math.max(0, eventCount);
    const point = this.seekPoints.nearest(target);
    const here = this.sim.eventCount;
    const goOn = !this.offTrack && here <= target && (point === null || point.eventCount <= here);
    if (!goOn) {
      if (this.options.resume) {
        this.options = { ...this.options, resume: undefined };
        this.sim = this.create();
      }
      if (point !== null) this.sim.restoreImage(point);
      else this.sim = this.create();
      this.offTrack = false;
    }
    this.traceSeen = 0;
    this.stepNote = null;
    const chunk = this.seekPoints.spacing;
    while (this.sim.eventCount < target) {
      if (this.sim.run(Math.min(chunk, target - this.sim.eventCount)) === 0) break;
      this.takeSeekPoint(true);
    }
  }

  /** `exact`: the clock is where the last event left it (not moved on by runTo or play). */
  private takeSeekPoint(exact: boolean): void {
    if (!this.offTrack) this.seekPoints.offer(this.sim, exact);
  }

  step(target: StepTarget): void {
    if (target === 'event') {
      const before = this.traceLength();
      this.stepNote = this.sim.step()
        ? this.describe(this.newTrace(before))
        : 'the run has finished';
      this.takeSeekPoint(true);
      return;
    }
    const wanted = (e: TraceEvent) =>
      target === 'watermark' ? e.type === 'watermark' : e.type === 'window' && e.action === 'fire';
    for (let i = 0; i < STEP_LIMIT; i++) {
      const before = this.traceLength();
      if (!this.sim.step()) {
        this.stepNote = `the run finished with no further ${target === 'watermark' ? 'watermark' : 'window firing'}`;
        return;
      }
      const hit = this.newTrace(before).find(wanted);
      if (hit) {
        this.stepNote = this.describe([hit]);
        this.takeSeekPoint(true);
        return;
      }
      if (i % 1000 === 999) this.takeSeekPoint(true);
    }
    this.stepNote = `no ${target} within ${STEP_LIMIT.toLocaleString('en')} events`;
  }

  runTo(time: number): void {
    this.sim.runUntil(time);
    this.takeSeekPoint(false);
  }

  /** Advances a playing run by one frame: `virtualMs` of processing time, or a batch of events at max speed. */
  advance(virtualMs: number | 'max'): void {
    this.stepNote = null; // it explained the last step; playing moves on from it
    if (virtualMs === 'max') this.sim.run(2_000);
    else this.sim.runUntil(this.sim.now + virtualMs);
    this.takeSeekPoint(virtualMs === 'max');
  }

  private traceLength(): number {
    return this.sim.traceTotal();
  }

  private newTrace(fromAbsolute: number): TraceEvent[] {
    return this.sim.traceSince(fromAbsolute);
  }

  private describe(events: TraceEvent[]): string {
    const e = events.find((x) => x.type !== 'receive') ?? events[0];
    if (!e) return 'nothing happened';
    switch (e.type) {
      case 'watermark':
        return `watermark of ${e.node}[${e.subtask}] advanced to ${e.watermark}`;
      case 'window':
        return `window [${e.start}, ${e.end}) of key ${String(e.key)} at ${e.node} ${WINDOW_VERB[e.action]}${e.firing ? ` (${e.firing})` : ''}`;
      case 'sink':
        return `${e.node} received ${JSON.stringify(e.value)}`;
      case 'drop':
        return `${e.node} dropped a record: ${e.reason}`;
      case 'timer':
        return `${e.domain}-time timer at ${e.at} of key ${String(e.key)} at ${e.node} ${e.action === 'set' ? 'registered' : e.action === 'fire' ? 'fired' : 'deleted'}`;
      case 'state':
        return `${e.node} ${e.action === 'read' ? 'read' : e.action === 'write' ? 'wrote' : 'cleared'} the ${e.stateType} state "${e.state}" of key ${String(e.key)} (${e.method})`;
      case 'barrier':
        return e.action === 'aligned'
          ? `${e.node}[${e.subtask}] has barrier ${e.checkpoint} from every input (alignment ${e.alignment ?? 0} ms)`
          : `${e.node}[${e.subtask}] ${e.action === 'emit' ? 'sent' : 'received'} barrier ${e.checkpoint}`;
      case 'checkpoint':
        return e.action === 'ack'
          ? `${e.node}[${e.subtask}] acknowledged checkpoint ${e.checkpoint}`
          : e.action === 'commit'
            ? `${e.node}[${e.subtask}] committed the output of checkpoint ${e.checkpoint}`
            : `checkpoint ${e.checkpoint} ${e.action === 'trigger' ? 'triggered' : e.action === 'complete' ? 'completed' : `aborted: ${e.reason ?? ''}`}`;
      case 'failure':
        return `${e.node}[${e.subtask}] failed: ${e.message}`;
      case 'restore':
        return `the job restarted: ${e.message}`;
      default:
        return `${e.type} at ${e.node}[${e.subtask}]`;
    }
  }

  private freshTrace(): TraceEvent[] {
    const all = this.newTrace(this.traceSeen);
    if (all.length <= TRACE_PER_SNAPSHOT) return all;
    const cut = all.length - TRACE_PER_SNAPSHOT;
    const kept: TraceEvent[] = [];
    for (let i = 0; i < cut && kept.length < KEY_EVENTS_PER_SNAPSHOT; i++) {
      const e = all[i];
      if (e.type === 'window' && e.action === 'fire') {
        const before = all[i - 1];
        if (before?.type === 'timer' && kept.at(-1) !== before) kept.push(before);
        kept.push(e);
      } else if (e.type === 'drop' || e.type === 'watermark') kept.push(e);
    }
    return kept.concat(all.slice(cut));
  }

  snapshot(playing: boolean, watched: string | null = null): RunSnapshot {
    const total = this.traceLength();
    const fresh = this.freshTrace();
    this.traceSeen = total;
    const status = this.sim.status();
    const received = (node: string) =>
      status.reduce((a, st) => a + (st.node === node ? st.recordsIn : 0), 0);
    const sinks = [...this.sim.sinkRecords()].map(([node, rows]) => ({
      node,
      total: Math.max(rows.length, received(node)),
      rows: rows.slice(-SINK_ROWS),
    }));
    return {
      handled: 0,
      now: this.sim.now,
      eventCount: this.sim.eventCount,
      finished: this.sim.finished,
      playing,
      status,
      sinks,
      channels: this.sim.channels(),
      state: watched ? { node: watched, subtasks: this.sim.inspect(watched) } : null,
      trace: fresh,
      stepNote: this.stepNote,
      faultTolerance: this.sim.faultTolerance(),
      pending: [...this.sim.pendingSinkRecords()].map(([node, rows]) => ({
        node,
        count: rows.length,
      })),
    };
  }
}
