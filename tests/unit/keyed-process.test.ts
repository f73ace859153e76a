import { describe, expect, it } from 'vitest';
import { createSimulation, setExpressionProbe, type TraceEvent } from '../../src/lib/engine';
import { processFunctionOperator } from '../../src/lib/engine/operators/processFunction';
import type { OperatorContext, OperatorSetup } from '../../src/lib/engine/operators/types';
import { adv, end, makeDoc, rec, wm } from './engine-helpers';

/** timeline → keyBy(key) → process function → sink. */
function processed(steps: unknown[], config: Record<string, unknown> = {}) {
  return makeDoc(
    [
      { id: 'src', kind: 'timeline', config: { steps } },
      { id: 'k', kind: 'keyBy', config: { expression: 'key' } },
      { id: 'p', kind: 'processFunction', config },
      { id: 'out', kind: 'tableSink' },
    ],
    [
      { from: 'src', to: 'k' },
      { from: 'k', to: 'p', partitioning: 'hash' },
      { from: 'p', to: 'out' },
    ],
  );
}

function run(doc: ReturnType<typeof processed>, trace = false) {
  const sim = createSimulation(doc, { trace });
  sim.run();
  const rows = (sim.sinkRecords().get('out') ?? []).map((r) => ({
    key: r.key,
    value: r.value,
    timestamp: r.timestamp,
    at: r.processingTime,
  }));
  return { sim, rows };
}

