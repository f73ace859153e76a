import { createSimulation } from '../engine';
import type { SinkRecord, Simulation, SimulationOptions, TraceEvent } from '../engine/api';
import type { PipelineDocument } from '../pipeline';
import type { RunSnapshot, StepTarget } from './protocol';
import { MemoryCheckpointStore, type StoredCheckpoint } from '../engine/checkpoints/store';
import { FateTracker, type FateMark } from '../engine/fates';
import type { ResultOrigin } from '../engine/resultOrigin';
import { BreakpointChecker, type BreakpointHit } from '../engine/breakpoints';
import type { Breakpoint } from '../pipeline/types';
import { SeekPoints } from '../engine/seekPoints';

export interface SessionOptions {
  /** A new checkpoint store for each (re)start of the run, e.g. one mirrored into IndexedDB. */
  newStore?: () => MemoryCheckpointStore;
  /** Start from checkpoint `id` among `checkpoints` (read back from IndexedDB). */
  resume?: { checkpoints: StoredCheckpoint[]; id: number };
  /** Start from a savepoint (state matched by node id); Reset and seek go back to it. */
  fromSavepoint?: SimulationOptions['fromSavepoint'];
}

const SINK_ROWS = 200;
/** Results kept per sink in the Worker: memory stays flat on long runs (counts stay exact). */
const SINK_KEEP = 1000;
const TRACE_PER_SNAPSHOT = 1000;
/**
 * A snapshot after a step, a "Run to" or a pause is one snapshot, not one per frame. Beyond the
 * newest TRACE_PER_SNAPSHOT events and the key events it carries the older events AT the node
 * the timeline follows (see follow()): the records there, as many as the timeline keeps
 * (MAX_DOTS in ui/run/timeline.ts), and the window events among them. So the timeline shows what
 * the jump went through, while the main thread is not sent every record in passing elsewhere.
 */
const FOLLOWED_RECORDS_WHEN_PAUSED = 3000;
/** The latest errors a snapshot carries (the view lists them; the count is exact). */
const ERRORS_SHOWN = 10;
/**
 * When a snapshot has more new trace events than it may carry, it still carries (up to this
 * many) of the older ones the views cannot do without: window firings (each with the timer that
 * fired it), late drops and watermarks. Only records in passing are left out.
 */
const KEY_EVENTS_PER_SNAPSHOT = 3000;
const KEY_EVENTS_WHEN_PAUSED = 10_000;
/** A step to the next watermark or firing gives up after this many events. */
const STEP_LIMIT = 1_000_000;
/** Records whose fate changed that one snapshot carries at most (the newest). */
const FATES_PER_SNAPSHOT = 5000;
/**
 * Snapshots carry fate changes only of records the UI has been sent in the trace (the newest this
 * many; the UI keeps as many): at full speed most records never reach the UI, and their fates
 * would only cost the main thread time.
 */
const SENT_RECORDS = 20_000;
/** A seek re-simulates in slices of this many events, feeding the fate tracker between them. */
const SEEK_SLICE = 20_000;
/** Trace events kept between two snapshots at most (the trace ring's own limit). */
const UNSENT_LIMIT = 100_000;

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
 * What the last step did, as an English template with its values: the UI words it in the user's
 * language (`t(text, values)`); `english` is the filled-in sentence for the CLI and the tests.
 */
interface StepNote {
  text: string;
  values: Record<string, string | number>;
  english: string;
}

function note(text: string, values: Record<string, string | number> = {}): StepNote {
  const english = text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(values[k] ?? ''));
  return { text, values, english };
}

/**
 * One run of one document: the engine plus what the views need between frames. Pure (no Worker
 * API), so the Worker, tests and the CLI can share it.
 */
