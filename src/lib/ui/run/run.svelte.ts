import { t } from '../../i18n';
import type { Breakpoint, PipelineDocument } from '../../pipeline';
import type { FateMark } from '../../engine/fates';
import type { SinkRecord } from '../../engine/api';
import type {
  FromWorker,
  RunSnapshot,
  SavepointInfo,
  SavepointProblem,
  Speed,
  StepTarget,
  ToWorker,
} from '../../worker/protocol';
import { RunActivity } from './activity.svelte';

/** While playing fast, the views redraw at most this often: figures stay readable, frames smooth. */
const PUBLISH_MS = 100;
/** While playing fast, the Worker may send the next snapshot this long after the last one. */
const FAST_ACK_MS = 50;

/** Record fates the UI keeps for the timeline's marks. */
const FATES_KEPT = 20_000;

/** How long the Worker may stay silent while it owes an answer before we call it stuck. */
const WATCHDOG_MS = 3000;

/**
 * The UI side of a run: owns the Worker, sends commands, keeps the latest snapshot. A Worker
 * that stops answering (a user function that never returns) is terminated and replaced; the
 * page and the pipeline survive.
 */
export class RunController {
  snapshot = $state.raw<RunSnapshot | null>(null);
  error = $state<string | null>(null);
  speed = $state<Speed>(1000);
  /** Bounded detail gathered from all snapshots (records in flight, firings, rates). */
  readonly activity = new RunActivity();
  /** The latest fate of each record seen (the timeline marks them); bounded, newest kept. */
  readonly fates = new Map<number, FateMark>();
  private fatesAt = 0;
  /** The document the current run was loaded from. */
  loadedDoc: PipelineDocument | null = null;
  /** Checkpoints of the loaded document that an earlier page left in IndexedDB. */
  storedCheckpoints = $state.raw<{ id: number; completeTime: number }[]>([]);
  /** Savepoints kept in IndexedDB (all documents'), oldest first; null until listed. */
  savepoints = $state.raw<SavepointInfo[] | null>(null);
  /** The savepoint just taken (to point it out in the list). */
  savepointTaken = $state<number | null>(null);
  /** Why the last savepoint command could not be done, or null. */
  savepointProblem = $state.raw<SavepointProblem | null>(null);
  private worker: Worker | null = null;
  private watchdog: ReturnType<typeof setTimeout> | null = null;
  private listeners: ((snapshot: RunSnapshot) => void)[] = [];
  private loadedSeed: number | undefined;
  /** While diagnosing a stuck run: the last node whose user function started. */
  private suspect: string | null = null;
  private diagnosing = false;
  /** Commands sent that the Worker has not answered yet. */
  private pending = 0;
  /** Commands sent to the current Worker that expect an answer (snapshots say how many it handled). */
  private sent = 0;
  /** The node whose state the Worker adds to each snapshot (the state view), or null. */
  private watched: string | null = null;
  /** The node the timeline follows (see the 'follow' command), or null. */
  private followed: string | null = null;
  private ackScheduled = false;
  private latest: RunSnapshot | null = null;
  private lastPublish = 0;
  private publishTimer: ReturnType<typeof setTimeout> | null = null;

  get playing(): boolean {
    return this.snapshot?.playing ?? false;
  }

  /** Playing faster than real time: the views redraw every PUBLISH_MS with what changed. */
  get playingFast(): boolean {
    return this.playing && (this.speed === 'max' || this.speed > 1000);
  }

  /** Called with every snapshot (views that accumulate the trace listen here). */
  onSnapshot(listener: (snapshot: RunSnapshot) => void): () => void {
    this.listeners.push(listener);
    return () => (this.listeners = this.listeners.filter((l) => l !== listener));
  }

