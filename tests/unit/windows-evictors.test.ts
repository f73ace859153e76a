/**
 * Evictors as Flink's CountEvictor and TimeEvictor in an EvictingWindowOperator: evictBefore
 * removes elements before the window function, evictAfter (doEvictAfter) after it; what remains
 * stays in the window for the next firing.
 */
import { describe, expect, it } from 'vitest';
import { end, rec, wm } from './engine-helpers';
import { res, results, run, windowed } from './window-helpers';

const tumbling = (extra: Record<string, unknown>) => ({
  kind: 'tumblingWindow',
  config: { size: 10000, function: { type: 'sum' }, ...extra },
});

describe('count evictor', () => {
  it('before the function: the function sees only the last N elements', () => {
    const doc = windowed(
      [rec(1000, 1, 'a'), rec(2000, 2, 'a'), rec(3000, 4, 'a'), end],
      tumbling({ evictor: { type: 'count', count: 2 } }),
    );
    expect(results(doc)).toEqual([res('a', 6, 0, 10000, 'on-time')]);
  });

  it('after the function: the function sees all, then only the last N stay for the next firing', () => {
    // Count trigger 2, no purge: fires over [1,2] = 3 and keeps [2]; then [2,4,8] = 14, keeps [8].
    const doc = windowed(
      [rec(1000, 1, 'a'), rec(2000, 2, 'a'), rec(3000, 4, 'a'), rec(4000, 8, 'a'), end],
      tumbling({
        evictor: { type: 'count', count: 1, afterFunction: true },
        trigger: { type: 'count', count: 2 },
      }),
    );
    expect(results(doc)).toEqual([res('a', 3, 0, 10000, 'early'), res('a', 14, 0, 10000, 'early')]);
  });

  it('countWindow(size, slide) is a count evictor of size with a count trigger of slide', () => {
    // Fires every 2 elements over the last 3: [1,2] = 3, [2,3,4] = 9; 5 waits for a sixth.
    const doc = windowed([...[1, 2, 3, 4, 5].map((v) => rec(v, v, 'a')), end], {
      kind: 'countWindow',
      config: { size: 3, slide: 2, function: { type: 'sum' } },
    });
    expect(results(doc)).toEqual([
      { key: 'a', value: 3, timestamp: Number.MAX_SAFE_INTEGER },
      { key: 'a', value: 9, timestamp: Number.MAX_SAFE_INTEGER },
    ]);
  });

  it('the trace says how many elements were evicted', () => {
    const doc = windowed(
      [rec(1000, 1, 'a'), rec(2000, 2, 'a'), rec(3000, 4, 'a'), end],
      tumbling({ evictor: { type: 'count', count: 1 } }),
    );
    const evicts = run(doc, { trace: true })
      .trace()
      .events.filter((e) => e.type === 'window' && e.action === 'evict');
    expect(evicts).toMatchObject([{ start: 0, end: 10000, value: 2 }]);
  });
});

describe('time evictor', () => {
  it('before the function: keeps elements newer than max timestamp − keep', () => {
    // max 4000, keep 2000: elements at or before 2000 go; 2500, 4000, 3000 stay: 2 + 4 + 8.
    const doc = windowed(
      [
        rec(1000, 1, 'a'),
        rec(2500, 2, 'a'),
        rec(4000, 4, 'a'),
        rec(3000, 8, 'a'),
        rec(2000, 16, 'a'),
        end,
      ],
      tumbling({ evictor: { type: 'time', keep: 2000 } }),
    );
    expect(results(doc)).toEqual([res('a', 14, 0, 10000, 'on-time')]);
  });

  it('after the function, with a count trigger: evicts what is older than keep after each firing', () => {
    // Fires over [1,2,4] = 7 (max 3000, then 1000 and 1500 go); then [4,8,16,32] = 60.
    const doc = windowed(
      [
        rec(1000, 1, 'a'),
        rec(1500, 2, 'a'),
        rec(3000, 4, 'a'),
        rec(3200, 8, 'a'),
        rec(3500, 16, 'a'),
        rec(3600, 32, 'a'),
        wm(9999),
        end,
      ],
      tumbling({
        evictor: { type: 'time', keep: 1000, afterFunction: true },
        trigger: { type: 'count', count: 3 },
      }),
    );
    expect(results(doc)).toEqual([res('a', 7, 0, 10000, 'early'), res('a', 60, 0, 10000, 'early')]);
  });

  it('on a global window with a count trigger: the last keep ms, every N elements', () => {
    const doc = windowed(
      [rec(1000, 1, 'a'), rec(2000, 2, 'a'), rec(5000, 4, 'a'), rec(6000, 8, 'a'), end],
      {
        kind: 'globalWindow',
        config: {
          function: { type: 'sum' },
          trigger: { type: 'count', count: 2 },
          evictor: { type: 'time', keep: 1500 },
        },
      },
    );
    // [1,2] → both within 1500 of 2000: 3; [1,2,4,8] → max 6000, keep > 4500: 4 + 8 = 12.
    expect(results(doc).map((r) => r.value)).toEqual([3, 12]);
  });
});
