import type { Key } from '../../engine/api';
import type { RunSnapshot, Speed } from '../../worker/protocol';
import { FiringIndex } from './firings';
import { RateTracker } from './metrics';

/** A record on its way along an edge of the canvas (only at slow speeds). */
export interface Flight {
  id: number;
  key: Key;
  late: boolean;
  /** performance.now() when it left the sender. */
  born: number;
}

/** How long one record takes to cross an edge on screen, in ms of real time. */
export const FLIGHT_MS = 900;
/** More records than this per frame from one output and the edge shows a steady flow instead. */
const BUSY_PER_FRAME = 4;
/** At most this many records in flight per output at once. */
const MAX_FLIGHTS = 10;
/** Records move along edges only at this speed or slower (virtual ms per real second). */
const SLOW_SPEED = 1000;

/**
 * What the UI accumulates from the run beyond the latest snapshot, all bounded: records in flight
 * per output (for the canvas), firings (for the results table), rates (for metrics), late counts.
 */
export class RunActivity {
  /** Bumped when a snapshot is shown (see RunController), so views that read the fields below redraw. */
  version = $state(0);
  readonly firings = new FiringIndex();
  readonly rates = new RateTracker();
  /** Records in flight by output `${node}|${port}`. */
  readonly flights = new Map<string, Flight[]>();
  /** Outputs that carried more records in the last frame than can be drawn one by one. */
  readonly busy = new Set<string>();
  /** Records each node dropped or diverted as late (from the trace). */
  readonly late = new Map<string, number>();
  private lastCount = 0;
  private nextId = 0;

  clear(): void {
    this.firings.clear();
    this.rates.clear();
    this.flights.clear();
    this.busy.clear();
    this.late.clear();
    this.lastCount = 0;
  }

  add(s: RunSnapshot, speed: Speed, wallNow: number): void {
    // A reset, a seek backwards or a new load: start over.
    if (s.eventCount < this.lastCount || s.eventCount === 0) this.clear();
    this.lastCount = s.eventCount;
    this.firings.add(s.trace);
    this.rates.add(s.now, s.status);
    const slow = !s.playing || (speed !== 'max' && speed <= SLOW_SPEED);
    const perOutput = new Map<string, Flight[]>();
    for (const e of s.trace) {
      if (e.type === 'emit') {
        const out = `${e.node}|${e.late ? 'late' : 'main'}`;
        let list = perOutput.get(out);
        if (!list) perOutput.set(out, (list = []));
        list.push({ id: this.nextId++, key: e.key, late: !!e.late, born: wallNow });
      } else if (e.type === 'drop' && e.reason.startsWith('late')) {
        this.late.set(e.node, (this.late.get(e.node) ?? 0) + 1);
      }
    }
    this.busy.clear();
    for (const [out, list] of this.flights) {
      const alive = list.filter((f) => wallNow - f.born < FLIGHT_MS);
      if (alive.length > 0) this.flights.set(out, alive);
      else this.flights.delete(out);
    }
    for (const [out, list] of perOutput) {
      if (!slow || list.length > BUSY_PER_FRAME) {
        this.busy.add(out);
        continue;
      }
      // Several records of one frame leave one after another, not on top of each other.
      list.forEach((f, i) => (f.born = wallNow + (i * FLIGHT_MS) / 6));
      const all = [...(this.flights.get(out) ?? []), ...list];
      this.flights.set(out, all.slice(-MAX_FLIGHTS));
    }
  }
}
