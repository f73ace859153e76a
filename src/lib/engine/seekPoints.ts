/**
 * Seek points: images of the whole run (runImage.ts) taken every so many events, so that a seek
 * restores the nearest image at or before its target and runs forward from there instead of
 * re-simulating from the start.
 *
 * Memory stays bounded: at most `maxPoints` images, at least `spacing` events apart. When one
 * more would exceed the limit, the spacing doubles and every image closer than that to the one
 * kept before it is dropped, so the points stay evenly spread over the whole run (a run of a
 * million events with 128 points has one about every 10 000 events) and a seek runs forward at
 * most about `spacing` events.
 */
import type { RunImage, Simulation } from './api';

export interface SeekPointOptions {
  /** Most images kept (default 128). */
  maxPoints?: number;
  /** Events between two images at first (default 5000); doubles as the run grows. */
  spacing?: number;
  /** Trace events each image keeps (default 2000): the trace before them counts as dropped. */
  traceKeep?: number;
}

interface Point {
  image: RunImage;
  /**
   * False when the image was taken after the clock was moved on without an event (runUntil):
   * then only running forward from it gives exactly a fresh run's state.
   */
  exact: boolean;
}

export class SeekPoints {
  private points: Point[] = [];
  private readonly maxPoints: number;
  private readonly traceKeep: number;
  spacing: number;

  constructor(opts: SeekPointOptions = {}) {
    this.maxPoints = Math.max(2, opts.maxPoints ?? 128);
    this.spacing = Math.max(1, opts.spacing ?? 5000);
    this.traceKeep = opts.traceKeep ?? 2000;
  }

  get size(): number {
    return this.points.length;
  }

  /** The event counts of the kept images, ascending. */
  eventCounts(): number[] {
    return this.points.map((p) => p.image.eventCount);
  }

  clear(): void {
    this.points = [];
  }

  /**
   * Called after the run moved on: takes an image when the run is at least `spacing` events from
   * every kept one. `exact`: the run's clock is where its last event left it.
   */
  offer(sim: Simulation, exact: boolean): void {
    const n = sim.eventCount;
    const ps = this.points;
    let i = ps.length;
    while (i > 0 && ps[i - 1].image.eventCount > n) i--;
    const below = i > 0 ? ps[i - 1].image.eventCount : Number.NEGATIVE_INFINITY;
    const above = i < ps.length ? ps[i].image.eventCount : Number.POSITIVE_INFINITY;
    if (n - below < this.spacing || above - n < this.spacing) {
      // Same place, but exact this time: the better image.
      if (exact && n === below && !ps[i - 1].exact)
        ps[i - 1] = { image: sim.captureImage(this.traceKeep), exact };
      return;
    }
    ps.splice(i, 0, { image: sim.captureImage(this.traceKeep), exact });
    if (ps.length > this.maxPoints) this.thin();
  }

  /** Doubles the spacing and drops the images that are now too close to the one before. */
  private thin(): void {
    while (this.points.length > this.maxPoints) {
      this.spacing *= 2;
      const kept: Point[] = [];
      for (const p of this.points) {
        const last = kept.at(-1);
        if (!last || p.image.eventCount - last.image.eventCount >= this.spacing) kept.push(p);
      }
      this.points = kept;
    }
  }

  /** The image to restore for a seek to `eventCount`: the latest one at or before it (null: none). */
  nearest(eventCount: number): RunImage | null {
    for (let i = this.points.length - 1; i >= 0; i--) {
      const p = this.points[i];
      const at = p.image.eventCount;
      if (at < eventCount || (at === eventCount && p.exact)) return p.image;
    }
    return null;
  }
}
