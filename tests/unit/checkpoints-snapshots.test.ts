/**
 * Compact operator snapshots (issue #7): the window operator, the keyed process function and the
 * two joins snapshot their state instead of a replay log of their input. Their restore must give
 * an operator that behaves exactly like the one it was taken from, and a long run's checkpoints
 * must not grow with the number of records.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  MIN_WATERMARK,
  type Key,
  type Operator,
  type OperatorContext,
  type PaneInfo,
  type Timer,
} from '../../src/lib/engine';
import { compileExpression } from '../../src/lib/engine/expressions';
import { OPERATORS } from '../../src/lib/engine/operators/index';
import { decodeState, encodeState } from '../../src/lib/engine/checkpoints/format';
import { SinkLedger } from '../../src/lib/engine/checkpoints/ledger';
import { makeDoc } from './engine-helpers';
import { canonical, keyedSum, runAll } from './checkpoints-helpers';

/** A subtask context that keeps timers and outputs, as the runtime would (one subtask). */
class Harness {
  now = 0;
  wm = MIN_WATERMARK;
  readonly out: unknown[] = [];
  timers = new Map<string, Timer & { seq: number }>();
  seq = 0;
  readonly ctx: OperatorContext;

  constructor(readonly op: Operator) {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const h = this;
    const id = (d: string, t: number, k: Key, ns: string) => `${d}|${t}|${String(k)}|${ns}`;
    const add = (domain: 'event' | 'processing', time: number, key: Key, namespace = '') => {
      const i = id(domain, time, key, namespace);
      if (!h.timers.has(i)) h.timers.set(i, { domain, time, key, namespace, seq: h.seq++ });
    };
    const del = (domain: 'event' | 'processing', time: number, key: Key, namespace = '') =>
      h.timers.delete(id(domain, time, key, namespace));
    this.ctx = {
      nodeId: 'op',
      subtask: 0,
      parallelism: 1,
      get now() {
        return h.now;
      },
      get currentWatermark() {
        return h.wm;
      },
      tracing: false,
      timers: {
        registerEventTimeTimer: (t, k, ns) => add('event', t, k, ns),
        deleteEventTimeTimer: (t, k, ns) => del('event', t, k, ns),
        registerProcessingTimeTimer: (t, k, ns) => add('processing', t, k, ns),
        deleteProcessingTimeTimer: (t, k, ns) => del('processing', t, k, ns),
      },
      emit: (k: Key, v: unknown, ts: number | null, pane?: PaneInfo | null) =>
        h.out.push(['out', k, v, ts, pane ?? null]),
      sideOutput: (_tag, k, v, ts) => h.out.push(['late', k, v, ts]),
      emitWatermark: () => undefined,
      emitIdle: () => undefined,
      trace: () => undefined,
      error: (m) => h.out.push(['error', m]),
    };
  }

  private fire(domain: 'event' | 'processing', upTo: number): void {
    for (;;) {
      let next: (Timer & { seq: number }) | null = null;
      let nextId = '';
      for (const [i, t] of this.timers)
        if (t.domain === domain && t.time <= upTo)
          if (!next || t.time < next.time || (t.time === next.time && t.seq < next.seq)) {
            next = t;
            nextId = i;
          }
      if (!next) return;
      this.timers.delete(nextId);
      this.op.onTimer?.(next, this.ctx);
    }
  }

  apply(step: Step): void {
    switch (step.t) {
      case 'rec':
        this.op.processRecord(
          step.port,
          { key: step.key, value: step.value, timestamp: step.ts, pane: null },
          this.ctx,
        );
        break;
      case 'wm':
        this.wm = step.wm;
        this.fire('event', step.wm);
        this.op.onWatermark?.(step.wm, this.ctx);
        break;
      case 'time':
        this.now += step.by;
        this.fire('processing', this.now);
        break;
    }
  }

  /** A copy of this subtask whose operator is a fresh one restored from `state` (as bytes). */
  restoredInto(fresh: Operator, bytes: Uint8Array): Harness {
    const h = new Harness(fresh);
    h.now = this.now;
    h.wm = this.wm;
    h.seq = this.seq;
    h.timers = new Map([...this.timers].map(([k, t]) => [k, { ...t }]));
    fresh.restore!(decodeState(bytes) as never);
    return h;
  }
}

