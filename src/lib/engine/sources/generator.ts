/**
 * The generator source. Per subtask: record k is emitted at processing time floor(k · 1000 / rate)
 * (rate in events per second per subtask), skipping idle periods: a record that would fall in
 * [from, to) waits until `to`, and the schedule restarts from there. A bounded `count` is split
 * over the subtasks (the first count % p subtasks get one more).
 *
 * - keys: `${prefix}${i}` for i in 1..count, uniform or Zipf (exponent 1);
 * - values: uniform in [min, max] (integers inclusive when `integer`), normal with mean
 *   (min + max) / 2 and standard deviation (max − min) / 6 clamped to [min, max], or constant min;
 * - event time = emission time − delay, delay 0 (none), uniform integer in [0, max], or
 *   exponential with mean max / 3 capped at max; a `late.share` of records are delayed by
 *   `late.by` more; event times are clamped at 0.
 * - idle periods apply to every subtask, or to the one named by `subtask`;
 * - `partitions` (null: one per subtask): subtasks at or beyond it have no partition and read
 *   nothing; a bounded count is split over the subtasks that read; a reader without a partition
 *   of an unbounded source waits forever (as a Flink source reader without a split), of a bounded
 *   one ends at once;
 * - `endAt`: the input ends at that processing time (no record at or after it).
 */
import type { NodeOf } from '../../pipeline/types';
import type { Random } from '../rng';
import type { SourceEmitter, SourceFactory, SourceReader } from './types';

type Config = NodeOf<'generator'>['config'];

class GeneratorReader implements SourceReader {
  private emitted = 0;
  private k = 0;
  private base = 0;
  private next: number | null;
  private readonly period: number;
  private readonly keyNames: string[];
  private readonly zipfCdf: Float64Array | null;
  // The config, read once into plain fields: the per-record path reads no nested config objects
  // and compares no strings.
  private readonly hasIdle: boolean;
  private readonly periods: { from: number; to: number }[];
  private readonly endAt: number | null;
  /** 0 constant, 1 uniform integer, 2 uniform real, 3 normal. */
  private readonly valueKind: number;
  private readonly vMin: number;
  private readonly vMax: number;
  private readonly vLo: number;
  private readonly vSpan: number;
  private readonly vInteger: boolean;
  /** 0 none, 1 uniform, 2 exponential. */
  private readonly delayKind: number;
  private readonly delayMax: number;
  private readonly lateShare: number;
  private readonly lateBy: number;
  // For the per-record path: the count (Infinity when unbounded), the end time (Infinity when
  // none), no delay drawn (event time = emission time), no idle period and no end time.
  private readonly limit: number;
  private readonly endBefore: number;
  private readonly plainTime: boolean;
  private readonly plainSchedule: boolean;

  constructor(
    private readonly c: Config,
    private readonly total: number | null,
    private readonly rng: Random,
    subtask = 0,
  ) {
    this.period = 1000 / c.rate;
    this.keyNames = Array.from({ length: c.keys.count }, (_, i) => `${c.keys.prefix}${i + 1}`);
    if (c.keys.distribution === 'zipf') {
      const cdf = new Float64Array(c.keys.count);
      let sum = 0;
      for (let i = 0; i < c.keys.count; i++) cdf[i] = sum += 1 / (i + 1);
      for (let i = 0; i < c.keys.count; i++) cdf[i] /= sum;
      this.zipfCdf = cdf;
    } else this.zipfCdf = null;
    this.periods = c.idle.filter((p) => p.subtask === null || p.subtask === subtask);
    this.hasIdle = this.periods.length > 0;
    this.endAt = c.endAt;
    const v = c.values;
    this.valueKind =
      v.distribution === 'constant' ? 0 : v.distribution === 'uniform' ? (v.integer ? 1 : 2) : 3;
    this.vMin = v.min;
    this.vMax = v.max;
    this.vInteger = v.integer;
    // rng.int(lo, hi) is lo + floor(next() · (hi − lo + 1)).
    this.vLo = Math.ceil(v.min);
    this.vSpan = Math.floor(v.max) - this.vLo + 1;
    const o = c.outOfOrderness;
    this.delayKind = o.distribution === 'uniform' ? 1 : o.distribution === 'exponential' ? 2 : 0;
    this.delayMax = o.max;
    this.lateShare = c.late.share;
    this.lateBy = c.late.by;
    this.limit = total ?? Number.POSITIVE_INFINITY;
    this.endBefore = c.endAt ?? Number.POSITIVE_INFINITY;
    this.plainTime = this.delayKind === 0 && this.lateShare <= 0;
    this.plainSchedule = !this.hasIdle && this.endAt === null;
    // With nothing to emit the source still has to end (at time 0).
    this.next = total === 0 ? 0 : this.schedule();
  }

