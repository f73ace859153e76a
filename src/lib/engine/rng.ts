/**
 * The run's seeded random generator (pure-rand xoroshiro128+). One master generator per run is
 * created from the seed; every consumer (each source subtask, the partitioners) gets its own
 * stream by cloning the master and jumping it, in a fixed order, so streams are independent and
 * the same seed gives the same numbers.
 */
import { xoroshiro128plus, xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator';

export class Random {
  constructor(private g: JumpableRandomGenerator) {}

  /** The generator's state, for checkpoints. */
  snapshot(): number[] {
    return [...this.g.getState()];
  }

  restore(state: number[]): void {
    this.g = xoroshiro128plusFromState(state);
  }

  /** A double in [0, 1) with 32 random bits (one draw; plenty for a simulation). */
  next(): number {
    return (this.g.next() >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
}

/** Hands out independent streams from one seed, in call order. */
export class RandomStreams {
  private readonly master: JumpableRandomGenerator;
  constructor(seed: number) {
    this.master = xoroshiro128plus(seed | 0);
  }
  /** The next independent stream: a clone of the master, after which the master jumps ahead. */
  stream(): Random {
    const child = this.master.clone();
    this.master.jump();
    return new Random(child);
  }
}