type Step =
  | { t: 'rec'; port: string; key: string; value: number; ts: number }
  | { t: 'wm'; wm: number }
  | { t: 'time'; by: number };

/** Turns random relative steps into a script with rising watermarks, some records late. */
function script(raw: [number, number, number, number][], twoInputs: boolean): Step[] {
  const out: Step[] = [];
  let wm = 0;
  let t = 0;
  for (const [kind, a, b, c] of raw) {
    if (kind < 6) {
      t += a % 700;
      const ts = Math.max(0, t - (b % 2500));
      out.push({
        t: 'rec',
        port: twoInputs ? (c % 2 === 0 ? 'left' : 'right') : 'main',
        key: ['a', 'b', 'c'][c % 3],
        value: b % 10,
        ts,
      });
    } else if (kind < 8) {
      wm = Math.max(wm, t - (a % 1500));
      out.push({ t: 'wm', wm });
    } else out.push({ t: 'time', by: a % 1500 });
  }
  out.push({ t: 'wm', wm: wm + 60_000 });
  return out;
}

const PROCESS = `
const n = state.value('n');
n.update((n.value() ?? 0) + value);
state.list('seen').add(value);
state.map('byTs').put(ctx.timestamp() % 3, value);
if (value % 3 === 0) ctx.timerService().registerEventTimeTimer(ctx.timestamp() + 1000);
if (value % 4 === 0) ctx.timerService().registerProcessingTimeTimer(ctx.currentProcessingTime() + 700);
if (value === 7) ctx.timerService().deleteEventTimeTimer(ctx.timestamp() + 1000);`;
const ON_TIMER = `out.collect([timestamp, ctx.timeDomain(), state.value('n').value(), state.list('seen').get().length, state.map('byTs').entries()]);
if (ctx.timeDomain() === 'EVENT_TIME') state.list('seen').clear();`;

const KINDS: { name: string; kind: string; config: Record<string, unknown>; two?: boolean }[] = [
  {
    name: 'tumbling window, process function',
    kind: 'tumblingWindow',
    config: {
      size: 2000,
      allowedLateness: 800,
      function: { type: 'process', expression: 'elements.join(",")' },
    },
  },
  {
    name: 'sliding window, sum',
    kind: 'slidingWindow',
    config: { size: 3000, slide: 1000, function: { type: 'sum' } },
  },
  {
    name: 'session window, average (merging accumulators)',
    kind: 'sessionWindow',
    config: { gap: 900, allowedLateness: 500, function: { type: 'average' } },
  },
  {
    name: 'session window, process with evictor (merging elements)',
    kind: 'sessionWindow',
    config: {
      gap: 900,
      function: { type: 'process', expression: 'elements' },
      evictor: { type: 'count', count: 3 },
    },
  },
  {
    name: 'tumbling window, continuous event-time trigger (trigger state)',
    kind: 'tumblingWindow',
    config: {
      size: 4000,
      trigger: { type: 'continuousEventTime', interval: 1000 },
      function: { type: 'reduce', expression: 'a + b' },
    },
  },
  {
    name: 'processing-time tumbling window, count trigger',
    kind: 'tumblingWindow',
    config: {
      time: 'processing',
      size: 2500,
      trigger: { type: 'count', count: 2 },
      function: { type: 'max' },
    },
  },
  {
    name: 'count window with slide',
    kind: 'countWindow',
    config: { size: 3, slide: 2, function: { type: 'sum' } },
  },
  {
    name: 'process function: keyed state and both timer kinds',
    kind: 'processFunction',
    config: { processElement: PROCESS, onTimer: ON_TIMER },
  },
  {
    name: 'tumbling window join',
    kind: 'windowJoin',
    two: true,
    config: { assigner: 'tumbling', size: 2000, expression: 'left + ":" + right' },
  },
  {
    name: 'session window join',
    kind: 'windowJoin',
    two: true,
    config: { assigner: 'session', gap: 800, expression: '[left, right]' },
  },
  {
    name: 'interval join',
    kind: 'intervalJoin',
    two: true,
    config: { lowerBound: -500, upperBound: 800, expression: 'left * 10 + right' },
  },
];

