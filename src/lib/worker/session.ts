import { createSimulation } from '../engine';
import type { Simulation, TraceEvent } from '../engine/api';
import type { PipelineDocument } from '../pipeline';
import type { RunSnapshot, StepTarget } from './protocol';
import { MemoryCheckpointStore, type StoredCheckpoint } from '../engine/checkpoints/store';

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
  private traceSeen = 0;
  private stepNote: StepNote | null = null;

  constructor(
    private readonly doc: PipelineDocument,
    private readonly seed?: number,
    private options: SessionOptions = {},
  ) {
    this.sim = this.create();
  }

  private create(): Simulation {
    this.traceSeen = 0;
    const store = this.options.newStore?.() ?? new MemoryCheckpointStore();
    const resume = this.options.resume;
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

  /** Deterministic re-simulation from the start up to `eventCount` processed events. */
  seek(eventCount: number): void {
    this.reset();
    this.sim.run(Math.max(0, eventCount));
  }

  step(target: StepTarget): void {
    if (target === 'event') {
      const before = this.traceLength();
      this.stepNote = this.sim.step()
        ? this.describe(this.newTrace(before))
        : note('the run has finished');
      return;
    }
    const wanted = (e: TraceEvent) =>
      target === 'watermark' ? e.type === 'watermark' : e.type === 'window' && e.action === 'fire';
    for (let i = 0; i < STEP_LIMIT; i++) {
      const before = this.traceLength();
      if (!this.sim.step()) {
        this.stepNote =
          target === 'watermark'
            ? note('the run finished with no further watermark')
            : note('the run finished with no further window firing');
        return;
      }
      const hit = this.newTrace(before).find(wanted);
      if (hit) {
        this.stepNote = this.describe([hit]);
        return;
      }
    }
    this.stepNote = note(
      target === 'watermark'
        ? 'no watermark within {{count}} events'
        : 'no window firing within {{count}} events',
      { count: STEP_LIMIT.toLocaleString('en') },
    );
  }

  runTo(time: number): void {
    this.sim.runUntil(time);
  }

  /** Advances a playing run by one frame: `virtualMs` of processing time, or a batch of events at max speed. */
  advance(virtualMs: number | 'max'): void {
    this.stepNote = null; // it explained the last step; playing moves on from it
    if (virtualMs === 'max') this.sim.run(2_000);
    else this.sim.runUntil(this.sim.now + virtualMs);
  }

  private traceLength(): number {
    return this.sim.traceTotal();
  }

  private newTrace(fromAbsolute: number): TraceEvent[] {
    return this.sim.traceSince(fromAbsolute);
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
      stepNote: this.stepNote?.english ?? null,
      stepNoteText: this.stepNote
        ? { text: this.stepNote.text, values: this.stepNote.values }
        : null,
      faultTolerance: this.sim.faultTolerance(),
      pending: [...this.sim.pendingSinkRecords()].map(([node, rows]) => ({
        node,
        count: rows.length,
      })),
    };
  }
}
