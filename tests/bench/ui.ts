/**
 * UI benchmarks (issue #8, 4) in Chromium through Playwright, on the production build served by
 * `vite preview` on $E2E_PORT (default 4186), with the browser and flags of playwright.config.ts:
 * - first load: JS and CSS bytes gzipped from dist/ (what index.html loads, and everything), and
 *   the time from navigation to the first frame after the canvas shows its nodes;
 * - while the example runs "As fast as possible": the longest main-thread task (PerformanceObserver
 *   'longtask') and frames per second;
 * - a 200-node pipeline (loaded through the app's own IndexedDB autosave record): p95 frame time
 *   while panning and zooming with the mouse.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import config from '../../playwright.config';
import { validateDocument } from '../../src/lib/pipeline';
import { exampleJson } from '../../src/lib/pipeline/examples';

export interface UiFigures {
  browser: string;
  firstLoad: {
    initialJsGzipKB: number;
    initialCssGzipKB: number;
    allJsGzipKB: number;
    files: { file: string; gzipKB: number; initial: boolean }[];
    /** Navigation start → first frame with the canvas nodes drawn, median of 3 cold loads. */
    canvasInteractiveMs: number;
  };
  running: {
    seconds: number;
    eventsProcessed: number | null;
    /** From the long-task entries; null when the page could not be read back. */
    longestTaskMs: number | null;
    longTasks: number | null;
    /** Slowest round trip of a trivial script into the page while running. */
    slowestRoundTripMs: number;
    pageAnswered: boolean;
    fps: number;
  };
  bigPipeline: {
    nodes: number;
    frames: number;
    p95FrameMs: number;
    medianFrameMs: number;
    maxFrameMs: number;
  };
}

const KB = 1024;
const round1 = (x: number) => Math.round(x * 10) / 10;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** Sizes of the build: what index.html loads first (scripts, module preloads, styles), and all JS. */
function buildSizes(): Omit<UiFigures['firstLoad'], 'canvasInteractiveMs'> {
  const html = readFileSync('dist/index.html', 'utf8');
  const initial = new Set(
    [...html.matchAll(/(?:src|href)="\.?\/?([^"]+\.(?:js|css))"/g)].map((m) => m[1]),
  );
  const files = walk('dist')
    .filter((f) => /\.(js|css)$/.test(f))
    .map((f) => {
      const rel = f.slice('dist/'.length);
      return {
        file: rel,
        gzipKB: round1(gzipSync(readFileSync(f)).length / KB),
        initial: initial.has(rel),
      };
    });
  const sum = (pred: (f: (typeof files)[number]) => boolean) =>
    round1(files.filter(pred).reduce((a, f) => a + f.gzipKB, 0));
  return {
    initialJsGzipKB: sum((f) => f.initial && f.file.endsWith('.js')),
    initialCssGzipKB: sum((f) => f.initial && f.file.endsWith('.css')),
    allJsGzipKB: sum((f) => f.file.endsWith('.js')),
    files,
  };
}

/**
 * In every page: collect long tasks, and mark the first frame after canvas nodes appear. Plain
 * JavaScript text (a function would be serialised with the transpiler's helpers).
 */
const PAGE_PROBES = `
  window.__bench = { longTasks: [], canvasAt: null, frames: null };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__bench.longTasks.push(e.duration);
  }).observe({ type: 'longtask', buffered: true });
  const seen = () => {
    if (document.querySelector('.svelte-flow__node')) {
      requestAnimationFrame(() => { window.__bench.canvasAt = performance.now(); });
      return;
    }
    requestAnimationFrame(seen);
  };
  requestAnimationFrame(seen);
`;