function factoryOf(kind: string, config: Record<string, unknown>, two: boolean) {
  const doc = makeDoc(
    [
      { id: 'src', kind: 'timeline', config: { steps: [] } },
      { id: 'src2', kind: 'timeline', config: { steps: [] } },
      { id: 'k', kind: 'keyBy', config: { expression: 'key' } },
      { id: 'k2', kind: 'keyBy', config: { expression: 'key' } },
      { id: 'op', kind, config },
    ],
    [
      { from: 'src', to: 'k' },
      { from: 'src2', to: 'k2' },
      ...(two
        ? [
            { from: 'k', to: 'op', toPort: 'left', partitioning: 'hash' as const },
            { from: 'k2', to: 'op', toPort: 'right', partitioning: 'hash' as const },
          ]
        : [{ from: 'k', to: 'op', partitioning: 'hash' as const }]),
    ],
  );
  const node = doc.nodes.find((n) => n.id === 'op')!;
  const ledger = new SinkLedger(Number.POSITIVE_INFINITY, false);
  return OPERATORS[kind](node, {
    settings: doc.settings,
    sinkLimit: Number.POSITIVE_INFINITY,
    maxParallelism: 128,
    compile: (e, f) => compileExpression(e, node.id, f),
    sinkOutput: () => ledger.out,
    sinkLedger: () => ledger,
  });
}

const steps = fc.array(fc.tuple(fc.nat(9), fc.nat(10_000), fc.nat(10_000), fc.nat(100)), {
  minLength: 5,
  maxLength: 80,
});

describe('operator snapshot and restore round-trip', () => {
  for (const { name, kind, config, two } of KINDS) {
    it(`${name}: a restored operator snapshots the same and goes on exactly as the original`, () => {
      const make = factoryOf(kind, config, !!two);
      fc.assert(
        fc.property(steps, fc.nat(100), (raw, cutAt) => {
          const s = script(raw, !!two);
          const cut = cutAt % (s.length + 1);
          const original = new Harness(make(0));
          original.op.open?.(original.ctx);
          for (const step of s.slice(0, cut)) original.apply(step);
          const state = original.op.snapshot!(1);
          // Plain data, not a replay log of the input.
          expect(Array.isArray(state)).toBe(false);
          const bytes = encodeState(state);
          const restored = original.restoredInto(make(0), bytes);
          expect(decodeState(encodeState(restored.op.snapshot!(2)))).toEqual(decodeState(bytes));
          expect(restored.op.inspect?.()).toEqual(original.op.inspect?.());
          const before = original.out.length;
          for (const step of s.slice(cut)) {
            original.apply(step);
            restored.apply(step);
          }
          expect(restored.out).toEqual(original.out.slice(before));
          expect([...restored.timers.keys()].sort()).toEqual([...original.timers.keys()].sort());
        }),
        { numRuns: 60, seed: 7 },
      );
    });
  }

  it('a checkpoint of an earlier version (the replay log) still restores', () => {
    const make = factoryOf('sessionWindow', { gap: 900, function: { type: 'sum' } }, false);
    const original = new Harness(make(0));
    original.op.open?.(original.ctx);
    const log: unknown[] = [['open', 0, MIN_WATERMARK]];
    for (const [ts, v] of [
      [100, 1],
      [500, 2],
      [3000, 4],
    ]) {
      original.apply({ t: 'rec', port: 'main', key: 'a', value: v, ts });
      log.push(['record', 0, MIN_WATERMARK, 'main', 'a', v, ts, null]);
    }
    const restored = original.restoredInto(make(0), encodeState(log));
    expect(restored.op.inspect?.()).toEqual(original.op.inspect?.());
  });
});

