/**
 * Negative window offsets, as Flink allows them (|offset| < size, or < slide): the usual way to
 * align daily windows to a time zone east of UTC, e.g. TumblingEventTimeWindows.of(1 day, −8 h).
 */
import { describe, expect, it } from 'vitest';
import { validateDocument } from '../../src/lib/pipeline';
import { exportJava, exportSql, windowed as exportWindowed } from './export-helpers';
import { res, results, windowed } from './window-helpers';

const rec = (key: string, value: number, timestamp: number) => ({
  type: 'record',
  key,
  value,
  timestamp,
});

describe('negative window offsets', () => {
  it('a tumbling window of 10 s with offset −3 s starts at 7 s, 17 s, … (and −3 s)', () => {
    const doc = windowed(
      [rec('a', 1, 5000), rec('a', 2, 8000), rec('a', 4, 16999), { type: 'end' }],
      {
        kind: 'tumblingWindow',
        config: { size: 10000, offset: -3000, function: { type: 'sum' } },
      },
    );
    expect(results(doc)).toEqual([
      res('a', 1, -3000, 7000, 'on-time'),
      res('a', 6, 7000, 17000, 'on-time'),
    ]);
  });

  it('a sliding window of 10 s every 5 s with offset −1 s: windows start at 4 s, 9 s, …', () => {
    const doc = windowed([rec('a', 1, 4500), { type: 'end' }], {
      kind: 'slidingWindow',
      config: { size: 10000, slide: 5000, offset: -1000, function: { type: 'count' } },
    });
    expect(results(doc)).toEqual([
      res('a', 1, -1000, 9000, 'on-time'),
      res('a', 1, 4000, 14000, 'on-time'),
    ]);
  });

  it('|offset| must stay below the size (tumbling) or slide (sliding), as Flink requires', () => {
    const problems = (kind: string, config: Record<string, unknown>) =>
      validateDocument({
        version: 1,
        nodes: [
          { id: 'src', kind: 'timeline' },
          { id: 'k', kind: 'keyBy' },
          { id: 'w', kind, config },
          { id: 'out', kind: 'tableSink' },
        ],
        edges: [
          { id: 'a', from: 'src', to: 'k' },
          { id: 'b', from: 'k', to: 'w', partitioning: 'hash' },
          { id: 'c', from: 'w', to: 'out' },
        ],
      }).problems;
    expect(problems('tumblingWindow', { size: 10000, offset: -9999 })).toEqual([]);
    expect(problems('tumblingWindow', { size: 10000, offset: -10000 })).toEqual([
      expect.objectContaining({ nodeId: 'w', field: 'config.offset' }),
    ]);
    expect(problems('slidingWindow', { size: 10000, slide: 5000, offset: -5000 })).toEqual([
      expect.objectContaining({ nodeId: 'w', field: 'config.offset' }),
    ]);
  });

  it('exports the offset to Java as it is, and to SQL as the equivalent positive one', () => {
    const d = exportWindowed('tumblingWindow', { size: 10000, offset: -3000 });
    expect(exportJava(d).java).toContain(
      'TumblingEventTimeWindows.of(Duration.ofMillis(10000), Duration.ofMillis(-3000))',
    );
    expect(exportSql(d).sql).toContain(
      "TUMBLE(TABLE `src`, DESCRIPTOR(ts), INTERVAL '10' SECOND, INTERVAL '7' SECOND)",
    );
  });
});
