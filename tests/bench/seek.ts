/**
 * Seek (issue #6): a windowed run of a million events played in the run session as the Worker
 * plays it (trace on, frames of 2000 events at full speed, seek points taken on the way), then
 * seeks back and forth across it. Each seek's wall time is what a person waits for; the state it
 * lands on is checked against a fresh run to the same event.
 */
import { performance } from 'node:perf_hooks';
import { createSimulation, type TraceEvent } from '../../src/lib/engine';
import { validateDocument, type PipelineDocument } from '../../src/lib/pipeline';
import { RunSession } from '../../src/lib/worker/session';

export interface SeekFigures {
  pipeline: string;
  events: number;
  playSeconds: number;
  points: number;
  spacing: number;
  seeks: { from: number; to: number; ms: number }[];
  medianMs: number;
  maxMs: number;
  verified: string;
}

function windowedDoc(): PipelineDocument {
  const r = validateDocument({
    version: 1,
    settings: { seed: 3 },
    nodes: [
      {
        id: 'gen',
        kind: 'generator',
        parallelism: 2,
        config: {
          rate: 1000,
          count: 500_000,
          keys: { count: 50, prefix: 'k' },
          values: { min: 1, max: 100, integer: true },
          outOfOrderness: { distribution: 'uniform', max: 500 },
          watermarks: { type: 'boundedOutOfOrderness', maxOutOfOrderness: 500 },
        },
      },
      { id: 'key', kind: 'keyBy', parallelism: 2, config: { expression: 'key' } },
      {
        id: 'win',
        kind: 'slidingWindow',
        parallelism: 2,
        config: { size: 10_000, slide: 2000, function: { type: 'sum' } },
      },
      { id: 'out', kind: 'tableSink' },
    ],
    edges: [
      { id: 'e1', from: 'gen', to: 'key' },
      { id: 'e2', from: 'key', to: 'win', partitioning: 'hash' },
      { id: 'e3', from: 'win', to: 'out', partitioning: 'rebalance' },
    ],
  });
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return r.doc;
}

/** Trace events as text, without the record ids the session's fate tracker writes onto them. */
function traceText(events: TraceEvent[]): string {
  return JSON.stringify(events.map((e) => ({ ...e, record: undefined })));
}

export function runSeek(events: number, log: (s: string) => void): SeekFigures {
  const doc = windowedDoc();
  const session = new RunSession(doc);
  const t0 = performance.now();
  while (session.simulation.eventCount < events && !session.simulation.finished)
    session.advance('max');
  const playSeconds = (performance.now() - t0) / 1000;
  const end = session.simulation.eventCount;
  log(
    `seek: played ${end} events in ${playSeconds.toFixed(1)} s, ${session.seekPoints.size} seek points`,
  );
  const targets = [0.5, 0.1, 0.9, 0.01, 0.75, 0.3, 0.99, 0.6].map((f) => Math.floor(f * end));
  const seeks: SeekFigures['seeks'] = [];
  let from = end;
  for (const to of targets) {
    const t = performance.now();
    session.seek(to);
    session.snapshot(false); // what the Worker sends after the seek
    seeks.push({ from, to, ms: Math.round((performance.now() - t) * 10) / 10 });
    from = to;
  }
  // The last seek's state, against a fresh run to the same event.
  const fresh = createSimulation(doc, {
    seed: undefined,
    trace: true,
    traceLimit: 100_000,
    sinkLimit: 1000,
  });
  fresh.run(from);
  const a = session.simulation;
  const same =
    a.now === fresh.now &&
    JSON.stringify(a.status()) === JSON.stringify(fresh.status()) &&
    JSON.stringify([...a.sinkRecords()]) === JSON.stringify([...fresh.sinkRecords()]) &&
    traceText(a.traceSince(a.traceTotal() - 1000)) ===
      traceText(fresh.traceSince(fresh.traceTotal() - 1000));
  if (!same) throw new Error(`seek to ${from}: the state differs from a fresh run to it`);
  const ms = seeks.map((s) => s.ms).sort((x, y) => x - y);
  return {
    pipeline:
      'generator (2 subtasks, 500 000 records, 50 keys) → keyBy → sliding window sum 10 s / 2 s → table sink, trace on',
    events: end,
    playSeconds: Math.round(playSeconds * 10) / 10,
    points: session.seekPoints.size,
    spacing: session.seekPoints.spacing,
    seeks,
    medianMs: ms[Math.floor(ms.length / 2)],
    maxMs: ms[ms.length - 1],
    verified: `after the last seek (to event ${from}) the clock, every subtask's status, the sink rows and the last 1000 trace events equal a fresh run's`,
  };
}

// `npx tsx tests/bench/seek.ts` runs this case alone.
if (process.argv[1]?.endsWith('seek.ts')) console.log(runSeek(1_000_000, console.log));
