/**
 * Checkpoint benchmark (issue #8, 3) in Chromium through Playwright: snapshot 100 000 keyed-state
 * entries and write them to IndexedDB, then read them back, with the app's own code (the snapshot
 * format of engine/checkpoints/format.ts and the IndexedDB store of storage/checkpoints.ts, loaded
 * as modules from the Vite dev server on $E2E_PORT + 1, default 4187).
 *
 * The state is what a keyed aggregate holds: a Map from 100 000 keys to a {sum, count} value.
 * "Write" is encodeState (the snapshot as checksummed bytes) plus one IndexedDB transaction that
 * stores it as one value (saveCheckpoint); "read" is loadCheckpoints plus decodeState (checksum
 * verified, Map rebuilt). Each is timed from a fresh page, median of 5 rounds after one warm-up.
 */
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import config from '../../playwright.config';

export interface CheckpointFigures {
  browser: string;
  entries: number;
  bytes: number;
  /** Medians in ms. */
  snapshotMs: number;
  writeMs: number;
  readMs: number;
  decodeMs: number;
  /** Snapshot + write, and read + decode. */
  writeTotalMs: number;
  readTotalMs: number;
  writeMBps: number;
  readMBps: number;
  rounds: number;
}

const ENTRIES = 100_000;
const ROUNDS = 5;

function startDev(port: number): Promise<() => void> {
  const child = spawn(
    'npx',
    ['vite', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    { stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  const stop = () => {
    if (child.pid) process.kill(-child.pid, 'SIGTERM');
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('vite did not start')), 30_000);
    child.stdout.on('data', (d: Buffer) => {
      if (d.toString().includes(String(port))) {
        clearTimeout(timer);
        resolve(stop);
      }
    });
    child.on('exit', (code) => reject(new Error(`vite exited with ${code}`)));
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round1 = (x: number) => Math.round(x * 10) / 10;

/** One round in the page: returns the four timings and the size. */
const ROUND = async ([entries, id]: [number, number]) => {
  type Format = typeof import('../../src/lib/engine/checkpoints/format');
  type Storage = typeof import('../../src/lib/storage/checkpoints');
  const formatPath = '/src/lib/engine/checkpoints/format.ts';
  const storagePath = '/src/lib/storage/checkpoints.ts';
  const format = (await import(/* @vite-ignore */ formatPath)) as Format;
  const storage = (await import(/* @vite-ignore */ storagePath)) as Storage;
  const state = new Map<string, { sum: number; count: number }>();
  for (let i = 0; i < entries; i++) state.set(`key-${i}`, { sum: i * 3, count: (i % 17) + 1 });
  const db = await storage.openCheckpointDb(`bench-checkpoints-${id}`);
  const t0 = performance.now();
  const bytes = format.encodeState({ mode: 'explicit', state });
  const t1 = performance.now();
  await storage.saveCheckpoint(db, 'bench', {
    id,
    triggerTime: 0,
    completeTime: 0,
    subtasks: { 'w#0': bytes },
  });
  const t2 = performance.now();
  db.close();
  const again = await storage.openCheckpointDb(`bench-checkpoints-${id}`);
  const t3 = performance.now();
  const [cp] = await storage.loadCheckpoints(again, 'bench');
  const t4 = performance.now();
  const back = format.decodeState(cp.subtasks['w#0']) as { state: Map<string, unknown> };
  const t5 = performance.now();
  again.close();
  if (back.state.size !== entries) throw new Error(`read back ${back.state.size} entries`);
  return {
    bytes: bytes.byteLength,
    snapshot: t1 - t0,
    write: t2 - t1,
    read: t4 - t3,
    decode: t5 - t4,
  };
};

export async function runCheckpoints(
  port: number,
  log: (s: string) => void,
): Promise<CheckpointFigures> {
  const stop = await startDev(port);
  const browser = await chromium.launch(config.use?.launchOptions ?? {});
  try {
    const rounds: Awaited<ReturnType<typeof ROUND>>[] = [];
    for (let i = 0; i <= ROUNDS; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.getByRole('group', { name: /Clicks/ }).waitFor();
      const r = await page.evaluate(ROUND, [ENTRIES, i + 1] as [number, number]);
      if (i > 0) rounds.push(r); // the first round warms up the module graph and the JIT
      await context.close();
    }
    const bytes = rounds[0].bytes;
    const snapshotMs = median(rounds.map((r) => r.snapshot));
    const writeMs = median(rounds.map((r) => r.write));
    const readMs = median(rounds.map((r) => r.read));
    const decodeMs = median(rounds.map((r) => r.decode));
    const writeTotalMs = median(rounds.map((r) => r.snapshot + r.write));
    const readTotalMs = median(rounds.map((r) => r.read + r.decode));
    const figures: CheckpointFigures = {
      browser: `${browser.browserType().name()} ${browser.version()}`,
      entries: ENTRIES,
      bytes,
      snapshotMs: round1(snapshotMs),
      writeMs: round1(writeMs),
      readMs: round1(readMs),
      decodeMs: round1(decodeMs),
      writeTotalMs: round1(writeTotalMs),
      readTotalMs: round1(readTotalMs),
      writeMBps: round1(bytes / 1e6 / (writeTotalMs / 1000)),
      readMBps: round1(bytes / 1e6 / (readTotalMs / 1000)),
      rounds: ROUNDS,
    };
    log(`checkpoints: ${JSON.stringify(figures)}`);
    return figures;
  } finally {
    await browser.close();
    stop();
  }
}

// `node --import tsx tests/bench/checkpoints.ts`: this part alone.
if (process.argv[1]?.endsWith('checkpoints.ts'))
  await runCheckpoints(Number(process.env.E2E_PORT ?? 4186) + 1, console.log);
