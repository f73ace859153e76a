/**
 * `npm run bench` (issue #8): the engine headless in Node beside hand-written loops and RxJS, the
 * heap over 10 M events with tracing on, and the UI in Chromium. Writes bench/report.md and
 * bench/report.json with every figure, the machine, the versions, the date, PASS/FAIL per target.
 * Not part of `npm test`. Run through node --expose-gc (the npm script does).
 *
 *   npm run bench                  everything (about 10 minutes on 2 cores)
 *   npm run bench -- --quick       fewer events, for trying things out (report says so)
 *   npm run bench -- --no-ui       skip the browser part
 *
 * The UI part serves the production build with `vite preview` on $E2E_PORT (default 4186).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { runEngineCases, type CaseFigures } from './engine';
import { runMemory, type MemoryFigures } from './memory';
import { runUi, type UiFigures } from './ui';
import { runCheckpoints, type CheckpointFigures } from './checkpoints';
import { runSeek } from './seek';
import { reportMarkdown, seekTargets, targetsOf } from './report';

const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const log = (s: string) => console.log(s);

const M = 1_000_000;
const sizes = quick
  ? {
      off: { '1a': 2 * M, '1b': M, '1c': M / 2, '1d': M, '1e': 2 * M },
      on: { '1a': M, '1b': M / 2, '1c': M / 4, '1d': M / 2, '1e': 2 * M },
      reps: 1,
    }
  : {
      off: { '1a': 10 * M, '1b': 4 * M, '1c': 2 * M, '1d': 4 * M, '1e': 4 * M },
      on: { '1a': 2 * M, '1b': 2 * M, '1c': M, '1d': 2 * M, '1e': 3 * M },
      reps: 3,
    };

function pkgVersion(name: string): string {
  const file = name === 'streamlab' ? 'package.json' : `node_modules/${name}/package.json`;
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

const load0 = os.loadavg();
const started = new Date();
const engine: CaseFigures[] = runEngineCases(sizes, log);
const memory: MemoryFigures = runMemory(quick ? 2 * M : 10 * M, quick ? M / 2 : M, log);
const seek = runSeek(quick ? M / 2 : M, log);
let ui: UiFigures | null = null;
let checkpoints: CheckpointFigures | null = null;
if (!args.has('--no-ui')) {
  ui = await runUi(Number(process.env.E2E_PORT ?? 4186), log);
  checkpoints = await runCheckpoints(Number(process.env.E2E_PORT ?? 4186) + 1, log);
}

const report = {
  date: started.toISOString(),
  durationSeconds: Math.round((Date.now() - started.getTime()) / 1000),
  quick,
  machine: {
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    cpu: os.cpus()[0]?.model,
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    /** 1-minute load average at the start and the end: other processes share the machine. */
    loadAverage: { start: load0[0], end: os.loadavg()[0] },
  },
  versions: {
    node: process.version,
    v8: process.versions.v8,
    streamlab: pkgVersion('streamlab'),
    rxjs: pkgVersion('rxjs'),
    playwright: pkgVersion('@playwright/test'),
    vite: pkgVersion('vite'),
    browser: ui?.browser ?? null,
  },
  engine,
  memory,
  seek,
  ui,
  checkpoints,
  targets: [...targetsOf(engine, memory, ui, checkpoints), ...seekTargets(seek)],
  notMeasured: [...(ui ? [] : ['UI (run with --no-ui)'])],
};
mkdirSync('bench', { recursive: true });
writeFileSync('bench/report.json', JSON.stringify(report, null, 2) + '\n');
writeFileSync('bench/report.md', reportMarkdown(report));
console.log(readFileSync('bench/report.md', 'utf8'));