/** Starts recording frame times (requestAnimationFrame timestamps) in the page. */
async function startFrames(page: Page) {
  await page.evaluate(`(() => {
    const b = window.__bench;
    b.frames = [];
    const tick = (t) => {
      if (!b.frames) return;
      b.frames.push(t);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
}

/** Stops recording; returns the frame intervals in ms. */
async function stopFrames(page: Page): Promise<number[]> {
  const ts = await page.evaluate(() => {
    const b = (window as unknown as { __bench: { frames: number[] | null } }).__bench;
    const f = b.frames ?? [];
    b.frames = null;
    return f;
  });
  return ts.slice(1).map((t, i) => t - ts[i]);
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

/**
 * Replaces the pipeline the app restores on load (its autosave record), then reloads. The app
 * stores validated documents (defaults filled in) there, so this does too.
 */
async function loadThroughAutosave(page: Page, raw: unknown) {
  const r = validateDocument(raw);
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
  const doc = r.doc;
  await page.evaluate(
    (d) =>
      new Promise<void>((resolve, reject) => {
        // The app's database (src/lib/storage/db.ts, version 2): the pipelines by id, and the
        // id of the one open at the last visit under settings.lastOpenId.
        const open = indexedDB.open('streamlab');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(['pipelines', 'settings'], 'readwrite');
          tx.objectStore('pipelines').put({ id: 'bench', doc: d, updatedAt: 0 });
          tx.objectStore('settings').put('bench', 'lastOpenId');
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    doc,
  );
  await page.reload();
}

/** 10 chains of generator → 18 maps → sink, laid out on a grid: 200 nodes, 190 edges. */
export function bigPipeline(): unknown {
  const nodes: unknown[] = [];
  const edges: unknown[] = [];
  for (let row = 0; row < 10; row++) {
    const ids: string[] = [];
    for (let col = 0; col < 20; col++) {
      const id = `n${row}_${col}`;
      ids.push(id);
      const kind = col === 0 ? 'generator' : col === 19 ? 'tableSink' : 'map';
      nodes.push({
        id,
        kind,
        name: `${kind} ${row}.${col}`,
        position: { x: col * 240, y: row * 140 },
        config: kind === 'map' ? { expression: `value + ${col}` } : {},
      });
    }
    for (let col = 1; col < 20; col++)
      edges.push({ id: `e${row}_${col}`, from: ids[col - 1], to: ids[col] });
  }
  return { version: 1, name: '200 nodes', nodes, edges };
}

function startPreview(port: number): Promise<() => void> {
  const child = spawn(
    'npx',
    ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    { stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  const stop = () => {
    if (child.pid) process.kill(-child.pid, 'SIGTERM');
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('vite preview did not start')), 30_000);
    const onData = (d: Buffer) => {
      if (d.toString().includes(String(port))) {
        clearTimeout(timer);
        resolve(stop);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d: Buffer) => process.stderr.write(d));
    child.on('exit', (code) => reject(new Error(`vite preview exited with ${code}`)));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves to the promise's value, or to `late` when it takes longer than `ms`. */
function within<T, L>(p: Promise<T>, ms: number, late: L): Promise<T | L> {
  return Promise.race([p, sleep(ms).then(() => late)]);
}

/**
 * The example, unbounded and at 1000 events/s, played "As fast as possible" for 5 s. Every
 * 250 ms a trivial script is run in the page: its round trip waits for the main thread, so the
 * slowest one is a lower bound of the longest main-thread task even when the page is so busy
 * that the long-task entries cannot be read back.
 */
async function measureRunning(browser: Browser, url: string, log: (s: string) => void) {
  const seconds = 5;
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    const page = await context.newPage();
    await page.addInitScript({ content: PAGE_PROBES });
    await page.goto(url);
    await page.getByRole('group', { name: /Clicks/ }).waitFor();
    const example = structuredClone(exampleJson) as {
      nodes: { id: string; config: Record<string, unknown> }[];
    };
    const clicks = example.nodes.find((n) => n.id === 'clicks')!;
    clicks.config = { ...clicks.config, count: null, rate: 1000 };
    await loadThroughAutosave(page, example);
    await page.getByRole('group', { name: /Clicks/ }).waitFor();
    await page.waitForTimeout(500);
    const controls = page.getByRole('region', { name: 'Run controls' });
    await controls.getByLabel('Speed').selectOption({ label: 'As fast as possible' });
    await page.evaluate('window.__bench.longTasks = []');
    await startFrames(page);
    await controls.getByRole('button', { name: 'Play' }).click();
    const t0 = Date.now();
    let slowestRoundTripMs = 0;
    let blocked = false;
    while (Date.now() - t0 < seconds * 1000) {
      const p0 = Date.now();
      const ok = await within(page.evaluate('1'), 20_000, null);
      slowestRoundTripMs = Math.max(slowestRoundTripMs, Date.now() - p0);
      if (ok === null) {
        blocked = true;
        break;
      }
      await sleep(250);
    }
    const elapsedMs = Date.now() - t0;
    type Read = { frames: number[]; longTasks: number[]; status: string };
    const read = blocked
      ? null
      : await within(
          page.evaluate(`(() => {
            const b = window.__bench;
            const f = b.frames; b.frames = null;
            const st = document.querySelector('[aria-label="Processing time"]');
            return { frames: f, longTasks: b.longTasks, status: st ? st.textContent : '' };
          })()`) as Promise<Read>,
          30_000,
          null,
        );
    if (read === null) log('ui: the page did not answer while the example was running');
    const frames = read?.frames ?? [];
    const frameMs = frames.length > 1 ? frames.at(-1)! - frames[0] : 0;
    return {
      seconds: round1(elapsedMs / 1000),
      eventsProcessed: read
        ? Number(read.status.match(/([\d,]+) events/)?.[1].replace(/,/g, '') ?? 0)
        : null,
      longestTaskMs: read ? round1(Math.max(0, ...read.longTasks)) : null,
      longTasks: read ? read.longTasks.length : null,
      slowestRoundTripMs,
      pageAnswered: read !== null,
      fps: frameMs > 0 ? round1((frames.length - 1) / (frameMs / 1000)) : 0,
    };
  } finally {
    await within(context.close(), 10_000, null);
  }
}

export async function runUi(port: number, log: (s: string) => void): Promise<UiFigures> {
  log('ui: building');
  const build = spawnSync('npx', ['vite', 'build'], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`vite build failed:\n${build.stderr}`);
  const sizes = buildSizes();
  const stopPreview = await startPreview(port);
  const url = `http://127.0.0.1:${port}/`;
  const launch = config.use?.launchOptions ?? {};
  const browser = await chromium.launch(launch);
  try {
    // First load, cold (a new context each time: empty cache, empty IndexedDB).
    const loads: number[] = [];
    for (let i = 0; i < 3; i++) {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      const page = await context.newPage();
      await page.addInitScript({ content: PAGE_PROBES });
      await page.goto(url);
      await page.waitForFunction(
        () => (window as unknown as { __bench: { canvasAt: number | null } }).__bench.canvasAt,
      );
      loads.push(
        await page.evaluate(
          () => (window as unknown as { __bench: { canvasAt: number } }).__bench.canvasAt,
        ),
      );
      await context.close();
    }
    log(`ui: first load ${loads.map((x) => x.toFixed(0)).join(', ')} ms`);

    const running = await measureRunning(browser, url, log);
    log(`ui: running ${JSON.stringify(running)}`);

    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await page.addInitScript({ content: PAGE_PROBES });
    await page.goto(url);
    await page.getByRole('group', { name: /Clicks/ }).waitFor();

    // 200 nodes: pan with drags on the empty pane and zoom with the wheel.
    await loadThroughAutosave(page, bigPipeline());
    await page.getByRole('group', { name: /map 9\.18/ }).waitFor({ state: 'attached' });
    await page.waitForTimeout(800);
    const pane = (await page.locator('.svelte-flow__pane').boundingBox())!;
    const cx = pane.x + pane.width / 2;
    const cy = pane.y + pane.height / 2;
    await startFrames(page);
    for (let round = 0; round < 3; round++) {
      await page.mouse.move(cx, cy);
      await page.mouse.down();
      await page.mouse.move(cx + 300, cy + 150, { steps: 30 });
      await page.mouse.move(cx - 200, cy - 100, { steps: 30 });
      await page.mouse.up();
      for (let i = 0; i < 8; i++) {
        await page.mouse.wheel(0, -120);
        await page.waitForTimeout(30);
      }
      for (let i = 0; i < 8; i++) {
        await page.mouse.wheel(0, 120);
        await page.waitForTimeout(30);
      }
    }
    const bigFrames = await stopFrames(page);
    const nodes = await page.locator('.svelte-flow__node').count();
    await context.close();
    const bigPipelineFigures = {
      nodes,
      frames: bigFrames.length,
      p95FrameMs: round1(quantile(bigFrames, 0.95)),
      medianFrameMs: round1(quantile(bigFrames, 0.5)),
      maxFrameMs: round1(Math.max(...bigFrames)),
    };
    log(`ui: 200 nodes ${JSON.stringify(bigPipelineFigures)}`);
    return {
      browser: `${browser.browserType().name()} ${browser.version()}`,
      firstLoad: { ...sizes, canvasInteractiveMs: round1(quantile(loads, 0.5)) },
      running,
      bigPipeline: bigPipelineFigures,
    };
  } finally {
    await browser.close();
    stopPreview();
  }
}
