/**
 * A Worker of its own for the checkpoint-interval sweep (engine/checkpoints/sweep.ts): several
 * whole runs, which must not hold up the run on screen nor its Worker's watchdog. Created when
 * the person asks for the comparison, ended after it.
 */
import { sweepIntervals, type SweepOptions, type SweepPoint } from '../engine/checkpoints/sweep';
import type { PipelineDocument } from '../pipeline';

export type SweepRequest = { doc: PipelineDocument } & SweepOptions;
export type SweepReply =
  { type: 'point'; point: SweepPoint } | { type: 'done' } | { type: 'error'; message: string };

onmessage = (event: MessageEvent<SweepRequest>) => {
  const { doc, ...opts } = event.data;
  try {
    // One run at a time, each reported as it is done.
    for (const interval of opts.intervals) {
      const [point] = sweepIntervals(doc, { ...opts, intervals: [interval] });
      postMessage({ type: 'point', point } satisfies SweepReply);
    }
    postMessage({ type: 'done' } satisfies SweepReply);
  } catch (e) {
    postMessage({ type: 'error', message: (e as Error).message } satisfies SweepReply);
  }
};