  private schedule(): number {
    const t = this.scheduleIgnoringEnd();
    return this.endAt !== null && t > this.endAt ? this.endAt : t;
  }

  private scheduleIgnoringEnd(): number {
    let t = this.base + Math.floor(this.k * this.period);
    if (!this.hasIdle) return t;
    const periods = this.periods;
    for (;;) {
      let idle = null;
      for (const p of periods) if (t >= p.from && t < p.to) idle = p;
      if (idle === null) return t;
      this.base = idle.to;
      this.k = 0;
      t = idle.to;
    }
  }

  nextTime(): number | null {
    return this.next;
  }

  /** Checkpoint state: the offset (records emitted), the schedule and the random generator. */
  snapshot(): { emitted: number; k: number; base: number; next: number | null; rng: number[] } {
    const { emitted, k, base, next } = this;
    return { emitted, k, base, next, rng: this.rng.snapshot() };
  }

  restore(s: {
    emitted: number;
    k: number;
    base: number;
    next: number | null;
    rng: number[];
  }): void {
    this.emitted = s.emitted;
    this.k = s.k;
    this.base = s.base;
    this.next = s.next;
    this.rng.restore(s.rng);
  }

  step(out: SourceEmitter): void {
    const now = this.next ?? 0;
    const emitted = this.emitted;
    if (emitted >= this.limit || now >= this.endBefore) {
      out.end();
      this.next = null;
      return;
    }
    const key = this.key();
    const value =
      this.valueKind === 1 ? this.vLo + Math.floor(this.rng.next() * this.vSpan) : this.value();
    out.record(key, value, this.plainTime ? now : this.timestamp(now));
    this.emitted = emitted + 1;
    const k = ++this.k;
    // The last record: the end follows at the same processing time.
    if (emitted + 1 >= this.limit) return;
    this.next = this.plainSchedule ? this.base + Math.floor(k * this.period) : this.schedule();
  }

  private key(): string {
    const n = this.keyNames.length;
    if (n === 1) return this.keyNames[0];
    const u = this.rng.next();
    if (this.zipfCdf === null) return this.keyNames[Math.floor(u * n)];
    const cdf = this.zipfCdf;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] > u) hi = mid;
      else lo = mid + 1;
    }
    return this.keyNames[lo];
  }

  private value(): number {
    const kind = this.valueKind;
    if (kind === 1) return this.vLo + Math.floor(this.rng.next() * this.vSpan);
    const min = this.vMin;
    const max = this.vMax;
    if (kind === 0) return min;
    if (kind === 2) return min + this.rng.next() * (max - min);
    let v: number;
    // normal, Box-Muller
    const u1 = 1 - this.rng.next();
    const u2 = this.rng.next();
    const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    v = (min + max) / 2 + (z * (max - min)) / 6;
    if (this.vInteger) v = Math.round(v);
    return Math.min(max, Math.max(min, v));
  }

  private timestamp(now: number): number {
    let delay = 0;
    const kind = this.delayKind;
    if (kind === 1) delay = this.rng.int(0, this.delayMax);
    else if (kind === 2)
      delay = Math.min(
        this.delayMax,
        Math.floor((-Math.log(1 - this.rng.next()) * this.delayMax) / 3),
      );
    if (this.lateShare > 0 && this.rng.next() < this.lateShare) delay += this.lateBy;
    return Math.max(0, now - delay);
  }
}

/** A source subtask without a partition: nothing to read; it ends at `endAt`, or never. */
class NoPartitionReader implements SourceReader {
  private done = false;
  constructor(private readonly endAt: number | null) {}
  nextTime(): number | null {
    return this.done ? null : this.endAt;
  }
  step(out: SourceEmitter): void {
    this.done = true;
    out.end();
  }
  snapshot(): { done: boolean } {
    return { done: this.done };
  }
  restore(s: { done: boolean }): void {
    this.done = s.done;
  }
}

export const generatorSourceFactory: SourceFactory = (node) => {
  const c = (node as NodeOf<'generator'>).config;
  return {
    watermarks: c.watermarks,
    reader(subtask, parallelism, rng) {
      const readers = Math.min(parallelism, c.partitions ?? parallelism);
      if (subtask >= readers) return new NoPartitionReader(c.count !== null ? 0 : c.endAt);
      let total: number | null = null;
      if (c.count !== null) {
        total = Math.floor(c.count / readers) + (subtask < c.count % readers ? 1 : 0);
      }
      return new GeneratorReader(c, total, rng, subtask);
    },
  };
};
