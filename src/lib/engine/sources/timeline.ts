/**
 * The scripted timeline source, like Beam's TestStream. Subtask 0 plays the script; any other
 * subtask (parallelism > 1) ends at once. The script has its own processing-time clock starting
 * at 0: `record` emits a record with the scripted timestamp, `watermark` emits exactly that
 * watermark, `advance` moves the clock by `by` ms, `end` ends the input (MAX watermark, then
 * end-of-input). No watermark is generated. A script without `end` leaves the input open: the
 * source simply emits nothing more, as an unbounded source would.
 */
import type { NodeOf } from '../../pipeline/types';
import type { TimelineStep } from '../../pipeline/kinds/sources';
import type { SourceEmitter, SourceFactory, SourceReader } from './types';

class TimelineReader implements SourceReader {
  private i = 0;
  private clock = 0;
  constructor(private readonly steps: TimelineStep[]) {
    this.skipAdvances();
  }

  private skipAdvances(): void {
    while (this.i < this.steps.length) {
      const s = this.steps[this.i];
      if (s.type !== 'advance') return;
      this.clock += s.by;
      this.i++;
    }
  }

  nextTime(): number | null {
    return this.i < this.steps.length ? this.clock : null;
  }

  step(out: SourceEmitter): void {
    const s = this.steps[this.i++];
    if (s.type === 'record') out.record(s.key ?? null, s.value, s.timestamp);
    else if (s.type === 'watermark') out.watermark(s.timestamp);
    else if (s.type === 'end') {
      out.end();
      this.i = this.steps.length;
      return;
    }
    this.skipAdvances();
  }

  /** Checkpoint state: the position in the script and the script's clock. */
  snapshot(): { i: number; clock: number } {
    return { i: this.i, clock: this.clock };
  }

  restore(state: { i: number; clock: number }): void {
    this.i = state.i;
    this.clock = state.clock;
  }
}

export const timelineSourceFactory: SourceFactory = (node) => {
  const steps = (node as NodeOf<'timeline'>).config.steps;
  return {
    watermarks: null,
    reader(subtask) {
      return new TimelineReader(subtask === 0 ? steps : [{ type: 'end' }]);
    },
  };
};