describe('process function (KeyedProcessFunction)', () => {
  it('the default counts per key in a ValueState and emits on an event-time timer 5 s after the last element, at the watermark reaching it, with the timer timestamp', () => {
    const { rows } = run(
      processed([
        rec(1000, 'x', 'a'),
        rec(2000, 'y', 'a'), // moves a's timeout from 6000 to 7000
        rec(1500, 'z', 'b'), // b's timeout: 6500
        adv(10),
        wm(6499),
        adv(10),
        wm(6500), // b fires
        adv(10),
        wm(6999),
        adv(10),
        wm(7000), // a fires
        adv(10),
        rec(8000, 'w', 'a'), // the count started again after the firing
        end, // the maximum watermark fires a's new timer at 13000
      ]),
    );
    expect(rows).toEqual([
      { key: 'b', value: 1, timestamp: 6500, at: 20 },
      { key: 'a', value: 2, timestamp: 7000, at: 40 },
      { key: 'a', value: 1, timestamp: 13000, at: 50 },
    ]);
  });

  it('processing-time timers fire when the clock reaches them; their output has no timestamp; ListState keeps elements per key', () => {
    const { rows } = run(
      processed([rec(1, 'a1', 'a'), adv(50), rec(2, 'a2', 'a'), rec(3, 'b1', 'b'), adv(250), end], {
        processElement: `state.list('seen').add(value);
ctx.timerService().registerProcessingTimeTimer(ctx.currentProcessingTime() + 100);`,
        onTimer: `out.collect({ domain: ctx.timeDomain(), at: timestamp, now: ctx.currentProcessingTime(), seen: state.list('seen').get() });
state.list('seen').clear();`,
      }),
    );
    expect(rows).toEqual([
      {
        key: 'a',
        value: { domain: 'PROCESSING_TIME', at: 100, now: 100, seen: ['a1', 'a2'] },
        timestamp: null,
        at: 100,
      },
      {
        key: 'a',
        value: { domain: 'PROCESSING_TIME', at: 150, now: 150, seen: [] },
        timestamp: null,
        at: 150,
      },
      {
        key: 'b',
        value: { domain: 'PROCESSING_TIME', at: 150, now: 150, seen: ['b1'] },
        timestamp: null,
        at: 150,
      },
    ]);
  });

  it('a deleted timer does not fire; registering the same time twice gives one timer', () => {
    const doc = processed(
      [rec(1000, 'go', 'a'), rec(1000, 'go', 'b'), rec(1200, 'cancel', 'b'), end],
      {
        processElement: `const ts = ctx.timerService();
if (value === 'cancel') ts.deleteEventTimeTimer(5000);
else { ts.registerEventTimeTimer(5000); ts.registerEventTimeTimer(5000); }`,
        onTimer: `out.collect(ctx.timeDomain() + ' at ' + timestamp + ' wm ' + ctx.currentWatermark());`,
      },
    );
    const { sim, rows } = run(doc, true);
    expect(rows.map(({ key, value, timestamp }) => ({ key, value, timestamp }))).toEqual([
      { key: 'a', value: `EVENT_TIME at 5000 wm ${Number.MAX_SAFE_INTEGER}`, timestamp: 5000 },
    ]);
    const timers = sim
      .trace()
      .events.filter((e): e is Extract<TraceEvent, { type: 'timer' }> => e.type === 'timer')
      .map((e) => [e.key, e.action, e.domain, e.at]);
    expect(timers).toEqual([
      ['a', 'set', 'event', 5000],
      ['b', 'set', 'event', 5000],
      ['b', 'delete', 'event', 5000],
      ['a', 'fire', 'event', 5000],
    ]);
  });

  it('MapState counts words per key; ValueState update(null) clears; state reads and writes are traced', () => {
    const doc = processed(
      [
        rec(1, 'x', 'a'),
        rec(2, 'y', 'a'),
        rec(3, 'x', 'a'),
        rec(4, 'x', 'b'),
        rec(5, 'reset', 'a'),
        end,
      ],
      {
        processElement: `const words = state.map('words');
if (value === 'reset') { words.remove('x'); state.value('last').update(null); }
else { words.put(value, (words.get(value) ?? 0) + 1); state.value('last').update(value); }
out.collect({ entries: words.entries(), keys: words.keys(), hasX: words.contains('x'), last: state.value('last').value() });`,
        onTimer: '',
      },
    );
    const { sim, rows } = run(doc, true);
    expect(rows.map((r) => [r.key, r.value, r.timestamp])).toEqual([
      ['a', { entries: [['x', 1]], keys: ['x'], hasX: true, last: 'x' }, 1],
      [
        'a',
        {
          entries: [
            ['x', 1],
            ['y', 1],
          ],
          keys: ['x', 'y'],
          hasX: true,
          last: 'y',
        },
        2,
      ],
      [
        'a',
        {
          entries: [
            ['x', 2],
            ['y', 1],
          ],
          keys: ['x', 'y'],
          hasX: true,
          last: 'x',
        },
        3,
      ],
      ['b', { entries: [['x', 1]], keys: ['x'], hasX: true, last: 'x' }, 4],
      ['a', { entries: [['y', 1]], keys: ['y'], hasX: false, last: null }, 5],
    ]);
    const first = sim
      .trace()
      .events.filter((e): e is Extract<TraceEvent, { type: 'state' }> => e.type === 'state')
      .slice(0, 3)
      .map((e) => ({
        key: e.key,
        action: e.action,
        state: e.state,
        stateType: e.stateType,
        method: e.method,
        value: e.value,
        mapKey: e.mapKey,
      }));
    expect(first).toEqual([
      {
        key: 'a',
        action: 'read',
        state: 'words',
        stateType: 'map',
        method: 'get',
        value: null,
        mapKey: 'x',
      },
      {
        key: 'a',
        action: 'write',
        state: 'words',
        stateType: 'map',
        method: 'put',
        value: 1,
        mapKey: 'x',
      },
      {
        key: 'a',
        action: 'write',
        state: 'last',
        stateType: 'value',
        method: 'update',
        value: 'x',
        mapKey: undefined,
      },
    ]);
  });

  it('MapState keys are compared by value, as Flink compares serialized keys', () => {
    const { rows } = run(
      processed([rec(1, 'x', 'a'), rec(2, 'y', 'a'), end], {
        processElement: `const m = state.map('byPair');
m.put({ k: getKey() }, (m.get({ k: getKey() }) ?? 0) + 1);
out.collect(m.entries());
function getKey() { return ctx.getCurrentKey(); }`,
        onTimer: '',
      }),
    );
    expect(rows.map((r) => r.value)).toEqual([[[{ k: 'a' }, 1]], [[{ k: 'a' }, 2]]]);
  });

  it('an error in user code is reported with the node and the run goes on; a syntax error names node and field', () => {
    const doc = processed([rec(1, 'ok', 'a'), rec(2, 'bad', 'a'), rec(3, 'ok', 'a'), end], {
      processElement: `if (value === 'bad') throw new Error('boom'); out.collect(value);`,
      onTimer: '',
    });
    const { sim, rows } = run(doc);
    expect(rows.map((r) => r.value)).toEqual(['ok', 'ok']);
    expect(sim.errors().map((e) => e.message)).toEqual([
      'node p (subtask 0): processElement threw Error: boom; the element is skipped',
    ]);
    expect(() =>
      createSimulation(processed([end], { processElement: 'out.collect(', onTimer: '' })),
    ).toThrow(/node p, config.processElement: the code does not compile/);
    const mixed = processed([rec(1, 'x', 'a'), end], {
      processElement: `state.value('s').update(1); state.list('s').add(2);`,
      onTimer: '',
    });
    const r = run(mixed);
    expect(r.sim.errors()[0].message).toMatch(
      /the state "s" is a ValueState; it cannot also be used as a ListState/,
    );
  });

  it('the diagnose probe is told before each call of the user code (to name a runaway function)', () => {
    const seen: string[] = [];
    setExpressionProbe((node) => seen.push(node));
    try {
      run(
        processed([rec(1, 'x', 'a'), end], { processElement: 'out.collect(value);', onTimer: '' }),
      );
    } finally {
      setExpressionProbe(null);
    }
    expect(seen.filter((n) => n === 'p')).toEqual(['p']);
  });

  it('an error in onTimer is reported with the timer and the run goes on', () => {
    const { sim, rows } = run(
      processed([rec(1000, 'x', 'a'), rec(2000, 'y', 'b'), end], {
        processElement: 'ctx.timerService().registerEventTimeTimer(ctx.timestamp() + 1);',
        onTimer: "if (ctx.getCurrentKey() === 'a') throw new TypeError('bad'); out.collect('ok');",
      }),
    );
    expect(rows.map((r) => [r.key, r.value, r.timestamp])).toEqual([['b', 'ok', 2001]]);
    expect(sim.errors().map((e) => e.message)).toEqual([
      'node p (subtask 0): onTimer threw TypeError: bad (timer at 1001)',
    ]);
  });

  it('inspect() shows each key\u2019s state and the pending timers', () => {
    const node = processed([end]).nodes.find((n) => n.id === 'p')!;
    const op = processFunctionOperator(node, {
      compile: () => () => null,
    } as unknown as OperatorSetup)(0);
    const timers: string[] = [];
    const ctx = {
      nodeId: 'p',
      subtask: 0,
      parallelism: 1,
      now: 0,
      currentWatermark: Number.MIN_SAFE_INTEGER,
      tracing: false,
      timers: {
        registerEventTimeTimer: (t: number, k: string) => timers.push(`set ${k} ${t}`),
        deleteEventTimeTimer: (t: number, k: string) => timers.push(`delete ${k} ${t}`),
        registerProcessingTimeTimer: () => {},
        deleteProcessingTimeTimer: () => {},
      },
      emit: () => {},
      sideOutput: () => {},
      emitWatermark: () => {},
      emitIdle: () => {},
      trace: () => {},
      error: (m: string) => {
        throw new Error(m);
      },
    } as unknown as OperatorContext;
    op.processRecord('main', { key: 'a', value: 'x', timestamp: 1000, pane: null }, ctx);
    op.processRecord('main', { key: 'a', value: 'y', timestamp: 2000, pane: null }, ctx);
    op.processRecord('main', { key: 'b', value: 'z', timestamp: 500, pane: null }, ctx);
    expect(timers).toEqual(['set a 6000', 'delete a 6000', 'set a 7000', 'set b 5500']);
    expect(op.inspect!()).toEqual({
      keys: [
        {
          key: 'a',
          state: { count: { type: 'value', value: 2 }, lastSeen: { type: 'value', value: 2000 } },
        },
        {
          key: 'b',
          state: { count: { type: 'value', value: 1 }, lastSeen: { type: 'value', value: 500 } },
        },
      ],
      timers: [
        { domain: 'event', time: 5500, key: 'b' },
        { domain: 'event', time: 7000, key: 'a' },
      ],
    });
  });

  it('an onTimer that keeps registering timers already due is stopped and named, not left to loop', () => {
    // At the end of input the watermark is +∞: every timer is due at once, and this onTimer
    // registers one more each time (in Flink the task would loop here forever).
    const { sim, rows } = run(
      processed([rec(1000, 'x', 'a'), end], {
        processElement: 'ctx.timerService().registerEventTimeTimer(ctx.timestamp() + 10);',
        onTimer: 'ctx.timerService().registerEventTimeTimer(ctx.timestamp() + 1);',
      }),
    );
    expect(rows).toEqual([]);
    expect(sim.finished).toBe(true);
    expect(sim.errors().map((e) => [e.node, e.message])).toEqual([
      [
        'p',
        'node p (subtask 0): onTimer keeps registering event-time timers that are already due: stopped after 100000 of them, the due ones left are dropped (Flink would loop here forever)',
      ],
    ]);
  });
});
