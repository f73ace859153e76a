/** Durations are stored in milliseconds in the document; the inspector shows them in a unit. */
export const DURATION_UNITS = ['ms', 's', 'min'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

const FACTOR: Record<DurationUnit, number> = { ms: 1, s: 1000, min: 60_000 };

/** Milliseconds of `amount` in `unit`, without the float noise of e.g. 1.1 × 1000. */
export function toMillis(amount: number, unit: DurationUnit): number {
  return Math.round(amount * FACTOR[unit] * 1e6) / 1e6;
}

/** `ms` expressed in `unit` (may be fractional: 1500 ms is 1.5 s). */
export function fromMillis(ms: number, unit: DurationUnit): number {
  return Math.round((ms / FACTOR[unit]) * 1e9) / 1e9;
}

/**
 * The largest unit in which `ms` is a whole number: 5000 reads as 5 s, 90000 as 90 s, 120000 as
 * 2 min. Zero reads as 0 s, the unit people think of for lateness and offsets.
 */
export function bestUnit(ms: number): DurationUnit {
  if (ms === 0) return 's';
  if (ms % FACTOR.min === 0) return 'min';
  if (ms % FACTOR.s === 0) return 's';
  return 'ms';
}

/** A short reading of a duration, e.g. `5 s`, `2 min`, `250 ms`. */
export function formatDuration(ms: number): string {
  const unit = bestUnit(ms);
  return `${fromMillis(ms, unit)} ${unit}`;
}
