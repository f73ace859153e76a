import { describe, expect, test } from 'vitest';
import { exampleDocument } from '../../src/lib/pipeline';
import { doc, edge, exportJava, gen, windowed } from './export-helpers';

describe('Flink DataStream Java export', () => {
  test('the clicks example: a complete job with uids matching the node ids', () => {
    const { java, pom, result } = exportJava(exampleDocument());
    expect(java).toMatch(/^package streamlab;/);
    expect(java).toContain('public final class Job {');
    expect(java).toContain('new DataGeneratorSource<>(');
    expect(java).toContain(
      'WatermarkStrategy.<Event<Long>>forBoundedOutOfOrderness(Duration.ofMillis(2000))',
    );
    expect(java).toContain('.withTimestampAssigner((e, previous) -> e.timestamp)');
    expect(java).toContain('.map(e -> Event.of(e.key, e.value * 2L, e.timestamp))');
    expect(java).toContain('.keyBy(e -> e.key, Types.STRING)');
    expect(java).toContain('TumblingEventTimeWindows.of(Duration.ofMillis(5000)');
    expect(java).toContain('.aggregate(new PerFiveSecondsFunction(), new EmitWindowResult<>())');
    for (const id of ['clicks', 'double', 'perFiveSeconds', 'results'])
      expect(java).toContain(`.uid("${id}")`);
    expect(java).toContain('.name("5 s window")');
    expect(java).toContain('env.setMaxParallelism(128);');
    expect(java).toContain('env.setRuntimeMode(RuntimeExecutionMode.STREAMING);');
    expect(java).toContain('env.getConfig().setAutoWatermarkInterval(200L);');
    expect(java).toContain('RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay"');
    expect(java).toContain('env.execute("Clicks per user");');
    expect(pom).toContain('<flink.version>1.20.1</flink.version>');
    expect(pom).toContain('<artifactId>flink-connector-datagen</artifactId>');
    expect(result.notes.map((n) => n.nodeId)).toEqual(['clicks']);
  });

  test('window assigners with offsets, triggers, evictors, allowed lateness and the late side output', () => {
    const { java } = exportJava(
      windowed(
        'tumblingWindow',
        {
          size: 10000,
          offset: 1500,
          allowedLateness: 3000,
          trigger: { type: 'continuousEventTime', interval: 1000, purging: true },
          evictor: { type: 'time', keep: 4000, afterFunction: true },
        },
        { lateSink: true },
      ),
    );
    expect(java).toContain(
      'TumblingEventTimeWindows.of(Duration.ofMillis(10000), Duration.ofMillis(1500))',
    );
    expect(java).toContain(
      '.trigger(PurgingTrigger.of(ContinuousEventTimeTrigger.of(Duration.ofMillis(1000))))',
    );
    expect(java).toContain('.evictor(TimeEvictor.of(Duration.ofMillis(4000), true))');
    expect(java).toContain('.allowedLateness(Duration.ofMillis(3000))');
    expect(java).toContain(
      'final OutputTag<Event<Long>> winLateTag = new OutputTag<Event<Long>>("win-late") {};',
    );
    expect(java).toContain('.sideOutputLateData(winLateTag)');
    expect(java).toContain('DataStream<Event<Long>> winLateData = win.getSideOutput(winLateTag);');
    expect(java).toContain('winLateData.print("Late")');
    expect(java).toContain('.uid("lateOut")');
  });

  test('a watermark interval of 0 emits after every record: a punctuated generator, not interval 0', () => {
    // In Flink, setAutoWatermarkInterval(0) switches periodic watermarks off entirely.
    const d = doc({
      settings: { autoWatermarkInterval: 0 },
      nodes: [
        gen('src', {
          watermarks: { type: 'boundedOutOfOrderness', maxOutOfOrderness: 300, idleness: 4000 },
        }),
        { id: 'out', kind: 'logSink' },
      ],
      edges: [edge('src', 'out')],
    });
    const { java, result } = exportJava(d);
    expect(java).toContain(
      'WatermarkStrategy.<Event<Long>>forGenerator(context -> new EveryEventWatermarks<>(300L))',
    );
    expect(java).toContain(
      'public static class EveryEventWatermarks<T> implements WatermarkGenerator<T>',
    );
    expect(java).toContain('output.emitWatermark(new Watermark(max - bound - 1));');
    expect(java).toContain('.withIdleness(Duration.ofMillis(4000))');
    // The periodic call then only checks idleness, every idleness ms as Streamlab does.
    expect(java).toContain('env.getConfig().setAutoWatermarkInterval(4000L);');
    expect(java).not.toContain('forBoundedOutOfOrderness');
    expect(result.notes.filter((n) => n.nodeId === undefined)).toEqual([]);
  });

  test('sliding, session, global and count windows', () => {
    expect(
      exportJava(windowed('slidingWindow', { size: 10000, slide: 3000, offset: 500 })).java,
    ).toContain(
      'SlidingEventTimeWindows.of(Duration.ofMillis(10000), Duration.ofMillis(3000), Duration.ofMillis(500))',
    );
    expect(exportJava(windowed('slidingWindow', { time: 'processing' })).java).toContain(
      'SlidingProcessingTimeWindows.of(Duration.ofMillis(10000), Duration.ofMillis(5000))',
    );
    expect(exportJava(windowed('sessionWindow', { gap: 3000 })).java).toContain(
      'EventTimeSessionWindows.withGap(Duration.ofMillis(3000))',
    );
    const global = exportJava(windowed('globalWindow', {})).java;
    expect(global).toContain('.window(GlobalWindows.create())');
    expect(global).toContain('.trigger(PurgingTrigger.of(CountTrigger.of(3)))');
    expect(exportJava(windowed('countWindow', { size: 5, slide: 2 })).java).toContain(
      '.countWindow(5, 2)',
    );
    expect(exportJava(windowed('countWindow', { size: 4 })).java).toContain('.countWindow(4)');
  });

  test('each window function becomes an AggregateFunction or a process function', () => {
    const cases: [Record<string, unknown>, string[]][] = [
      [{ type: 'count' }, ['AggregateFunction<Event<Long>, Long, Long>', 'return acc + 1;']],
      [{ type: 'sum' }, ['return acc + e.value;']],
      [{ type: 'min' }, ['return acc == null ? e.value : Math.min(acc, e.value);']],
      [{ type: 'max' }, ['Math.max(acc, e.value)']],
      [
        { type: 'average' },
        ['AggregateFunction<Event<Long>, double[], Double>', 'return acc[0] / acc[1];'],
      ],
      [
        { type: 'reduce', expression: 'a > b ? a : b' },
        ['private static Long reduce(Long a, Long b) {', 'return a > b ? a : b;'],
      ],
      [
        { type: 'aggregate', create: '0', add: 'acc + value', merge: 'a + b', result: 'acc / 2' },
        [
          'return 0L;',
          'return acc + e.value;',
          'return a + b;',
          'return (double) acc / 2L;',
          'AggregateFunction<Event<Long>, Long, Double>',
        ],
      ],
      [
        { type: 'process', expression: 'elements.length' },
        [
          'extends ProcessWindowFunction<Event<Long>, Event<Object>, String, TimeWindow>',
          'Job.<Object>todo(',
        ],
      ],
    ];
    for (const [fn, snippets] of cases) {
      const { java, result } = exportJava(windowed('tumblingWindow', { function: fn }));
      for (const s of snippets) expect(java).toContain(s);
      if (fn.type === 'process') expect(result.notes.some((n) => n.nodeId === 'win')).toBe(true);
    }
  });

  test('a non-keyed window uses windowAll', () => {
    const d = doc({
      nodes: [
        gen('src'),
        { id: 'win', kind: 'tumblingWindow', config: { nonKeyed: true } },
        { id: 'out', kind: 'logSink' },
      ],
      edges: [edge('src', 'win'), edge('win', 'out')],
    });
    const { java } = exportJava(d);
    expect(java).toContain('src.windowAll(TumblingEventTimeWindows.of(Duration.ofMillis(5000)))');
    expect(java).toContain('new EmitAllWindowResult<>()');
  });

  test('a Watermarks node with idleness and its own timestamp expression', () => {
    const d = doc({
      nodes: [
        gen('src', { watermarks: { type: 'none' } }),
        {
          id: 'wm',
          kind: 'watermarks',
          name: 'Stamps',
          config: {
            timestamp: 'timestamp - 1000',
            strategy: { type: 'boundedOutOfOrderness', maxOutOfOrderness: 500, idleness: 2000 },
          },
        },
        { id: 'out', kind: 'logSink' },
      ],
      edges: [edge('src', 'wm'), edge('wm', 'out')],
    });
    const { java } = exportJava(d);
    expect(java).toContain('WatermarkStrategy.<Event<Long>>noWatermarks()');
    expect(java).toContain('.map(e -> Event.of(e.key, e.value, e.timestamp - 1000L))');
    expect(java).toContain('.uid("wm-timestamps")');
    expect(java).toContain('forBoundedOutOfOrderness(Duration.ofMillis(500))');
    expect(java).toContain('.withIdleness(Duration.ofMillis(2000))');
    expect(java).toContain('.uid("wm")');
  });

  test('union, parallelism per operator, rebalance and broadcast', () => {
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
    const { java } = exportJava(d);
    expect(java).toContain('DataStream<Event<Long>> u = a.union(b);');
    expect(java).toContain('u.rebalance().filter(e -> e.value > 3L && !e.key.equals("key-1"))');
    expect(java).toContain('.setParallelism(4)');
    expect(java).toContain('f.broadcast().print("out")');
    expect(java).toContain('RateLimiterStrategy.perSecond(20)');
  });

  test('checkpointing, restart strategy, runtime mode and max parallelism', () => {
    const d = doc({
      settings: {
        runtimeMode: 'BATCH',
        maxParallelism: 256,
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
    const { java } = exportJava(d);
    for (const line of [
      'env.enableCheckpointing(2000L, CheckpointingMode.AT_LEAST_ONCE);',
      'env.getCheckpointConfig().setCheckpointTimeout(30000L);',
      'env.getCheckpointConfig().setMinPauseBetweenCheckpoints(500L);',
      'env.getCheckpointConfig().enableUnalignedCheckpoints(true);',
      'config.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 2);',
      'config.set(RestartStrategyOptions.RESTART_STRATEGY, "failure-rate");',
      'config.set(RestartStrategyOptions.RESTART_STRATEGY_FAILURE_RATE_MAX_FAILURES_PER_INTERVAL, 4);',
      'env.setRuntimeMode(RuntimeExecutionMode.BATCH);',
      'env.setMaxParallelism(256);',
      'import org.apache.flink.core.execution.CheckpointingMode;',
    ])
      expect(java).toContain(line);
  });

  test('timeline and file sources, record values and field access', () => {
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
        { id: 'big', kind: 'filter', config: { expression: 'value.amount >= 3' } },
        {
          id: 'cents',
          kind: 'map',
          config: { expression: '{ user: value.user, cents: value.amount * 100 }' },
        },
        { id: 'o1', kind: 'tableSink' },
        { id: 'o2', kind: 'chartSink' },
      ],
      edges: [edge('tl', 'o1'), edge('orders', 'big'), edge('big', 'cents'), edge('cents', 'o2')],
    });
    const { java } = exportJava(d);
    expect(java).toContain('Event.of("a", 3L, 1000L)');
    expect(java).toContain('Event.of(null, 4L, 1200L)');
    expect(java).toContain('new ScriptedWatermarks<>(new long[] {1500L, Long.MIN_VALUE})');
    expect(java).toContain('FileSource.forRecordStreamFormat(');
    expect(java).toContain('new Path("file:///TODO/path/to/orders.csv")');
    expect(java).toContain('.filter(e -> ((Number) e.value.get("amount")).doubleValue() >= 3L)');
    expect(java).toContain(
      'Map.<String, Object>of("user", ((String) e.value.get("user")), "cents", ((Number) e.value.get("amount")).doubleValue() * 100L)',
    );
  });

  test('an untranslatable expression is a TODO that compiles and fails at run time, and a note', () => {
    const d = doc({
      nodes: [
        gen('src'),
        { id: 'm', kind: 'map', config: { expression: 'value.toFixed(2)' } },
        { id: 'k', kind: 'keyBy', config: { expression: '`k${value}`' } },
        { id: 'out', kind: 'logSink' },
      ],
      edges: [edge('src', 'm'), edge('m', 'k'), edge('k', 'out', { partitioning: 'hash' })],
    });
    const { java, result } = exportJava(d);
    expect(java).toContain('Job.<Object>todo("the Map expression of node m: value.toFixed(2)")');
    expect(java).toContain('Job.<String>todo(');
    expect(result.notes.filter((n) => n.nodeId === 'm' || n.nodeId === 'k')).toHaveLength(2);
  });

  test("a node's chaining becomes Flink's startNewChain() or disableChaining() on its operator", () => {
    const d = doc({
      nodes: [
        { ...gen('src'), chaining: 'disableChaining' },
        { id: 'm', kind: 'map', chaining: 'startNewChain', config: { expression: 'value + 1' } },
        { id: 'f', kind: 'filter', config: { expression: 'value > 1' } },
        {
          id: 'w',
          kind: 'watermarks',
          chaining: 'startNewChain',
          config: { timestamp: 'value * 1000' },
        },
        { id: 'out', kind: 'logSink', chaining: 'disableChaining' },
      ],
      edges: [edge('src', 'm'), edge('m', 'f'), edge('f', 'w'), edge('w', 'out')],
    });
    const { java } = exportJava(d);
    // Each call follows the operator's name, where the statement ends.
    expect(java).toMatch(/\.name\("src"\)\s*\.disableChaining\(\);/);
    expect(java).toMatch(/\.name\("m"\)\s*\.startNewChain\(\);/);
    expect(java).toMatch(/\.name\("f"\);/);
    // The Watermarks node is a timestamp map, then the assigner: the map starts the new chain,
    // the assigner stays chained to it.
    expect(java).toMatch(/\.name\("w \(timestamps\)"\)\s*\.startNewChain\(\)/);
    expect(java).toMatch(/\.name\("w"\);/);
    expect(java).toMatch(/\.print\("out"\)[^;]*\.name\("out"\)\s*\.disableChaining\(\);/);
    expect(java.match(/\.startNewChain\(\)/g)).toHaveLength(2);
    expect(java.match(/\.disableChaining\(\)/g)).toHaveLength(2);
  });

  test('without chaining fields the export has no chaining calls', () => {
    const { java } = exportJava(exampleDocument());
    expect(java).not.toMatch(/startNewChain|disableChaining/);
  });
});
