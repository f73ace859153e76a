/**
 * `npm run bench`: engine throughput headless in Node, beside a hand-written loop computing the
 * same result (the limit). Writes bench/report.md and bench/report.json. Not part of `npm test`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { createSimulation } from '../../src/lib/engine';
import { validateDocument, type PipelineDocument } from '../../src/lib/pipeline';

const N = 2_000_000;

function doc(): PipelineDocument {
  const r = validateDocument({
    version: 1,
    settings: { timeCharacteristic: 'processing' },
    nodes: [
      {
        id: 'gen',
        kind: 'generator',
        config: {
          rate: 1_000_000,
          count: N,
          watermarks: { type: 'none' },
          outOfOrderness: { distribution: 'none' },
        },
      },
      { id: 'double', kind: 'map', config: { expression: 'value * 2' } },
      { id: 'big', kind: 'filter', config: { expression: 'value > 5' } },
      { id: 'out', kind: 'tableSink' },
    ],
    edges: [
      { id: 'e1', from: 'gen', to: 'double' },
      { id: 'e2', from: 'double', to: 'big' },
      { id: 'e3', from: 'big', to: 'out' },
    ],
  });
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return r.doc;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timeIt(f: () => void, reps = 3): number {
  f(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    f();
    times.push(performance.now() - t0);
  }
  return median(times);
}

const d = doc();
const engineOff = timeIt(() => createSimulation(d, { trace: false, sinkLimit: 0 }).run());
const engineOn = timeIt(
  () => createSimulation(d, { trace: true, traceLimit: 100_000, sinkLimit: 0 }).run(),
  1,
);
// The limit: the same map/filter/count over the same number of generated values in a plain loop.
let sink = 0;
const loop = timeIt(() => {
  let state = 1;
  let count = 0;
  for (let i = 0; i < N; i++) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    const v = 1 + (state % 10);
    const m = v * 2;
    if (m > 5) count++;
  }
  sink = count;
});

const rate = (ms: number) => Math.round(N / (ms / 1000));
const figures = {
  events: N,
  engineTraceOff: { ms: engineOff, eventsPerSecond: rate(engineOff) },
  engineTraceOn: { ms: engineOn, eventsPerSecond: rate(engineOn) },
  handLoop: { ms: loop, eventsPerSecond: rate(loop), checksum: sink },
  ratioTraceOffToLoop: engineOff ? loop / engineOff : 0,
};
const targets = {
  'trace off ≥ 10M events/s': figures.engineTraceOff.eventsPerSecond >= 10_000_000,
  'trace off ≥ 25% of the loop': figures.ratioTraceOffToLoop >= 0.25,
  'trace on ≥ 1M events/s': figures.engineTraceOn.eventsPerSecond >= 1_000_000,
};
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
const report = {
  date: new Date().toISOString(),
  machine: {
    os: `${os.type()} ${os.release()}`,
    cpu: os.cpus()[0]?.model,
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  },
  node: process.version,
  streamlab: pkg.version,
  benchmark: 'generator → map → filter → sink, parallelism 1',
  figures,
  targets,
  notYet: [
    '1b–1e (windows over 10 000 keys, sliding, parallelism 4, checkpoints)',
    'memory',
    'IndexedDB',
    'UI',
  ],
};
mkdirSync('bench', { recursive: true });
writeFileSync('bench/report.json', JSON.stringify(report, null, 2) + '\n');
const f = (n: number) => n.toLocaleString('en');
writeFileSync(
  'bench/report.md',
  `# Streamlab benchmarks\n\n${report.date} · ${report.machine.cpu} (${report.machine.cores} cores) · Node ${report.node}\n\n` +
    `## ${report.benchmark}, ${f(N)} events\n\n| run | ms | events/s |\n|---|---|---|\n` +
    `| engine, trace off | ${engineOff.toFixed(0)} | ${f(figures.engineTraceOff.eventsPerSecond)} |\n` +
    `| engine, trace on | ${engineOn.toFixed(0)} | ${f(figures.engineTraceOn.eventsPerSecond)} |\n` +
    `| hand-written loop (the limit) | ${loop.toFixed(0)} | ${f(figures.handLoop.eventsPerSecond)} |\n\n` +
    `Engine (trace off) reaches ${(figures.ratioTraceOffToLoop * 100).toFixed(1)}% of the loop.\n\n## Targets\n\n` +
    Object.entries(targets)
      .map(([k, v]) => `- ${v ? 'PASS' : 'FAIL'}: ${k}`)
      .join('\n') +
    `\n\nNot measured yet: ${report.notYet.join('; ')}.\n`,
);
console.log(readFileSync('bench/report.md', 'utf8'));
