/**
 * Runs the engine cases (engine-cases.ts): the engine with trace off and on, the hand-written
 * loop and (1a) RxJS, in this process, and checks that every result is the loop's.
 */
import { createSimulation } from '../../src/lib/engine';
import {
  checkpointCase,
  difference,
  mapFilterCase,
  parallelCase,
  slidingCase,
  tumblingCase,
  type EngineCase,
  type Result,
} from './engine-cases';

/**
 * A measurement: wall-clock ms, and the CPU ms this process used meanwhile (user + system, all
 * its threads, so garbage collection included). On a shared machine other processes stretch the
 * wall time; the CPU time is what the code itself costs. Events per second are given for both.
 */
export interface Timing {
  ms: number;
  cpuMs: number;
  eventsPerSecond: number;
  eventsPerCpuSecond: number;
}

export interface CaseFigures {
  id: string;
  title: string;
  events: number;
  traceOff: Timing;
  traceOn: Timing & { events: number };
  loop: Timing;
  rxjs?: Timing;
  /** Loop CPU time / engine CPU time (1 = as fast as the loop). */
  ratioTraceOffToLoop: number;
  ratioTraceOnToLoop: number;
  ratioTraceOffToRxjs?: number;
  /** What was compared with the loop's result, and how many results. */
  verified: string;
}

const gc = (globalThis as { gc?: () => void }).gc;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

interface Time {
  ms: number;
  cpuMs: number;
}

/** Median times of `reps` runs after one warm-up run; every run's result is checked. */
function timeIt(label: string, reps: number, f: () => Result, expected: Result | null): Time {
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i <= reps; i++) {
    gc?.();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const r = f();
    const ms = performance.now() - t0;
    const c = process.cpuUsage(c0);
    if (i > 0) {
      times.push(ms);
      cpu.push((c.user + c.system) / 1000);
    }
    if (expected) {
      const diff = difference(expected, r);
      if (diff) throw new Error(`${label}: result differs from the hand-written loop: ${diff}`);
    }
  }
  return { ms: median(times), cpuMs: median(cpu) };
}

const timing = (events: number, t: Time): Timing => ({
  ms: Math.round(t.ms * 10) / 10,
  cpuMs: Math.round(t.cpuMs * 10) / 10,
  eventsPerSecond: Math.round(events / (t.ms / 1000)),
  eventsPerCpuSecond: Math.round(events / (t.cpuMs / 1000)),
});

/** The last run's note (EngineCase.note), per case. */
const notes = new Map<string, string>();

function engineRun(c: EngineCase, trace: boolean): Result {
  const sim = createSimulation(c.doc, {
    trace,
    traceLimit: 100_000,
    sinkLimit: c.keepsRecords ? undefined : 0,
  });
  sim.run();
  if (!sim.finished) throw new Error(`${c.id}: the run did not finish`);
  if (sim.errors().length > 0) throw new Error(`${c.id}: ${sim.errors()[0].message}`);
  const result = c.engineResult(sim);
  if (c.note) notes.set(`${c.id} ${trace ? 'on' : 'off'}`, c.note(sim));
  return result;
}

function measure(c: EngineCase, traceOnEvents: number, reps: number): CaseFigures {
  const n = c.gen.count;
  const expected = c.loop();
  const loopMs = timeIt(`${c.id} loop`, reps, () => c.loop(), expected);
  // Without kept sink records (1a) only the count is compared here.
  const countOnly = (r: Result): Result =>
    c.keepsRecords ? r : new Map([['count', r.get('count')!]]);
  const offMs = timeIt(
    `${c.id} engine, trace off`,
    reps,
    () => engineRun(c, false),
    countOnly(expected),
  );
  // Tracing is slower: fewer events, the median of as many timed runs (on a shared machine a
  // single traced run moved by 20 % from one full benchmark to the next).
  const on = traceOnEvents === n ? c : caseLike(c, traceOnEvents);
  const onExpected = on === c ? expected : on.loop();
  const onMs = timeIt(
    `${c.id} engine, trace on`,
    reps,
    () => engineRun(on, true),
    countOnly(onExpected),
  );
  const loopOnMs = on === c ? loopMs : timeIt(`${c.id} loop`, reps, () => on.loop(), onExpected);
  const f: CaseFigures = {
    id: c.id,
    title: c.title,
    events: n,
    traceOff: timing(n, offMs),
    traceOn: { ...timing(traceOnEvents, onMs), events: traceOnEvents },
    loop: timing(n, loopMs),
    ratioTraceOffToLoop: loopMs.cpuMs / offMs.cpuMs,
    ratioTraceOnToLoop: loopOnMs.cpuMs / onMs.cpuMs,
    verified: c.keepsRecords
      ? `every window result (${expected.size.toLocaleString('en')} key × window sums) equals the loop's`
      : 'count of records reaching the sink equals the loop’s',
  };
  const offNote = notes.get(`${c.id} off`);
  if (offNote) f.verified += `; trace off: ${offNote}; trace on: ${notes.get(`${c.id} on`)}`;
  if (c.rxjs) {
    const rxMs = timeIt(`${c.id} RxJS`, reps, () => c.rxjs!(), expected);
    f.rxjs = timing(n, rxMs);
    f.ratioTraceOffToRxjs = rxMs.cpuMs / offMs.cpuMs;
  }
  return f;
}

const CASES: Record<string, (count: number) => EngineCase> = {
  '1a': mapFilterCase,
  '1b': tumblingCase,
  '1c': slidingCase,
  '1d': parallelCase,
  '1e': checkpointCase,
};

function caseLike(c: EngineCase, count: number): EngineCase {
  return CASES[c.id](count);
}

export interface EngineSizes {
  /** Events per case with trace off, and with trace on. */
  off: Record<string, number>;
  on: Record<string, number>;
  reps: number;
}

export function runEngineCases(
  sizes: EngineSizes,
  log: (s: string) => void,
  only: string[] = Object.keys(CASES),
): CaseFigures[] {
  const out: CaseFigures[] = [];
  for (const id of only) {
    const f = measure(CASES[id](sizes.off[id]), sizes.on[id], sizes.reps);
    const r = (t: Timing) => `${t.eventsPerCpuSecond.toLocaleString('en')}/s`;
    log(
      `${id} (events per CPU second): trace off ${r(f.traceOff)}, on ${r(f.traceOn)}, loop ${r(f.loop)}` +
        (f.rxjs ? `, RxJS ${r(f.rxjs)}` : ''),
    );
    out.push(f);
  }
  // 1a's timed runs keep no sink records, so its sum is compared once on a smaller run.
  if (out[0]?.id !== '1a') return out;
  const small = mapFilterCase(1_000_000);
  const diff = difference(small.loop(), engineRun({ ...small, keepsRecords: true }, false));
  if (diff) throw new Error(`1a (1 M events, every record kept): ${diff}`);
  out[0].verified += '; on a 1 M run keeping every record, count and sum equal the loop’s';
  return out;
}