  /** Resolves with the first snapshot after which every command sent so far is answered. */
  settled(): Promise<RunSnapshot> {
    return new Promise((resolve) => {
      const off = this.onSnapshot((snapshot) => {
        if (this.pending > 0) return;
        off();
        resolve(snapshot);
      });
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('../../worker/engine.worker.ts', import.meta.url), {
      type: 'module',
    });
    worker.onmessage = (event: MessageEvent<FromWorker>) => this.receive(event.data);
    worker.onerror = (event) => {
      this.error = t('The engine failed: {{message}}', { message: event.message });
    };
    this.worker = worker;
    return worker;
  }

  private receive(msg: FromWorker) {
    this.clearWatchdog();
    if (msg.type === 'snapshot') {
      this.pending = Math.max(0, this.sent - msg.snapshot.handled);
      // Every snapshot is gathered (the trace must not be missed); drawing may wait a little.
      this.latest = msg.snapshot;
      this.addFates(msg.snapshot);
      this.activity.add(msg.snapshot, this.speed, performance.now());
      for (const l of this.listeners) l(msg.snapshot);
      this.publish();
      this.scheduleAck();
      if (msg.snapshot.playing || this.pending > 0) this.armWatchdog();
    } else if (msg.type === 'entering') {
      this.suspect = msg.node;
      this.armWatchdog();
    } else if (msg.type === 'savepoints') {
      this.savepoints = msg.savepoints;
      if (msg.taken !== undefined) this.savepointTaken = msg.taken;
    } else if (msg.type === 'savepointProblem') {
      this.savepointProblem = msg.problem;
    } else if (msg.type === 'storedCheckpoints') {
      this.storedCheckpoints = msg.checkpoints;
    } else if (msg.type === 'diagnosed') {
      this.diagnosing = false;
      this.worker?.terminate();
      this.worker = null;
    } else if (msg.type === 'error') {
      this.pending = Math.max(0, this.pending - 1);
      if (this.pending > 0) this.armWatchdog();
      this.error = msg.node ? `${msg.node}: ${msg.message}` : msg.message;
    }
  }

  private addFates(s: RunSnapshot) {
    // A reset or a seek back starts the records over.
    if (s.eventCount < this.fatesAt) {
      this.fates.clear();
      this.originRow = null;
    }
    this.fatesAt = s.eventCount;
    for (const f of s.fates ?? []) {
      this.fates.delete(f.id);
      this.fates.set(f.id, f);
    }
    if (this.fates.size > FATES_KEPT) {
      let extra = this.fates.size - FATES_KEPT;
      for (const id of this.fates.keys()) {
        if (extra-- <= 0) break;
        this.fates.delete(id);
      }
    }
  }

  /**
   * Shows the latest snapshot now, or (playing fast) at most every PUBLISH_MS and always in a
   * task of its own: the views redraw apart from the task that took the message in, so neither
   * task gets long.
   */
  private publish() {
    const s = this.latest;
    if (!s) return;
    const now = performance.now();
    const fast = s.playing && (this.speed === 'max' || this.speed > 1000);
    const show = () => {
      if (this.publishTimer !== null) clearTimeout(this.publishTimer);
      this.publishTimer = null;
      this.lastPublish = performance.now();
      this.snapshot = this.latest;
      this.activity.version++;
    };
    if (!fast) show();
    else if (this.publishTimer === null)
      this.publishTimer = setTimeout(show, Math.max(0, PUBLISH_MS - (now - this.lastPublish)));
  }

  /**
   * Tells the Worker the last snapshot is drawn, after the next animation frame (or 250 ms when
   * the page is hidden and frames stop), so it sends at most one snapshot per frame.
   */
  private scheduleAck() {
    if (this.ackScheduled) return;
    this.ackScheduled = true;
    const worker = this.worker;
    let done = false;
    const ack = () => {
      if (done) return;
      done = true;
      this.ackScheduled = false;
      if (worker && worker === this.worker) worker.postMessage({ type: 'ack' } satisfies ToWorker);
    };
    // Playing fast, a few snapshots a second are plenty (the views redraw every PUBLISH_MS, and
    // the Worker keeps every firing and watermark in the next one): less work on this thread.
    const s = this.latest;
    if (s?.playing && (this.speed === 'max' || this.speed > 1000)) setTimeout(ack, FAST_ACK_MS);
    else {
      requestAnimationFrame(ack);
      setTimeout(ack, 250);
    }
  }

  private send(message: ToWorker, expectsAnswer = true) {
    const fresh = this.worker === null;
    const worker = this.ensureWorker();
    if (fresh) {
      this.sent = 0;
      this.ackScheduled = false;
    }
    // A replaced Worker (after a stuck run) starts empty: give it the document again.
    if (fresh && message.type !== 'load' && message.type !== 'diagnose' && this.loadedDoc) {
      this.pending++;
      this.sent++;
      worker.postMessage({
        type: 'load',
        doc: $state.snapshot(this.loadedDoc) as PipelineDocument,
        seed: this.loadedSeed,
      });
      if (this.watched) worker.postMessage({ type: 'watch', node: this.watched });
      if (this.followed) worker.postMessage({ type: 'follow', node: this.followed });
    }
    worker.postMessage(message);
    if (fresh && message.type === 'load' && this.watched)
      worker.postMessage({ type: 'watch', node: this.watched });
    if (fresh && message.type === 'load' && this.followed)
      worker.postMessage({ type: 'follow', node: this.followed });
    if (expectsAnswer) {
      this.pending++;
      this.sent++;
      this.armWatchdog();
    }
  }

  /** Asks for the state of `node` in every snapshot (null: none). */
  watch(node: string | null) {
    if (node === this.watched) return;
    this.watched = node;
    if (this.worker) this.send({ type: 'watch', node }, false);
  }

  /** Tells the Worker which node the timeline follows (null: none). */
  follow(node: string | null) {
    if (node === this.followed) return;
    this.followed = node;
    if (this.worker) this.send({ type: 'follow', node }, false);
  }

  private armWatchdog() {
    this.clearWatchdog();
    this.watchdog = setTimeout(() => this.stuck(), WATCHDOG_MS);
  }

  private clearWatchdog() {
    if (this.watchdog !== null) clearTimeout(this.watchdog);
    this.watchdog = null;
  }

  private stuck() {
    this.worker?.terminate();
    this.worker = null;
    this.pending = 0;
    if (this.diagnosing) {
      // The deterministic re-run hung too: the last node that started a user function is the one.
      this.diagnosing = false;
      if (this.suspect) {
        this.error = t(
          'The run was stopped: the user function of node {{node}} did not return within {{seconds}} s (an endless loop?). Fix its expression and run again; the pipeline is unchanged.',
          { node: this.suspect, seconds: WATCHDOG_MS / 1000 },
        );
      }
      return;
    }
    this.error = t(
      'The run was stopped: the engine did not answer for {{seconds}} s. A user function probably loops forever; finding which one…',
      { seconds: WATCHDOG_MS / 1000 },
    );
    if (this.snapshot) this.snapshot = { ...this.snapshot, playing: false };
    if (this.loadedDoc) {
      this.diagnosing = true;
      this.suspect = null;
      this.send({
        type: 'diagnose',
        doc: $state.snapshot(this.loadedDoc) as PipelineDocument,
        seed: this.loadedSeed,
        eventCount: this.snapshot?.eventCount ?? 0,
      });
    }
  }

  load(doc: PipelineDocument) {
    this.error = null;
    this.storedCheckpoints = [];
    this.loadedDoc = doc;
    this.send({ type: 'load', doc: $state.snapshot(doc) as PipelineDocument });
  }

  play() {
    this.send({ type: 'play', speed: this.speed });
  }

  pause() {
    this.send({ type: 'pause' });
  }

  setSpeed(speed: Speed) {
    this.speed = speed;
    if (this.worker) this.send({ type: 'speed', speed }, false);
  }

  step(target: StepTarget) {
    this.send({ type: 'step', target });
  }

  runTo(time: number) {
    this.send({ type: 'runTo', time });
  }

  reset() {
    this.send({ type: 'reset' });
  }

  seek(eventCount: number) {
    this.send({ type: 'seek', eventCount });
  }

  injectFailure(node: string, subtask = 0) {
    this.send({ type: 'injectFailure', node, subtask });
  }

  /** Shows `id`'s fate in the record inspector (every snapshot carries it); null closes it. */
  inspectRecord(id: number | null) {
    if (id === null) this.originRow = null;
    if (this.worker) this.send({ type: 'inspectRecord', id }, false);
  }

  /** The Results row whose origin the inspector shows (to go back to it from a record). */
  originRow = $state<SinkRecord | null>(null);

  /** Shows where a Results row came from in the record inspector. */
  inspectResult(row: SinkRecord) {
    const copy = $state.snapshot(row) as SinkRecord;
    this.originRow = copy;
    if (this.worker) this.send({ type: 'inspectResult', row: copy }, false);
  }

  /** The breakpoints changed: the loaded run goes on with them (no reload). */
  setBreakpoints(breakpoints: Breakpoint[]) {
    const copy = $state.snapshot(breakpoints) as Breakpoint[];
    if (this.loadedDoc)
      this.loadedDoc = {
        ...this.loadedDoc,
        settings: { ...this.loadedDoc.settings, breakpoints: copy },
      };
    if (this.worker) this.send({ type: 'breakpoints', breakpoints: copy }, false);
  }

  /** Starts the loaded document again from a checkpoint stored by an earlier page. */
  resume(checkpoint: number) {
    this.storedCheckpoints = [];
    this.send({ type: 'resume', checkpoint });
  }

  listSavepoints() {
    this.send({ type: 'listSavepoints' }, false);
  }

  takeSavepoint() {
    this.savepointProblem = null;
    this.send({ type: 'takeSavepoint', createdAt: Date.now() });
  }

  /** Starts the loaded document from a savepoint (load it first). */
  startFromSavepoint(id: number, allowNonRestoredState = false) {
    this.savepointProblem = null;
    this.send({ type: 'startFromSavepoint', id, allowNonRestoredState });
  }

  deleteSavepoint(id: number) {
    this.send({ type: 'deleteSavepoint', id });
  }

  dispose() {
    this.clearWatchdog();
    if (this.publishTimer !== null) clearTimeout(this.publishTimer);
    this.worker?.terminate();
    this.worker = null;
  }
}
