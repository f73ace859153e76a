/**
 * Round axis ticks for the run views' charts: about `count` values between min and max at a
 * step of 1, 2 or 5 × a power of ten (in ms), so a person reads "5 s" rather than "5157".
 */
export function niceTicks(min: number, max: number, count = 4): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const out: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max; v += step) out.push(Math.round(v) + 0); // + 0: no −0 from Math.ceil of a small negative
  return out;
}

/** A time on an axis: whole seconds as "5 s", the rest in ms. */
export function formatAxisTime(ms: number): string {
  if (ms !== 0 && ms % 1000 === 0) return `${ms / 1000} s`;
  return `${ms} ms`;
}
