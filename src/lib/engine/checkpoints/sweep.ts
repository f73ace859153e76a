/**
 * The checkpoint-interval trade-off: the same document run once per interval, each with the same
 * single failure, measuring what checkpoints cost (how many, bytes written, time spent aligning)
 * against what the failure costs (records the sources read again, the stretch of input redone,
 * the time until the job had caught up). Headless and deterministic; the UI runs it in a Worker.
 */
import type { PipelineDocument } from '../../pipeline/types';
import { Runtime } from '../runtime';
import { MemoryCheckpointStore } from './store';

export interface SweepOptions {
  intervals: number[];
  /** Processing time of the injected failure. */
  failAt: number;
  /** Node to fail (default: the first source), subtask 0. */
  node?: string;
  /** Stop at this processing time if the run has not finished (unbounded sources). */
  horizon?: number;
}

export interface SweepPoint {
  interval: number;
  /** Checkpoints completed (the final one at end of input included). */
  checkpoints: number;
  /** Bytes of all completed checkpoints. */
  bytes: number;
  /** Sum over checkpoints of the longest barrier alignment, ms. */
  alignment: number;
  /** Records the sources emitted again after the restore. */
  replayed: number;
  /** The checkpoint restored (null: none was complete, the job restarted from the beginning). */
  restored: number | null;
  /** Failure time minus the restored checkpoint's trigger time (or minus 0): input redone, ms. */
  redoneMs: number;
  /** From the failure until the last replayed record was emitted (or the restore), ms. */
  recoveryMs: number;
}

export function sweepIntervals(doc: PipelineDocument, opts: SweepOptions): SweepPoint[] {
  const horizon = opts.horizon ?? opts.failAt * 2 + 10_000;
  const base: PipelineDocument = {
    ...doc,
    settings: {
      ...doc.settings,
      runtimeMode: 'STREAMING',
      failures: [],
      randomFailures: null,
      checkpointing: { ...doc.settings.checkpointing, enabled: true },
    },
  };
  return opts.intervals.map((interval) => {
    const store = new MemoryCheckpointStore();
    let bytes = 0;
    const triggers = new Map<number, number>();
    store.onChange = (c) => {
      if (c.type !== 'put') return;
      for (const v of Object.values(c.checkpoint.subtasks)) bytes += v.byteLength;
      triggers.set(c.checkpoint.id, c.checkpoint.triggerTime);
    };
    const sim = new Runtime(base, {
      checkpointInterval: interval,
      checkpointStore: store,
      failures: [{ at: opts.failAt, node: opts.node }],
      sinkLimit: 0,
    });
    // The coordinator keeps the latest 50 checkpoints' statistics: read them a slice at a time.
    const alignment = new Map<number, number>();
    const harvest = () => {
      for (const c of sim.faultTolerance().checkpoints)
        if (c.status === 'COMPLETED') alignment.set(c.id, c.alignment);
    };
    while (!sim.finished && sim.now < horizon) {
      sim.runUntil(Math.min(horizon, sim.now + Math.max(interval * 10, 1000)));
      harvest();
    }
    harvest();
    const ft = sim.faultTolerance();
    const failure = ft.failures[0];
    const restore = ft.restores[0];
    const restored = restore?.checkpoint ?? null;
    const from = restored === null ? 0 : (triggers.get(restored) ?? 0);
    const end = ft.lastReplay ?? restore?.time ?? opts.failAt;
    return {
      interval,
      checkpoints: ft.completed,
      bytes,
      alignment: [...alignment.values()].reduce((a, b) => a + b, 0),
      replayed: ft.replayed,
      restored,
      redoneMs: failure ? failure.time - from : 0,
      recoveryMs: failure ? Math.max(0, end - failure.time) : 0,
    };
  });
}
