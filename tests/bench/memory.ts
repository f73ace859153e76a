/**
 * Memory (issue #8, 2): the heap while an unbounded source runs with tracing on, with the options
 * the app's Worker uses (trace on, the last 100 000 trace events kept, every sink record kept).
 * The pipeline is case 1b's (keyBy → tumbling window sum over 10 000 keys) with no count, so the
 * trace ring, the window state and the timers are all exercised. Needs node --expose-gc.
 */
import { createSimulation } from '../../src/lib/engine';
import { validateDocument } from '../../src/lib/pipeline';
import { tumblingCase } from './engine-cases';

export interface MemoryFigures {
  events: number;
  pipeline: string;
  /** Heap used after a full collection, in MB, before the run and after every `every` events. */
  samples: { events: number; heapMB: number }[];
  /** Last sample − the sample before the run. */
  growthMB: number;
  /** Last sample − the sample after the first interval (trace ring full, state at steady size). */
  growthAfterWarmupMB: number;
  sinkRecords: number;
  traceEventsKept: number;
}

const MB = 2 ** 20;

export function runMemory(events: number, every: number, log: (s: string) => void): MemoryFigures {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('the memory benchmark needs node --expose-gc (npm run bench sets it)');
  const base = tumblingCase(1);
  const raw = structuredClone(base.doc) as unknown as {
    nodes: { id: string; config: { count: number | null } }[];
  };
  raw.nodes.find((n) => n.id === 'gen')!.config.count = null;
  const r = validateDocument(raw);
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
  const heap = () => {
    gc();
    return Math.round((process.memoryUsage().heapUsed / MB) * 10) / 10;
  };
  const samples = [{ events: 0, heapMB: heap() }];
  const sim = createSimulation(r.doc, { trace: true, traceLimit: 100_000 });
  const rate = base.gen.rate; // events per second of virtual time
  const emitted = () => sim.status().find((s) => s.node === 'gen')!.recordsOut;
  for (let n = every; n <= events; n += every) {
    sim.runUntil(Math.ceil((n / rate) * 1000) - 1);
    const e = emitted();
    if (e < n - rate || e > n) throw new Error(`memory run: ${e} events after ${n}`);
    samples.push({ events: e, heapMB: heap() });
    log(`memory: ${e.toLocaleString('en')} events, heap ${samples.at(-1)!.heapMB} MB`);
  }
  const last = samples.at(-1)!.heapMB;
  let sinkRecords = 0;
  for (const list of sim.sinkRecords().values()) sinkRecords += list.length;
  return {
    events: samples.at(-1)!.events,
    pipeline: 'unbounded generator → keyBy → tumbling window (1 s) sum over 10 000 keys → sink',
    samples,
    growthMB: Math.round((last - samples[0].heapMB) * 10) / 10,
    growthAfterWarmupMB: Math.round((last - samples[1].heapMB) * 10) / 10,
    sinkRecords,
    traceEventsKept: sim.trace().events.length,
  };
}
