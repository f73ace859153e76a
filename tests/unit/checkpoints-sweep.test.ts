import { describe, expect, it } from 'vitest';
import { sweepIntervals } from '../../src/lib/engine/checkpoints/sweep';
import { keyedSum } from './checkpoints-helpers';

describe('checkpoint interval sweep', () => {
  const doc = keyedSum({ guarantee: 'exactly-once' });
  const points = sweepIntervals(doc, { intervals: [250, 1000, 4000], failAt: 7300, node: 'w' });

  it('runs once per interval with the same failure', () => {
    expect(points.map((p) => p.interval)).toEqual([250, 1000, 4000]);
    expect(points.map((p) => p.restored)).toEqual([29, 7, 1]);
    expect(points.every((p) => p.recoveryMs >= 500)).toBe(true); // the restart delay at least
  });

  it('shorter intervals cost more checkpoints and bytes, and replay fewer records', () => {
    const [a, b, c] = points;
    expect(a.checkpoints).toBeGreaterThan(b.checkpoints);
    expect(b.checkpoints).toBeGreaterThan(c.checkpoints);
    expect(a.bytes).toBeGreaterThan(b.bytes);
    expect(b.bytes).toBeGreaterThan(c.bytes);
    expect(a.replayed).toBeLessThan(b.replayed);
    expect(b.replayed).toBeLessThan(c.replayed);
    expect(a.redoneMs).toBeLessThan(c.redoneMs);
    // At 10 records a second, what is read again is the stretch since the restored checkpoint.
    expect(c.replayed).toBe(Math.round(c.redoneMs / 100));
  });
});
