import { describe, expect, it } from 'vitest';
import { doc, edge, exportJava, exportSql, gen } from './export-helpers';

/** Two generators, keyed, joined, into a sink. */
function joinDoc(kind: string, config: Record<string, unknown>) {
  return doc({
    nodes: [
      gen('clicks'),
      gen('views'),
      { id: 'kc', kind: 'keyBy' },
      { id: 'kv', kind: 'keyBy' },
      { id: 'j', kind, name: 'Join', config },
      { id: 'out', kind: 'tableSink' },
    ],
    edges: [
      edge('clicks', 'kc'),
      edge('views', 'kv'),
      edge('kc', 'j', { partitioning: 'hash', toPort: 'left' }),
      edge('kv', 'j', { partitioning: 'hash', toPort: 'right' }),
      edge('j', 'out'),
    ],
  });
}

const processDoc = () =>
  doc({
    nodes: [
      gen('src'),
      { id: 'k', kind: 'keyBy' },
      { id: 'p', kind: 'processFunction', name: 'Timeout' },
      { id: 'out', kind: 'logSink' },
    ],
    edges: [edge('src', 'k'), edge('k', 'p', { partitioning: 'hash' }), edge('p', 'out')],
  });

// Parsing the generated SQL and Java is slow on a busy machine: a generous limit per test.
describe('export of process functions and joins', { timeout: 30000 }, () => {
  it('Java: a KeyedProcessFunction with the same keyed state, the code as comments and a TODO', () => {
    const { java, result } = exportJava(processDoc());
    expect(java).toContain('extends KeyedProcessFunction<String, Event<Long>, Event<Object>>');
    expect(java).toContain('private transient ValueState<Object> countState;');
    expect(java).toContain(
      'new ValueStateDescriptor<>("lastSeen", TypeInformation.of(Object.class))',
    );
    expect(java).toContain(
      '// | ctx.timerService().registerEventTimeTimer(ctx.timestamp() + 5000);',
    );
    expect(java).toContain('k.process(new PProcess())');
    expect(java).toContain('import org.apache.flink.streaming.api.functions.KeyedProcessFunction;');
    expect(result.notes.map((n) => n.nodeId)).toContain('p');
  });

  it('SQL: a process function is noted as not expressible, and what follows is not exported', () => {
    const { sql, result } = exportSql(processDoc());
    expect(result.notes.find((n) => n.nodeId === 'p')?.message).toMatch(/not expressible in SQL/);
    expect(sql).not.toMatch(/^INSERT INTO/m);
  });

  it('Java: a tumbling window join with where/equalTo/window/apply, the window timestamp kept', () => {
    const { java } = exportJava(
      joinDoc('windowJoin', { assigner: 'tumbling', size: 5000, expression: 'left + right' }),
    );
    expect(java).toContain('kc.join(kv)');
    expect(java).toContain('.window(TumblingEventTimeWindows.of(Duration.ofMillis(5000)))');
    expect(java).toContain('return Event.of(l.key, l.value + r.value, 0L);');
    expect(java).toContain('.process(new StampRecordTimestamp<Long>())');
  });

  it('SQL: a window join of TUMBLE table functions on key and window', () => {
    const { sql } = exportSql(
      joinDoc('windowJoin', { assigner: 'tumbling', size: 5000, expression: 'left + right' }),
    );
    expect(sql).toContain(
      "FROM (SELECT * FROM TABLE(TUMBLE(TABLE `clicks`, DESCRIPTOR(ts), INTERVAL '5' SECOND))) L",
    );
    expect(sql).toContain(
      'ON L.`key` = R.`key` AND L.window_start = R.window_start AND L.window_end = R.window_end;',
    );
    expect(sql).toContain('SELECT L.`key`, L.`value` + R.`value` AS `value`, L.window_time AS ts');
  });

  it('a session window join: Java exports it, SQL notes why not', () => {
    const d = joinDoc('windowJoin', { assigner: 'session', gap: 3000, expression: 'left' });
    expect(exportJava(d).java).toContain(
      '.window(EventTimeSessionWindows.withGap(Duration.ofMillis(3000)))',
    );
    expect(exportSql(d).result.notes.find((n) => n.nodeId === 'j')?.message).toMatch(/SESSION/);
  });

  it('interval join: between with exclusive bounds in Java; an interval join in SQL', () => {
    const d = joinDoc('intervalJoin', {
      lowerBound: -2000,
      upperBound: 1000,
      upperBoundExclusive: true,
      expression: 'left * 10 + right',
    });
    const { java } = exportJava(d);
    expect(java).toContain('kc.intervalJoin(kv)');
    expect(java).toContain('.between(Duration.ofMillis(-2000), Duration.ofMillis(1000))');
    expect(java).toContain('.upperBoundExclusive()');
    expect(java).not.toContain('.lowerBoundExclusive()');
    expect(java).toContain('Math.max(ctx.getLeftTimestamp(), ctx.getRightTimestamp())');
    const { sql } = exportSql(d);
    expect(sql).toContain("AND R.ts >= L.ts - INTERVAL '2' SECOND");
    expect(sql).toContain("AND R.ts < L.ts + INTERVAL '1' SECOND;");
    expect(sql).toContain('GREATEST(L.ts, R.ts) AS ts');
  });

  it('an untranslatable join expression becomes a TODO and a note', () => {
    const d = joinDoc('intervalJoin', { expression: '[left, right]' });
    const { java, result } = exportJava(d);
    expect(java).toContain('Job.<Object>todo(');
    expect(result.notes.some((n) => n.nodeId === 'j' && /join expression/.test(n.message))).toBe(
      true,
    );
    exportSql(d);
  });
});
