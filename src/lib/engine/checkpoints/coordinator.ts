/**
 * The checkpoint coordinator (Flink's CheckpointCoordinator, for one job): triggers checkpoint n
 * every `interval` ms of processing time, at most one at a time, at least `minPause` ms after the
 * previous one finished; aborts one that has not completed within `timeout`; collects one
 * acknowledgement (the subtask's state as bytes) per subtask; when all are in, the checkpoint is
 * complete: it goes to the store and the runtime notifies the operators (sinks commit).
 *
 * Ids keep growing across restarts, as in Flink. The runtime drives it through the host.
 */
import type { CheckpointStats, TraceEvent } from '../api';
import type { RunSettings } from '../../pipeline/types';
import { checkpointSize, subtaskKey, type CheckpointStore } from './store';

export interface CoordinatorHost {
  readonly now: number;
  readonly subtaskCount: number;
  /** Calls onTriggerTimer at `time`. */
  scheduleTrigger(time: number): void;
  /** Calls onTimeoutTimer at `time`. */
  scheduleTimeout(time: number): void;
  /** Sources take their snapshot and emit barrier `id`; subtasks that have ended acknowledge. */
  triggerSubtasks(id: number): void;
  notifyComplete(id: number): void;
  /** The checkpoint was aborted: subtasks drop its alignment and unblock their inputs. */
  abortAlignments(id: number): void;
  trace(event: TraceEvent): void;
}

const HISTORY = 50;

interface Pending {
  id: number;
  stats: CheckpointStats;
  states: Record<string, Uint8Array>;
}

export class CheckpointCoordinator {
  private nextId = 1;
  private pending: Pending | null = null;
  private lastTrigger = 0;
  private running = false;
  readonly history: CheckpointStats[] = [];
  completed = 0;
  failed = 0;

  constructor(
    private readonly config: RunSettings['checkpointing'] & { enabled: boolean },
    readonly store: CheckpointStore,
    private readonly host: CoordinatorHost,
  ) {
    this.nextId = Math.max(0, ...store.ids()) + 1;
  }

  get enabled(): boolean {
    return this.config.enabled;
  }

  get pendingId(): number | null {
    return this.pending?.id ?? null;
  }

  /** Starts (or, after a restart, restarts) the periodic trigger. */
  start(): void {
    if (!this.config.enabled) return;
    this.running = true;
    this.lastTrigger = this.host.now;
    this.host.scheduleTrigger(this.host.now + this.config.interval);
  }

  /** Stops triggering (the job failed or finished). */
  stop(): void {
    this.running = false;
  }

  onTriggerTimer(): void {
    if (!this.running || this.pending) return;
    this.trigger(false);
  }

  private trigger(final: boolean): void {
    const now = this.host.now;
    const id = this.nextId++;
    this.lastTrigger = now;
    const stats: CheckpointStats = {
      id,
      status: 'IN_PROGRESS',
      triggerTime: now,
      latestAck: null,
      duration: null,
      size: 0,
      acknowledged: 0,
      total: this.host.subtaskCount,
      alignment: 0,
      subtasks: [],
    };
    if (final) stats.final = true;
    this.history.push(stats);
    if (this.history.length > HISTORY) this.history.shift();
    this.pending = { id, stats, states: {} };
    this.host.trace({
      type: 'checkpoint',
      time: now,
      node: '',
      subtask: -1,
      checkpoint: id,
      action: 'trigger',
    });
    if (!final) this.host.scheduleTimeout(now + this.config.timeout);
    this.host.triggerSubtasks(id);
  }

  /** A subtask's acknowledgement with its state. Completes the checkpoint with the last one. */
  ack(
    id: number,
    node: string,
    subtask: number,
    state: Uint8Array,
    alignment: number,
    inFlight: number,
  ): void {
    const p = this.pending;
    if (!p || p.id !== id) return;
    const key = subtaskKey(node, subtask);
    if (p.states[key]) return;
    const now = this.host.now;
    p.states[key] = state;
    const st = p.stats;
    st.acknowledged++;
    st.size += state.byteLength;
    st.latestAck = now;
    st.alignment = Math.max(st.alignment, alignment);
    st.subtasks.push({ node, subtask, ackTime: now, size: state.byteLength, alignment, inFlight });
    this.host.trace({
      type: 'checkpoint',
      time: now,
      node,
      subtask,
      checkpoint: id,
      action: 'ack',
      size: state.byteLength,
    });
    if (st.acknowledged === st.total) this.complete(p);
  }

  private complete(p: Pending): void {
    const now = this.host.now;
    this.pending = null;
    const st = p.stats;
    st.status = 'COMPLETED';
    st.duration = now - st.triggerTime;
    this.completed++;
    const stored = { id: p.id, triggerTime: st.triggerTime, completeTime: now, subtasks: p.states };
    this.store.put(stored, this.config.retained);
    this.host.trace({
      type: 'checkpoint',
      time: now,
      node: '',
      subtask: -1,
      checkpoint: p.id,
      action: 'complete',
      size: checkpointSize(stored),
    });
    this.host.notifyComplete(p.id);
    this.scheduleNext();
  }

  onTimeoutTimer(): void {
    const p = this.pending;
    if (p && this.host.now - p.stats.triggerTime >= this.config.timeout)
      this.abort(`expired after the timeout of ${this.config.timeout} ms`);
  }

  /** Aborts the pending checkpoint, if any (timeout, or the job failed). */
  abort(reason: string, reschedule = true): void {
    const p = this.pending;
    if (!p) return;
    this.pending = null;
    const now = this.host.now;
    p.stats.status = 'FAILED';
    p.stats.duration = now - p.stats.triggerTime;
    p.stats.failure = reason;
    this.failed++;
    this.host.trace({
      type: 'checkpoint',
      time: now,
      node: '',
      subtask: -1,
      checkpoint: p.id,
      action: 'abort',
      reason,
    });
    this.host.abortAlignments(p.id);
    if (reschedule) this.scheduleNext();
  }

  private scheduleNext(): void {
    if (!this.running) return;
    const now = this.host.now;
    this.host.scheduleTrigger(
      Math.max(this.lastTrigger + this.config.interval, now + this.config.minPause, now),
    );
  }

  /**
   * Every subtask has ended: one last checkpoint, which completes at once (every subtask
   * acknowledges with its final state), so that two-phase-commit sinks commit the rest (Flink's
   * final checkpoint after end of input). A checkpoint still pending completes first.
   */
  finish(): void {
    this.running = false;
    if (!this.config.enabled) return;
    this.trigger(true);
  }
}