describe('checkpoint size of a long windowed run', () => {
  it('stays bounded: the window subtask snapshot does not grow with the number of records', () => {
    const sim = runAll(keyedSum({ guarantee: 'exactly-once', interval: 1000, count: 3000 }));
    const sizes = sim
      .faultTolerance()
      .checkpoints.filter((c) => c.status === 'COMPLETED')
      .map((c) => c.subtasks.find((s) => s.node === 'w')!.size);
    // 3000 records over 300 s: 50 kept checkpoints (the history), from about 250 s on.
    expect(sizes.length).toBeGreaterThan(40);
    // A tumbling sum keeps one accumulator (and timer) per key and open window: under 1 kB.
    expect(Math.max(...sizes)).toBeLessThan(1000);
    // 30 times the records, about the same size as the checkpoints of a short run of the job.
    const short = runAll(keyedSum({ guarantee: 'exactly-once', interval: 1000, count: 100 }));
    const early = short
      .faultTolerance()
      .checkpoints.map((c) => c.subtasks.find((s) => s.node === 'w')!.size);
    // (Only the numbers get longer: times of 300 000 ms have more digits than 6 000.)
    expect(Math.max(...sizes)).toBeLessThan(Math.max(...early) * 1.2);
  });

  it('a long run restored after failures still equals the failure-free run', () => {
    const clean = canonical(
      runAll(keyedSum({ guarantee: 'exactly-once', count: 3000 }))
        .sinkRecords()
        .get('out')!,
    );
    const failed = runAll(
      keyedSum({
        guarantee: 'exactly-once',
        interval: 1000,
        count: 3000,
        failures: [{ at: 120_300, node: 'w' }, { at: 250_700 }],
      }),
    );
    expect(failed.faultTolerance().restores.map((r) => r.checkpoint !== null)).toEqual([
      true,
      true,
    ]);
    expect(canonical(failed.sinkRecords().get('out')!)).toEqual(clean);
  });
});

describe('window results in flight', () => {
  /** Two windows' results meet in a slow union (queues fill), then an exactly-once sink. */
  function twoWindows(unaligned: boolean, failures: { at: number; node?: string }[]) {
    return makeDoc(
      [
        {
          id: 'src',
          kind: 'generator',
          config: {
            rate: 20,
            count: 600,
            keys: { count: 4, prefix: 'k' },
            values: { min: 1, max: 9, integer: true },
            outOfOrderness: { distribution: 'uniform', max: 300 },
            watermarks: { type: 'boundedOutOfOrderness', maxOutOfOrderness: 300 },
          },
        },
        { id: 'key', kind: 'keyBy', config: { expression: 'key' } },
        { id: 'w1', kind: 'tumblingWindow', config: { size: 1000, function: { type: 'sum' } } },
        {
          id: 'w2',
          kind: 'slidingWindow',
          config: { size: 2000, slide: 1000, function: { type: 'count' } },
        },
        { id: 'u', kind: 'union', costMs: 40 },
        { id: 'out', kind: 'tableSink', config: { guarantee: 'exactly-once' } },
      ],
      [
        { from: 'src', to: 'key' },
        { from: 'key', to: 'w1', partitioning: 'hash' },
        { from: 'key', to: 'w2', partitioning: 'hash' },
        { from: 'w1', to: 'u' },
        { from: 'w2', to: 'u' },
        { from: 'u', to: 'out' },
      ],
      {
        seed: 3,
        checkpointing: { enabled: failures.length > 0, interval: 700, unaligned },
        failures,
        restartStrategy: { type: 'fixedDelay', attempts: 10, delay: 100 },
      },
    );
  }
  const rows = (doc: ReturnType<typeof twoWindows>) =>
    runAll(doc)
      .sinkRecords()
      .get('out')!
      .map(
        (r) =>
          `${String(r.key)}@${r.timestamp}=${JSON.stringify(r.value)} ${r.window?.start}-${r.window?.end} ${r.firing}`,
      )
      .sort();

  it('keep their window and firing through aligned and unaligned checkpoints and restores', () => {
    const clean = rows(twoWindows(false, []));
    expect(clean.every((r) => !r.includes('undefined'))).toBe(true);
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.uniqueArray(fc.integer({ min: 500, max: 29_000 }), { minLength: 1, maxLength: 3 }),
        (unaligned, times) => {
          const failures = times.map((at, i) => ({ at, node: ['u', 'w1', 'out'][i % 3] }));
          expect(rows(twoWindows(unaligned, failures))).toEqual(clean);
        },
      ),
      { numRuns: 25, seed: 11 },
    );
  });
});
