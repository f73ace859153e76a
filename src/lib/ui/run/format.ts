import { t } from '../../i18n';

/** Words and numbers for the run views. A value that does not exist yet is said in words. */

/**
 * A whole count with thousands separators (1,234,567). Not toLocaleString: its first call sets up
 * ICU number formatting, about 15 ms on a slow machine, which landed in the first snapshot task
 * of a run.
 */
export function formatCount(n: number): string {
  const whole = Math.round(n);
  const digits = String(Math.abs(whole)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return whole < 0 ? `-${digits}` : digits;
}

export function formatTime(ms: number): string {
  if (ms >= Number.MAX_SAFE_INTEGER) return t('end of input (max watermark)');
  // While playing, the clock moves in fractions of a ms: whole ms are all a person can read.
  ms = Math.round(ms);
  if (ms < 10_000) return `${ms} ms`;
  return `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 3)} s`;
}

export function formatWatermark(wm: number | null): string {
  if (wm === null) return t('no watermark yet');
  if (wm >= Number.MAX_SAFE_INTEGER) return t('max (input ended)');
  return `${wm}`;
}

export function formatValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(3);
  return JSON.stringify(value) ?? String(value);
}

export const SPEEDS: { label: string; value: number | 'max' }[] = [
  { label: '0.1× (slow motion)', value: 100 },
  { label: '0.5×', value: 500 },
  { label: '1× (real time)', value: 1000 },
  { label: '10×', value: 10_000 },
  { label: '100×', value: 100_000 },
  { label: 'As fast as possible', value: 'max' },
];
