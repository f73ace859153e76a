/**
 * Watermark generation as Flink's WatermarkStrategy does it, for sources and for the
 * timestamp/watermark assigner node.
 *
 * - boundedOutOfOrderness(d): onPeriodicEmit emits maxTimestamp − d − 1 (BoundedOutOfOrdernessWatermarks);
 * - monotonous: the same with d = 0 (forMonotonousTimestamps), i.e. maxTimestamp − 1;
 * - nothing is emitted before the first record (Flink would emit Long.MIN_VALUE + …, which never
 *   advances the output);
 * - periodic: onPeriodicEmit every `autoWatermarkInterval` ms of processing time; with an interval
 *   of 0 the watermark is emitted after every event instead (punctuated);
 * - idleness: Flink's WatermarksWithIdleness / IdlenessTimer, checked on each periodic probe: the
 *   first probe without activity starts the inactivity clock, and a later probe marks the output
 *   idle once more than `idleness` ms have passed since then. With an interval of 0 the probes
 *   run every `idleness` ms. The output becomes active again with its next record.
 */
import type { WatermarkStrategy } from '../pipeline/kinds/common';

export interface WatermarkOutput {
  /** Emits if it advances the output's watermark; marks the output active first if idle. */
  emitWatermark(watermark: number): void;
  markIdle(): void;
}

export class WatermarkGenerator {
  private maxTs: number | null = null;
  private readonly bound: number;
  readonly idleness: number | null;
  private counter = 0;
  private lastCounter = 0;
  private inactiveSince: number | null = null;

  constructor(
    strategy: WatermarkStrategy,
    readonly punctuated: boolean,
  ) {
    this.bound = strategy.type === 'boundedOutOfOrderness' ? strategy.maxOutOfOrderness : 0;
    this.idleness = strategy.type === 'none' ? null : (strategy.idleness ?? null);
  }

  /** The probe period in ms, or null when no periodic calls are needed. */
  periodFor(interval: number): number | null {
    if (!this.punctuated) return interval;
    return this.idleness;
  }

  onEvent(timestamp: number, out: WatermarkOutput): void {
    this.counter++;
    if (this.maxTs === null || timestamp > this.maxTs) this.maxTs = timestamp;
    if (this.punctuated) this.emit(out);
  }

  onPeriodicEmit(now: number, out: WatermarkOutput): void {
    if (this.idleness !== null && this.checkIfIdle(now)) {
      out.markIdle();
      return;
    }
    if (!this.punctuated) this.emit(out);
  }

  private emit(out: WatermarkOutput): void {
    if (this.maxTs !== null) out.emitWatermark(this.maxTs - this.bound - 1);
  }

  private checkIfIdle(now: number): boolean {
    if (this.counter !== this.lastCounter) {
      this.lastCounter = this.counter;
      this.inactiveSince = null;
      return false;
    }
    if (this.inactiveSince === null) {
      this.inactiveSince = now;
      return false;
    }
    return now - this.inactiveSince > (this.idleness ?? Infinity);
  }
}