export class RunSession {
  private sim: Simulation;
  private stepNote: StepNote | null = null;
  // Record fates and breakpoints (engine/fates.ts, engine/breakpoints.ts): both read every trace
  // event once, in order, through pump(). Set up in create().
  private fates!: FateTracker;
  private checker!: BreakpointChecker;
  private fed = 0;
  /** Trace events the fate tracker never read (the ring had let them go): counts are approximate. */
  private unfollowed = 0;
  /**
   * The events pump() read since the last snapshot: the snapshot sends these very objects, which
   * the fate tracker has annotated (`record`), instead of reading the ring a second time.
   */
  private unsent: TraceEvent[] = [];
  /** Records that trace events sent to the UI named, oldest first (bounded, see SENT_RECORDS). */
  private sentRecords = new Set<number>();
  private breakpoints: Breakpoint[] | null = null;
  private hit: BreakpointHit | null = null;
  /** The record the inspector shows (its fate rides along in every snapshot), or null. */
  private inspected: number | null = null;
  /** The origin of the Results row the inspector shows (window or unknown), or null. */
  private origin: ResultOrigin | null = null;
  /**
   * Images of this document's run from its start, for instant seeks. Taken only while the run
   * is that deterministic run: not after an injected failure or when resumed from a checkpoint.
   */
  readonly seekPoints = new SeekPoints();
  private offTrack = false;
  /** The node the timeline follows (see FOLLOWED_RECORDS_WHEN_PAUSED), or null. */
  private followed: string | null = null;
  /** The node whose recent events the next snapshot carries as `followedTrace`, or null. */
  private historyOwed: string | null = null;

  constructor(
    private readonly doc: PipelineDocument,
    private readonly seed?: number,
    private options: SessionOptions = {},
  ) {
    this.sim = this.create();
    this.takeSeekPoint(true);
  }

  private create(): Simulation {
    this.fed = 0;
    this.unfollowed = 0;
    this.unsent = [];
    this.sentRecords.clear();
    this.hit = null;
    this.fates = new FateTracker(this.doc);
    this.origin = null;
    this.checker = new BreakpointChecker(
      this.doc,
      this.breakpoints ?? this.doc.settings.breakpoints ?? [],
    );
    const store = this.options.newStore?.() ?? new MemoryCheckpointStore();
    const resume = this.options.resume;
    this.offTrack = resume !== undefined;
    if (resume) for (const c of resume.checkpoints) store.load(c);
    return createSimulation(this.doc, {
      seed: this.seed,
      trace: true,
      traceLimit: 100_000,
      sinkLimit: SINK_KEEP,
      errorLimit: 1000,
      checkpointStore: store,
      restoreFrom: resume?.id,
      savepoints: true,
      fromSavepoint: this.options.fromSavepoint,
    });
  }

  get simulation(): Simulation {
    return this.sim;
  }

