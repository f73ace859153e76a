import { describe, expect, it } from 'vitest';
import { formatCount } from '../../src/lib/ui/run/format';

describe('formatCount', () => {
  it('groups thousands as English does, without Intl', () => {
    for (const n of [0, 7, 999, 1000, 12_345, 1_000_000, 9_876_543_210, -4321, 1234.6])
      expect(formatCount(n)).toBe(Math.round(n).toLocaleString('en'));
  });
});
