import { describe, expect, test } from 'vitest';
import { formatAxisTime, niceTicks } from '../../src/lib/ui/run/ticks';

describe('axis ticks', () => {
  test('round steps of 1, 2 or 5 × 10^n inside the range', () => {
    expect(niceTicks(-2001, 15001)).toEqual([0, 5000, 10000, 15000]);
    expect(niceTicks(0, 7600)).toEqual([0, 2000, 4000, 6000]);
    expect(niceTicks(120, 180, 3)).toEqual([120, 140, 160, 180]);
  });
  test('an empty range has one tick', () => {
    expect(niceTicks(5, 5)).toEqual([5]);
  });
  test('whole seconds are written in s, the rest in ms', () => {
    expect(formatAxisTime(5000)).toBe('5 s');
    expect(formatAxisTime(2500)).toBe('2500 ms');
    expect(formatAxisTime(0)).toBe('0 ms');
  });
});