  reset(): void {
    // Reset goes back to the start of the document, not to a resumed checkpoint (but to the
    // savepoint a run started from: that run has no earlier part to go back to).
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
        ? note('{{node}}[{{subtask}}] failed; the job failed: {{cause}}', {
            node,
            subtask,
            cause: ft.failureCause ?? '',
          })
        : note('{{node}}[{{subtask}}] failed at {{now}} ms; the job restarts at {{at}} ms', {
            node,
            subtask,
            now: this.sim.now,
            at: ft.restartAt ?? '',
          });
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
      if (point !== null) {
        this.sim.restoreImage(point);
        // The fates of records before the point are not known after a jump: follow them from the
        // trace events the point kept (pump reads from the oldest one the ring still holds).
        this.fates = new FateTracker(this.doc);
        this.origin = null;
        this.fed = 0;
        this.unfollowed = 0;
        this.unsent = [];
        this.sentRecords.clear();
        this.hit = null;
      } else this.sim = this.create();
      this.offTrack = false;
    }
    this.stepNote = null;
    // In slices, so that the fate tracker sees every trace event before the ring lets it go.
    const chunk = Math.min(this.seekPoints.spacing, SEEK_SLICE);
    while (this.sim.eventCount < target) {
      const n = this.sim.run(Math.min(chunk, target - this.sim.eventCount));
      this.pump();
      if (n === 0) break;
      this.takeSeekPoint(true);
    }
    this.pump();
    this.hit = null;
  }

  /** `exact`: the clock is where the last event left it (not moved on by runTo or play). */
  private takeSeekPoint(exact: boolean): void {
    if (!this.offTrack) this.seekPoints.offer(this.sim, exact);
  }

  /** Replaces the breakpoints of the running session (the run goes on from where it is). */
  setBreakpoints(breakpoints: Breakpoint[]): void {
    this.pump(); // what happened before applies to the old breakpoints
    this.breakpoints = breakpoints;
    this.checker.set(breakpoints);
  }

  /**
   * Which node the timeline follows (null: none). When it changes, the next snapshot also carries
   * the events at that node that the trace ring still holds, so the timeline of a node chosen
   * after a run shows what happened there.
   */
  follow(node: string | null): void {
    if (node === this.followed) return;
    this.followed = node;
    this.historyOwed = node;
  }

  /** Which record's fate snapshots carry (null: none; also forgets a row's origin). */
  inspectRecord(id: number | null): void {
    this.inspected = id;
    if (id === null) this.origin = null;
  }

  /**
   * A Results row's origin: a record passed along opens that record's fate; a window result
   * rides along in the snapshots (the window and its records) until another row or Close.
   */
  inspectResult(row: SinkRecord): void {
    this.pump(); // the row may come from events not fed yet
    const origin = this.fates.resultOrigin(row);
    this.origin = origin.kind === 'record' ? null : origin;
    this.inspected = origin.kind === 'record' ? origin.id : null;
  }

  /** The breakpoint that paused the run last (null once the run moves on). */
  get breakpointHit(): BreakpointHit | null {
    return this.hit;
  }

  /**
   * Feeds the trace events recorded since the last call to the fate tracker and the breakpoint
   * checker; returns them and the first breakpoint they hit.
   */
  private pump(): { events: TraceEvent[]; hit: BreakpointHit | null } {
    const total = this.sim.traceTotal();
    if (total === this.fed) return { events: [], hit: null };
    const events = this.sim.traceSince(this.fed);
    if (total - this.fed - events.length > 0) this.fates.missed();
    this.unfollowed += total - this.fed - events.length;
    this.fed = total;
    this.fates.feed(events);
    for (const e of events) this.unsent.push(e);
    // As the ring does: between two snapshots no more than the last 100 000 events are kept.
    if (this.unsent.length > UNSENT_LIMIT)
      this.unsent = this.unsent.slice(this.unsent.length - UNSENT_LIMIT);
    let hit: BreakpointHit | null = null;
    for (const e of events) {
      const h = this.checker.check(e);
      if (h && !hit) hit = h;
    }
    return { events, hit };
  }

  /** A breakpoint hit: the run pauses here, the inspector shows the record it names. */
  private pauseAt(hit: BreakpointHit): void {
    this.hit = hit;
    if (hit.record !== null) this.inspected = hit.record;
    this.stepNote = this.describeHit(hit);
  }

  private describeHit(h: BreakpointHit): StepNote {
    const id = h.id;
    if (h.type === 'window')
      return note(
        'breakpoint {{id}}: window [{{start}}, {{end}}) of key {{key}} at {{node}} fired',
        {
          id,
          start: h.window?.start ?? '',
          end: h.window?.end ?? '',
          key: String(h.key),
          node: h.node,
        },
      );
    if (h.type === 'watermark')
      return note('breakpoint {{id}}: the watermark of {{node}} reached {{watermark}}', {
        id,
        node: h.node,
        watermark: h.watermark ?? '',
      });
    return note(
      h.late
        ? 'breakpoint {{id}}: a late record (key {{key}}, event time {{ts}}) reached {{node}}[{{subtask}}]'
        : 'breakpoint {{id}}: a record (key {{key}}, event time {{ts}}) reached {{node}}[{{subtask}}]',
      { id, key: String(h.key), ts: h.timestamp ?? '', node: h.node, subtask: h.subtask },
    );
  }

  step(target: StepTarget): void {
    this.hit = null;
    this.pump();
    if (target === 'event') {
      const stepped = this.sim.step();
      const { events, hit } = this.pump();
      if (hit) this.pauseAt(hit);
      else this.stepNote = stepped ? this.describe(events) : note('the run has finished');
      this.takeSeekPoint(true);
      return;
    }
    const wanted = (e: TraceEvent) =>
      target === 'watermark' ? e.type === 'watermark' : e.type === 'window' && e.action === 'fire';
    for (let i = 0; i < STEP_LIMIT; i++) {
      if (!this.sim.step()) {
        this.stepNote =
          target === 'watermark'
            ? note('the run finished with no further watermark')
            : note('the run finished with no further window firing');
        return;
      }
      const { events, hit } = this.pump();
      if (hit) {
        this.pauseAt(hit);
        this.takeSeekPoint(true);
        return;
      }
      const found = events.find(wanted);
      if (found) {
        this.stepNote = this.describe([found]);
        this.takeSeekPoint(true);
        return;
      }
      if (i % 1000 === 999) this.takeSeekPoint(true);
    }
    this.stepNote = note(
      target === 'watermark'
        ? 'no watermark within {{count}} events'
        : 'no window firing within {{count}} events',
      { count: STEP_LIMIT.toLocaleString('en') },
    );
  }

  /** Runs up to processing time `time`; returns true when a breakpoint paused it before. */
  runTo(time: number): boolean {
    this.hit = null;
    if (!this.checker.active) {
      this.sim.runUntil(time);
      return false;
    }
    // Event by event, so that the run stops right at the event that hits.
    this.pump();
    for (let t = this.sim.nextEventTime(); t !== null && t <= time; t = this.sim.nextEventTime()) {
      this.sim.step();
      const { hit } = this.pump();
      if (hit) {
        this.pauseAt(hit);
        return true;
      }
    }
    this.sim.runUntil(time);
    this.takeSeekPoint(false);
    return false;
  }

  /**
   * Advances a playing run by one frame: `virtualMs` of processing time, or a batch of events at
   * max speed. Returns true when a breakpoint paused it.
   */
  advance(virtualMs: number | 'max'): boolean {
    this.stepNote = null; // it explained the last step; playing moves on from it
    if (virtualMs !== 'max') return this.runTo(this.sim.now + virtualMs);
    this.hit = null;
    if (!this.checker.active) {
      this.sim.run(2_000);
      this.takeSeekPoint(true);
      return false;
    }
    this.pump();
    for (let i = 0; i < 2_000 && this.sim.step(); i++) {
      const { hit } = this.pump();
      if (hit) {
        this.pauseAt(hit);
        this.takeSeekPoint(true);
        return true;
      }
    }
    this.takeSeekPoint(true);
    return false;
  }

  /** The fate tracker of this run (tests and the CLI read it). */
  get fateTracker(): FateTracker {
    return this.fates;
  }

  private describe(events: TraceEvent[]): StepNote {
    const e = events.find((x) => x.type !== 'receive') ?? events[0];
    if (!e) return note('nothing happened');
    const at = { node: e.node, subtask: e.subtask };
    switch (e.type) {
      case 'watermark':
        return note('watermark of {{node}}[{{subtask}}] advanced to {{watermark}}', {
          ...at,
          watermark: e.watermark,
        });
      case 'window':
        return note(
          e.firing
            ? `window [{{start}}, {{end}}) of key {{key}} at {{node}} ${WINDOW_VERB[e.action]} ({{firing}})`
            : `window [{{start}}, {{end}}) of key {{key}} at {{node}} ${WINDOW_VERB[e.action]}`,
          { ...at, start: e.start, end: e.end, key: String(e.key), firing: e.firing ?? '' },
        );
      case 'sink':
        return note('{{node}} received {{value}}', { ...at, value: JSON.stringify(e.value) });
      case 'drop':
        return note('{{node}} dropped a record: {{reason}}', { ...at, reason: e.reason });
      case 'timer':
        return note(
          `{{domain}}-time timer at {{at}} of key {{key}} at {{node}} ${e.action === 'set' ? 'registered' : e.action === 'fire' ? 'fired' : 'deleted'}`,
          { ...at, domain: e.domain, at: e.at, key: String(e.key) },
        );
      case 'state':
        return note(
          `{{node}} ${e.action === 'read' ? 'read' : e.action === 'write' ? 'wrote' : 'cleared'} the {{stateType}} state "{{state}}" of key {{key}} ({{method}})`,
          { ...at, stateType: e.stateType, state: e.state, key: String(e.key), method: e.method },
        );
      case 'barrier':
        return e.action === 'aligned'
          ? note(
              '{{node}}[{{subtask}}] has barrier {{checkpoint}} from every input (alignment {{alignment}} ms)',
              { ...at, checkpoint: e.checkpoint, alignment: e.alignment ?? 0 },
            )
          : note(
              e.action === 'emit'
                ? '{{node}}[{{subtask}}] sent barrier {{checkpoint}}'
                : '{{node}}[{{subtask}}] received barrier {{checkpoint}}',
              { ...at, checkpoint: e.checkpoint },
            );
      case 'checkpoint':
        return e.action === 'ack'
          ? note('{{node}}[{{subtask}}] acknowledged checkpoint {{checkpoint}}', {
              ...at,
              checkpoint: e.checkpoint,
            })
          : e.action === 'commit'
            ? note('{{node}}[{{subtask}}] committed the output of checkpoint {{checkpoint}}', {
                ...at,
                checkpoint: e.checkpoint,
              })
            : e.action === 'trigger'
              ? note('checkpoint {{checkpoint}} triggered', { checkpoint: e.checkpoint })
              : e.action === 'complete'
                ? note('checkpoint {{checkpoint}} completed', { checkpoint: e.checkpoint })
                : note('checkpoint {{checkpoint}} aborted: {{reason}}', {
                    checkpoint: e.checkpoint,
                    reason: e.reason ?? '',
                  });
      case 'failure':
        return note('{{node}}[{{subtask}}] failed: {{message}}', { ...at, message: e.message });
      case 'restore':
        return note('the job restarted: {{message}}', { message: e.message });
      default:
        return note('{{type}} at {{node}}[{{subtask}}]', { ...at, type: e.type });
    }
  }

  /** Remembers the records these events (about to be sent) name; see SENT_RECORDS. */
  private noteSent(events: TraceEvent[]): TraceEvent[] {
    const sent = this.sentRecords;
    for (const e of events) {
      const id = e.type === 'emit' || e.type === 'receive' ? e.record : undefined;
      if (id === undefined) continue;
      sent.delete(id);
      sent.add(id);
    }
    if (sent.size > SENT_RECORDS) {
      let extra = sent.size - SENT_RECORDS;
      for (const id of sent) {
        if (extra-- <= 0) break;
        sent.delete(id);
      }
    }
    return events;
  }

  private freshTrace(playing: boolean, followed: string | null): TraceEvent[] {
    return this.noteSent(
      playing
        ? this.cutTrace(TRACE_PER_SNAPSHOT, KEY_EVENTS_PER_SNAPSHOT, null)
        : this.cutTrace(TRACE_PER_SNAPSHOT, KEY_EVENTS_WHEN_PAUSED, followed),
    );
  }

  /**
   * The newest `limit` unsent events, after up to `keyLimit` older key events (see above) and,
   * when `at` names a node, the older events at it (see FOLLOWED_RECORDS_WHEN_PAUSED).
   */
  private cutTrace(limit: number, keyLimit: number, at: string | null): TraceEvent[] {
    const all = this.unsent;
    this.unsent = [];
    if (all.length <= limit) return all;
    const cut = all.length - limit;
    // From the newest back: where the followed node's newest records before the cut begin.
    let from = cut;
    if (at !== null) {
      const records = new RecordCount(at);
      while (from > 0 && !records.full) records.see(all[--from]);
    }
    const kept: TraceEvent[] = [];
    let keys = 0;
    for (let i = 0; i < cut; i++) {
      const e = all[i];
      if (keys < keyLimit && e.type === 'window' && e.action === 'fire') {
        const before = all[i - 1];
        if (before?.type === 'timer' && kept.at(-1) !== before) kept.push(before);
        kept.push(e);
        keys++;
      } else if (keys < keyLimit && isKeyEvent(e)) {
        kept.push(e);
        keys++;
      } else if (i >= from && e.node === at && isFollowedEvent(e)) kept.push(e);
    }
    return kept.concat(all.slice(cut));
  }

  /**
   * The events at node `at` that the trace ring still holds (the newest records, as many as a
   * paused snapshot carries), with the failures and restores of the job; `since`: the processing
   * time from which they are complete (0: from the start).
   */
  private historyAt(at: string): { node: string; events: TraceEvent[]; since: number } {
    const total = this.sim.traceTotal();
    const ring = this.sim.traceSince(0);
    const out: TraceEvent[] = [];
    const records = new RecordCount(at);
    let i = ring.length - 1;
    for (; i >= 0 && !records.full; i--) {
      const e = ring[i];
      if (e.type === 'failure' || e.type === 'restore') out.push(e);
      else if (
        e.node === at &&
        (isFollowedEvent(e) || e.type === 'watermark' || e.type === 'drop')
      ) {
        out.push(e);
        records.see(e);
      }
    }
    const complete = i < 0 && ring.length === total;
    out.reverse();
    return { node: at, events: out, since: complete || out.length === 0 ? 0 : out[0].time };
  }

  /** The fates of the records these events name now (a history's records were not sent before). */
  private fatesOf(events: TraceEvent[]): FateMark[] {
    const out: FateMark[] = [];
    for (const e of events) {
      if (e.type !== 'emit' && e.type !== 'receive') continue;
      const r = e.record === undefined ? undefined : this.fates.get(e.record);
      if (r) out.push({ id: r.id, fate: r.fate, replayed: r.replayed, duplicated: r.duplicated });
    }
    return out.slice(-FATES_PER_SNAPSHOT);
  }

  snapshot(playing: boolean, watched: string | null = null): RunSnapshot {
    this.pump();
    // While playing the history waits for the next paused snapshot: the timeline is a sample
    // then anyway, and 6 000 events at once would be a long task on the main thread.
    const history = this.historyOwed === null || playing ? null : this.historyAt(this.historyOwed);
    if (!playing) this.historyOwed = null;
    if (history) this.noteSent(history.events);
    // The history holds the followed node's older events already.
    const fresh = this.freshTrace(playing, history === null ? this.followed : null);
    const status = this.sim.status();
    // What the sink made visible (committed), not what it received: an exactly-once sink's
    // aborted transactions received records that never reach the output.
    const totals = this.sim.sinkTotals();
    const sinks = [...this.sim.sinkRecords()].map(([node, rows]) => ({
      node,
      total: totals.get(node) ?? rows.length,
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
      ...(history ? { followedTrace: history } : {}),
      stepNote: this.stepNote?.english ?? null,
      stepNoteText: this.stepNote
        ? { text: this.stepNote.text, values: this.stepNote.values }
        : null,
      faultTolerance: this.sim.faultTolerance(),
      ...(this.options.fromSavepoint ? { fromSavepoint: this.options.fromSavepoint.id } : {}),
      pending: [...this.sim.pendingSinkRecords()].map(([node, rows]) => ({
        node,
        count: rows.length,
      })),
      fates: [
        ...(history ? this.fatesOf(history.events) : []),
        ...this.fates.takeChanged(FATES_PER_SNAPSHOT, (id) => this.sentRecords.has(id)),
      ],
      fateCounts: this.fates.counters(),
      fatesUnfollowed: this.unfollowed,
      errors: { count: this.sim.errorCount(), latest: this.sim.lastErrors(ERRORS_SHOWN) },
      record: this.inspected === null ? null : (this.fates.get(this.inspected) ?? null),
      origin: this.origin,
      breakpointHit: this.hit,
      sources: this.sim.sources(),
    };
  }
}

/** Events the views cannot do without (window firings aside, see cutTrace). */
function isKeyEvent(e: TraceEvent): boolean {
  return (
    e.type === 'drop' ||
    e.type === 'watermark' ||
    e.type === 'failure' ||
    e.type === 'restore' ||
    // A replay after a recovery (lessons count them).
    (e.type === 'emit' && !!e.replayed)
  );
}

/** Events at the followed node that its timeline draws: records and windows. */
function isFollowedEvent(e: TraceEvent): boolean {
  return e.type === 'receive' || e.type === 'emit' || e.type === 'window';
}

/**
 * Counts, from the newest back, the records at a node that its timeline draws: what a source
 * emits, what any other operator receives (a window also emits its results, which do not count).
 */
class RecordCount {
  private received = 0;
  private emitted = 0;
  constructor(private readonly node: string) {}
  see(e: TraceEvent): void {
    if (e.node !== this.node) return;
    if (e.type === 'receive') this.received++;
    else if (e.type === 'emit') this.emitted++;
  }
  get full(): boolean {
    return Math.max(this.received, this.emitted) >= FOLLOWED_RECORDS_WHEN_PAUSED;
  }
}
