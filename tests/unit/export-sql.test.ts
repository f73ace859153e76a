import { describe, expect, test } from 'vitest';
import { exampleDocument } from '../../src/lib/pipeline';
import { doc, edge, exportSql, gen, windowed } from './export-helpers';

describe('Flink SQL export', () => {
  test('the clicks example: datagen table with a watermark one millisecond later, TUMBLE, print sink', () => {
    const { sql, result } = exportSql(exampleDocument());
    expect(sql).toContain("SET 'execution.runtime-mode' = 'streaming';");
    // TIMESTAMP_LTZ windows align in the session time zone; UTC aligns them to the epoch.
    expect(sql).toContain("SET 'table.local-time-zone' = 'UTC';");
    expect(sql).toContain("SET 'pipeline.auto-watermark-interval' = '200 ms';");
    expect(sql).toContain("'connector' = 'datagen'");
    // DataStream: max − 2000 − 1; SQL: max − 2.001 s.
    expect(sql).toContain("WATERMARK FOR ts AS ts - INTERVAL '2.001' SECOND");
    expect(sql).toContain("'fields.ts.max-past' = '1500'");
    expect(sql).toContain('SELECT `key`, `value` * 2 AS `value`, ts');
    expect(sql).toContain("TUMBLE(TABLE `double`, DESCRIPTOR(ts), INTERVAL '5' SECOND)");
    expect(sql).toContain('SUM(`value`) AS `value`, window_time AS ts');
    expect(sql).toContain('GROUP BY `key`, window_start, window_end, window_time');
    expect(sql).toContain("'connector' = 'print'");
    expect(sql).toContain('INSERT INTO `results`');
    expect(result.notes.map((n) => n.nodeId)).toEqual(['clicks']);
  });

  test('tumbling window with an offset, allowed lateness and a late side output', () => {
    const d = windowed(
      'tumblingWindow',
      { size: 10000, offset: 1500, allowedLateness: 3000, function: { type: 'max' } },
      { lateSink: true },
    );
    const { sql, result } = exportSql(d);
    expect(sql).toContain(
      "TUMBLE(TABLE `src`, DESCRIPTOR(ts), INTERVAL '10' SECOND, INTERVAL '1.5' SECOND)",
    );
    expect(sql).toContain('MAX(`value`)');
    const messages = result.notes.map((n) => n.message).join('\n');
    expect(messages).toContain('allowed lateness of 3000 ms is not exported');
    expect(messages).toContain('the late-data side output is not exported');
    expect(result.notes.some((n) => n.nodeId === 'lateOut' && /not exported/.test(n.message))).toBe(
      true,
    );
    expect(sql).not.toContain('INSERT INTO `lateOut`');
  });

  test('sliding windows become HOP when the size is a multiple of the slide, otherwise a note', () => {
    const hop = exportSql(
      windowed('slidingWindow', { size: 10000, slide: 2500, function: { type: 'average' } }),
    );
    expect(hop.sql).toContain(
      "HOP(TABLE `src`, DESCRIPTOR(ts), INTERVAL '2.5' SECOND, INTERVAL '10' SECOND)",
    );
    expect(hop.sql).toContain('AVG(CAST(`value` AS DOUBLE))');
    // 10 s every 3 s: the HOP table function refuses it, the group-window HOP has the same windows.
    const odd = exportSql(windowed('slidingWindow', { size: 10000, slide: 3000 }));
    expect(odd.sql).toContain(
      "SELECT `key`, COUNT(*) AS `value`, HOP_ROWTIME(ts, INTERVAL '3' SECOND, INTERVAL '10' SECOND) AS ts",
    );
    expect(odd.sql).toContain(
      "GROUP BY `key`, HOP(ts, INTERVAL '3' SECOND, INTERVAL '10' SECOND);",
    );
    expect(odd.sql).toContain('INSERT INTO `out`');
    expect(odd.result.notes.find((n) => n.nodeId === 'win')?.message).toContain(
      'exported in the group-window form GROUP BY HOP(...)',
    );
    // With an offset as well there is no SQL form left.
    const offset = exportSql(windowed('slidingWindow', { size: 10000, slide: 3000, offset: 1000 }));
    expect(offset.sql).not.toContain('HOP(');
    expect(offset.result.notes.find((n) => n.nodeId === 'win')?.message).toContain(
      'the group-window HOP has no offset',
    );
  });

  test('a watermark interval of 0 is exported as 0 ms: the SQL assigner then emits on every record', () => {
    const d = doc({
      settings: { autoWatermarkInterval: 0, bufferCapacity: 4 },
      nodes: [gen('src'), { id: 'out', kind: 'logSink' }],
      edges: [edge('src', 'out')],
    });
    const { sql, result } = exportSql(d);
    expect(sql).toContain("SET 'pipeline.auto-watermark-interval' = '0 ms';");
    const capacity = result.notes.find((n) => n.message.includes('channel capacity'));
    expect(capacity?.nodeId).toBeUndefined();
    expect(sql).toContain(`-- NOTE: ${capacity?.detail}`);
  });

  test('session windows use the group-window form', () => {
    const { sql, result } = exportSql(
      windowed('sessionWindow', { gap: 3000, function: { type: 'min' } }),
    );
    expect(sql).toContain("GROUP BY `key`, SESSION(ts, INTERVAL '3' SECOND)");
    expect(sql).toContain("SESSION_ROWTIME(ts, INTERVAL '3' SECOND) AS ts");
    expect(result.notes.map((n) => n.message).join()).toContain('group-window form');
  });

  test('global and count windows, triggers and evictors are not exported, with a note each', () => {
    for (const [kind, config, why] of [
      ['globalWindow', {}, 'global windows fire only by a custom trigger'],
      ['countWindow', { size: 5, slide: 2 }, 'SQL has no count windows'],
      ['tumblingWindow', { trigger: { type: 'count', count: 3 } }, 'the count trigger'],
      ['tumblingWindow', { evictor: { type: 'count', count: 2 } }, 'evictors do not exist in SQL'],
      ['tumblingWindow', { time: 'processing' }, 'processing-time windows'],
    ] as const) {
      const { sql, result } = exportSql(windowed(kind, config));
      expect(result.notes.find((n) => n.nodeId === 'win')?.message).toContain(why);
      expect(result.notes.find((n) => n.nodeId === 'out')?.message).toContain('not exported');
      expect(sql).not.toContain('INSERT INTO `');
      expect(sql).toContain('CREATE TABLE `src_datagen`');
    }
  });

  test('each window function: COUNT, SUM, MIN, MAX, AVG, reduce as an aggregate; aggregate and process noted', () => {
    const cases: [Record<string, unknown>, string | null][] = [
      [{ type: 'count' }, 'COUNT(*)'],
      [{ type: 'sum' }, 'SUM(`value`)'],
      [{ type: 'min' }, 'MIN(`value`)'],
      [{ type: 'max' }, 'MAX(`value`)'],
      [{ type: 'average' }, 'AVG(CAST(`value` AS DOUBLE))'],
      [{ type: 'reduce', expression: 'a + b' }, 'SUM(`value`)'],
      [{ type: 'reduce', expression: 'Math.max(a, b)' }, 'MAX(`value`)'],
      [{ type: 'reduce', expression: 'a * b' }, null],
      [{ type: 'aggregate', create: '0', add: 'acc + value', merge: 'a + b', result: 'acc' }, null],
      [{ type: 'process', expression: 'elements.length' }, null],
    ];
    for (const [fn, agg] of cases) {
      const { sql, result } = exportSql(windowed('tumblingWindow', { function: fn }));
      if (agg) expect(sql).toContain(`${agg} AS \`value\``);
      else {
        expect(sql).not.toContain('TUMBLE(');
        expect(result.notes.find((n) => n.nodeId === 'win')?.message).toMatch(
          /not exported to SQL/,
        );
      }
    }
  });

  test('a Watermarks node after a source without watermarks is declared on the source table', () => {
    const d = doc({
      nodes: [
        gen('src', { watermarks: { type: 'none' } }),
        {
          id: 'wm',
          kind: 'watermarks',
          config: { strategy: { type: 'monotonous', idleness: 5000 } },
        },
        { id: 'keys', kind: 'keyBy' },
        { id: 'win', kind: 'tumblingWindow' },
        { id: 'out', kind: 'logSink' },
      ],
      edges: [
        edge('src', 'wm'),
        edge('wm', 'keys'),
        edge('keys', 'win', { partitioning: 'hash' }),
        edge('win', 'out'),
      ],
    });
    const { sql, result } = exportSql(d);
    expect(sql).toContain("WATERMARK FOR ts AS ts - INTERVAL '0.001' SECOND");
    expect(sql).toContain("SET 'table.exec.source.idle-timeout' = '5000 ms';");
    expect(result.notes.find((n) => n.nodeId === 'wm')?.message).toContain(
      'declared on the table of source src',
    );
  });

  test('union of two sources, parallelism > 1 with rebalance and broadcast', () => {
    const d = doc({
      nodes: [
        gen('a', {}, 2),
        gen('b', {}, 2),
        { id: 'u', kind: 'union', parallelism: 2 },
        {
          id: 'f',
          kind: 'filter',
          parallelism: 4,
          config: { expression: 'value > 3 && key !== "key-1"' },
        },
        { id: 'out', kind: 'tableSink', parallelism: 1 },
      ],
      edges: [
        edge('a', 'u'),
        edge('b', 'u'),
        edge('u', 'f', { partitioning: 'rebalance' }),
        edge('f', 'out', { partitioning: 'broadcast' }),
      ],
    });
    const { sql, result } = exportSql(d);
    expect(sql).toContain(
      'SELECT `key`, `value`, ts FROM `a`\nUNION ALL\nSELECT `key`, `value`, ts FROM `b`',
    );
    expect(sql).toContain("WHERE `value` > 3 AND `key` <> 'key-1'");
    expect(sql).toContain("SET 'parallelism.default' = '4';");
    // Streamlab's rate is per subtask; datagen's for the whole source.
    expect(sql).toContain("'rows-per-second' = '20'");
    const messages = result.notes.map((n) => n.message).join('\n');
    expect(messages).toContain('per-operator parallelism');
    expect(messages).toContain('rebalance and broadcast edges are not exported');
  });

  test('checkpointing and restart settings become SET statements', () => {
    const d = doc({
      settings: {
        runtimeMode: 'BATCH',
        maxParallelism: 256,
        autoWatermarkInterval: 50,
        checkpointing: {
          enabled: true,
          interval: 2000,
          mode: 'AT_LEAST_ONCE',
          timeout: 30000,
          minPause: 500,
          unaligned: true,
          retained: 2,
        },
        restartStrategy: { type: 'failureRate', maxFailures: 4, interval: 60000, delay: 2000 },
      },
      nodes: [gen('src'), { id: 'out', kind: 'logSink' }],
      edges: [edge('src', 'out')],
    });
    const { sql } = exportSql(d);
    for (const line of [
      "SET 'execution.runtime-mode' = 'batch';",
      "SET 'pipeline.max-parallelism' = '256';",
      "SET 'pipeline.auto-watermark-interval' = '50 ms';",
      "SET 'execution.checkpointing.interval' = '2000 ms';",
      "SET 'execution.checkpointing.mode' = 'AT_LEAST_ONCE';",
      "SET 'execution.checkpointing.timeout' = '30000 ms';",
      "SET 'execution.checkpointing.min-pause' = '500 ms';",
      "SET 'execution.checkpointing.unaligned' = 'true';",
      "SET 'state.checkpoints.num-retained' = '2';",
      "SET 'restart-strategy.type' = 'failure-rate';",
      "SET 'restart-strategy.failure-rate.max-failures-per-interval' = '4';",
    ])
      expect(sql).toContain(line);
  });

  test('timeline and file sources become filesystem tables to fill in; several sinks run as one statement set', () => {
    const d = doc({
      nodes: [
        {
          id: 'tl',
          kind: 'timeline',
          config: {
            steps: [
              { type: 'record', key: 'a', value: 3, timestamp: 1000 },
              { type: 'watermark', timestamp: 1500 },
              { type: 'record', key: null, value: 4, timestamp: 1200 },
            ],
          },
        },
        {
          id: 'orders',
          kind: 'file',
          config: {
            fileName: 'orders.csv',
            content: 'user,amount,timestamp\nann,2.5,1000\nbob,4,2000\n',
            keyField: 'user',
          },
        },
        {
          id: 'big',
          kind: 'map',
          config: { expression: '{ user: value.user, cents: value.amount * 100 }' },
        },
        { id: 'o1', kind: 'tableSink' },
        { id: 'o2', kind: 'chartSink', config: { guarantee: 'exactly-once' } },
      ],
      edges: [edge('tl', 'o1'), edge('orders', 'big'), edge('big', 'o2')],
    });
    const { sql, result } = exportSql(d);
    expect(sql).toContain("'connector' = 'filesystem'");
    expect(sql).toContain("'path' = 'file:///TODO/path/to/orders.csv'");
    expect(sql).toContain('--   a,3,1000');
    expect(sql).toContain('ts AS TO_TIMESTAMP_LTZ(CAST(`timestamp` AS BIGINT), 3)');
    expect(sql).toContain('`user` AS `user`, `amount` * 100 AS `cents`');
    expect(sql).toContain("'connector' = 'blackhole'");
    expect(sql).toContain('BEGIN STATEMENT SET;');
    const messages = result.notes.map((n) => n.message).join('\n');
    expect(messages).toContain('exactly-once delivery is not exported');
    expect(messages).toContain('scripted watermarks');
  });

  test('an expression that cannot be translated is a marked TODO and a note, never silent', () => {
    const d = doc({
      nodes: [
        gen('src'),
        { id: 'm', kind: 'map', config: { expression: 'value.toFixed(2)' } },
        { id: 'f', kind: 'filter', config: { expression: 'timestamp % 2 === 0' } },
        { id: 'out', kind: 'logSink' },
      ],
      edges: [edge('src', 'm'), edge('m', 'f'), edge('f', 'out')],
    });
    const { sql, result } = exportSql(d);
    expect(sql).toContain('/* TODO: not translated');
    expect(sql).toContain('value.toFixed(2)');
    expect(sql).toContain('timestamp % 2 === 0');
    expect(result.notes.filter((n) => n.nodeId === 'm' || n.nodeId === 'f')).toHaveLength(2);
  });
});
