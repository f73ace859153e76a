/**
 * Restart strategies as Flink's RestartBackoffTimeStrategy implementations:
 * - none: the first failure fails the job;
 * - fixedDelay(attempts, delay): restarts after `delay` ms while the number of failures so far is
 *   at most `attempts` (FixedDelayRestartBackoffTimeStrategy), so failure attempts + 1 fails the job;
 * - failureRate(maxFailures, interval, delay): keeps the times of the last `maxFailures` failures;
 *   once it holds that many, it restarts only when the oldest is more than `interval` ms before
 *   now (FailureRateRestartBackoffTimeStrategy): maxFailures failures within the interval fail it.
 */
import type { RunSettings } from '../../pipeline/types';

export interface RestartDecision {
  restart: boolean;
  /** Backoff before the restart, in ms of processing time. */
  delay: number;
  /** Why the job fails, in words, when restart is false. */
  reason?: string;
}

export class RestartPolicy {
  private failures = 0;
  private readonly times: number[] = [];

  constructor(private readonly strategy: RunSettings['restartStrategy']) {}

  /** Records a failure at `now` and decides, as Flink does (notifyFailure, then canRestart). */
  onFailure(now: number): RestartDecision {
    const s = this.strategy;
    this.failures++;
    switch (s.type) {
      case 'none':
        return { restart: false, delay: 0, reason: 'the restart strategy is none' };
      case 'fixedDelay':
        return this.failures <= s.attempts
          ? { restart: true, delay: s.delay }
          : {
              restart: false,
              delay: 0,
              reason: `fixed-delay restart strategy: ${s.attempts} restart attempt${s.attempts === 1 ? '' : 's'} used up`,
            };
      case 'failureRate': {
        if (s.maxFailures > 0 && this.times.length >= s.maxFailures) this.times.shift();
        this.times.push(now);
        const full = this.times.length >= s.maxFailures;
        if (!full || now - this.times[0] > s.interval) return { restart: true, delay: s.delay };
        return {
          restart: false,
          delay: 0,
          reason: `failure-rate restart strategy: ${s.maxFailures} failures within ${s.interval} ms`,
        };
      }
    }
  }
}
