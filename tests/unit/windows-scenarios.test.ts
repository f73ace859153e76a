import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../src/lib/engine';
import { exampleDocument } from '../../src/lib/pipeline';
import { sliding, tumbling, windowStart } from '../../src/lib/engine/windows/assigners';
import { adv, end, makeDoc, rec, wm } from './engine-helpers';

/** timeline → keyBy(key) → window → sink, plus an optional late-data sink. */
function windowed(
  steps: unknown[],
  win: { kind: string; config: Record<string, unknown> },
  late = false,
) {
  return makeDoc(
    [
      { id: 'src', kind: 'timeline', config: { steps } },
      { id: 'k', kind: 'keyBy', config: { expression: 'key' } },
      { id: 'w', ...win },
      { id: 'out', kind: 'tableSink' },
      ...(late ? [{ id: 'lateOut', kind: 'tableSink' }] : []),
    ],
    [
      { from: 'src', to: 'k' },
      { from: 'k', to: 'w', partitioning: 'hash' },
      { from: 'w', to: 'out' },
      ...(late ? [{ from: 'w', to: 'lateOut', fromPort: 'late' } as never] : []),
    ],
  );
}

function results(doc: ReturnType<typeof windowed>, sink = 'out') {
  const sim = createSimulation(doc);
  sim.run();
  return (sim.sinkRecords().get(sink) ?? []).map((r) => ({
    key: r.key,
    value: r.value,
    timestamp: r.timestamp,
  }));
}

describe('window assigners (Flink TimeWindow rules)', () => {
  it('tumbling windows start at multiples of the size, shifted by the offset, also for negative times', () => {
    expect(tumbling(4999, 5000, 0)).toEqual([{ start: 0, end: 5000 }]);
    expect(tumbling(5000, 5000, 0)).toEqual([{ start: 5000, end: 10000 }]);
    expect(tumbling(1200, 5000, 1000)).toEqual([{ start: 1000, end: 6000 }]);
    expect(windowStart(-1, 0, 5000)).toBe(-5000);
  });
  it('sliding windows: each element is in size / slide windows', () => {
    expect(sliding(7000, 10000, 5000, 0)).toEqual([
      { start: 5000, end: 15000 },
      { start: 0, end: 10000 },
    ]);
  });
});

describe('window scenarios', () => {
  const tumble = { kind: 'tumblingWindow', config: { size: 5000, function: { type: 'sum' } } };

  it('a tumbling sum fires when the watermark reaches end − 1, with timestamp end − 1', () => {
    const doc = windowed(
      [rec(1000, 1, 'a'), rec(3000, 2, 'a'), rec(6000, 5, 'a'), wm(4998), wm(4999), end],
      tumble,
    );
    expect(results(doc)).toEqual([
      { key: 'a', value: 3, timestamp: 4999 },
      { key: 'a', value: 5, timestamp: 9999 },
    ]);
  });

  it('a record behind the watermark with no allowed lateness goes to the late side output', () => {
    const doc = windowed([rec(1000, 1, 'a'), wm(5000), rec(2000, 7, 'a'), end], tumble, true);
    expect(results(doc)).toEqual([{ key: 'a', value: 1, timestamp: 4999 }]);
    expect(results(doc, 'lateOut')).toEqual([{ key: 'a', value: 7, timestamp: 2000 }]);
  });

  it('with allowed lateness a late record causes a late firing with the updated result', () => {
    const doc = windowed(
      [
        rec(1000, 1, 'a'),
        wm(5000),
        rec(2000, 7, 'a'),
        wm(6998),
        rec(3000, 10, 'a'),
        wm(6999),
        rec(4000, 100, 'a'),
        end,
      ],
      {
        kind: 'tumblingWindow',
        config: { size: 5000, allowedLateness: 2000, function: { type: 'sum' } },
      },
      true,
    );
    // Cleanup at 4999 + 2000 = 6999: the last record is past it.
    expect(results(doc)).toEqual([
      { key: 'a', value: 1, timestamp: 4999 },
      { key: 'a', value: 8, timestamp: 4999 },
      { key: 'a', value: 18, timestamp: 4999 },
    ]);
    expect(results(doc, 'lateOut').map((r) => r.value)).toEqual([100]);
  });

  it('session windows merge and fire once per session', () => {
    const doc = windowed(
      [rec(1000, 1, 'a'), rec(2500, 1, 'a'), rec(9000, 1, 'a'), rec(1800, 1, 'a'), end],
      { kind: 'sessionWindow', config: { gap: 2000, function: { type: 'count' } } },
    );
    expect(results(doc)).toEqual([
      { key: 'a', value: 3, timestamp: 4499 },
      { key: 'a', value: 1, timestamp: 10999 },
    ]);
  });

  it('count windows fire every N elements per key', () => {
    const doc = windowed(
      [
        rec(1, 1, 'a'),
        rec(2, 2, 'b'),
        rec(3, 3, 'a'),
        rec(4, 4, 'a'),
        rec(5, 5, 'a'),
        adv(10),
        end,
      ],
      { kind: 'countWindow', config: { size: 2, function: { type: 'sum' } } },
    );
    expect(results(doc).map((r) => [r.key, r.value])).toEqual([
      ['a', 4],
      ['a', 9],
    ]);
  });

  it('the example pipeline runs to the end and every result is a window sum at end − 1', () => {
    const sim = createSimulation(exampleDocument());
    sim.run();
    const rows = sim.sinkRecords().get('results')!;
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect((r.timestamp! + 1) % 5000).toBe(0);
  });
});
