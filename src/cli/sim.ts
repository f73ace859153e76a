/**
 * Headless runner: `npm run sim -- <pipeline.json> [--seed N] [--until ms] [--out dir] [--trace]`.
 * `npm run sim -- export <pipeline.json> --to sql|java [--out dir]` exports to Flink instead
 * (src/cli/export.ts, with its own exit codes).
 * Writes one JSON-lines file per sink, trace.jsonl with --trace, savepoint-<ms>.json per
 * --savepoint-at, and summary.json into --out. --from-savepoint starts from a savepoint file.
 * Exit codes: 0 ran, 1 invalid document, 2 bad command line or unreadable file, 3 engine error.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createSimulation } from '../lib/engine';
import { CURRENT_VERSION, parseDocumentText } from '../lib/pipeline';
import { parseSimArgs } from './args';
import { runExport } from './export';
import { describeOperator } from './explain';
import { explainOperator, factsOf, isWindowKind } from '../lib/engine/explain';
import { SavepointMismatchError, type SavepointData } from '../lib/engine/checkpoints/savepoint';
import { parseSavepointFile, savepointFileText } from '../lib/engine/checkpoints/savepointFile';

/** Version of the CLI's output files (docs/pipeline-format.md, "CLI output files"). */
export const OUTPUT_FORMAT_VERSION = 1;

function main(argv: string[]): number {
  if (argv[0] === 'export')
    return runExport(argv.slice(1), {
      stdout: (t) => process.stdout.write(t),
      stderr: (t) => process.stderr.write(t),
    });
  const parsed = parseSimArgs(argv);
  if (!parsed.ok) {
    console.error(parsed.message);
    return 2;
  }
  const { file, seed, until, out, trace, failAt, checkpointInterval, explain } = parsed.args;
  const { savepointAt, fromSavepoint, allowNonRestoredState } = parsed.args;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    console.error(
      `${file}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    );
    return 2;
  }
  const result = parseDocumentText(text);
  if (!result.ok) {
    for (const p of result.problems) console.error(`${basename(file)}: ${p.message}`);
    return 1;
  }
  const doc = result.doc;
  const unbounded = doc.nodes.filter((n) => n.kind === 'generator' && n.config.count === null);
  if (unbounded.length > 0 && until === undefined) {
    console.error(
      `${basename(file)}: source ${unbounded.map((n) => n.id).join(', ')} is unbounded; give --until <ms> to stop the run at a processing time`,
    );
    return 2;
  }
  if (explain !== undefined) {
    const target = doc.nodes.find((n) => n.id === explain);
    if (!target || !isWindowKind(target.kind)) {
      console.error(
        `--explain ${explain}: ${target ? `${explain} is a ${target.kind}, not a window operator` : `there is no node ${explain}`}`,
      );
      return 2;
    }
  }
  let savepoint: SavepointData | undefined;
  if (fromSavepoint !== undefined) {
    let spText: string;
    try {
      spText = readFileSync(fromSavepoint, 'utf8');
    } catch (e) {
      console.error(
        `${fromSavepoint}: cannot read the savepoint file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      );
      return 2;
    }
    const sp = parseSavepointFile(spText);
    if (!sp.ok) {
      for (const p of sp.problems) console.error(`${basename(fromSavepoint)}: ${p}`);
      return 2;
    }
    savepoint = sp.savepoint;
    const early = savepointAt.find((at) => at < sp.savepoint.time);
    if (early !== undefined) {
      console.error(
        `--savepoint-at ${early}: the run starts from the savepoint at ${sp.savepoint.time} ms, so it cannot take one earlier`,
      );
      return 2;
    }
  }
  const written: { at: number; file: string }[] = [];
  let sim;
  try {
    for (const f of failAt) {
      const node = f.node === undefined ? undefined : doc.nodes.find((n) => n.id === f.node);
      if (f.node !== undefined && !node) {
        console.error(`--fail-at ${f.at}:${f.node}: there is no node ${f.node}`);
        return 2;
      }
      if (node && (f.subtask ?? 0) >= node.parallelism) {
        console.error(
          `--fail-at: node ${node.id} has subtasks 0 to ${node.parallelism - 1}, not ${f.subtask}`,
        );
        return 2;
      }
    }
    sim = createSimulation(doc, {
      seed,
      trace,
      traceLimit: Number.MAX_SAFE_INTEGER,
      failures: failAt,
      checkpointInterval,
      ...(savepoint ? { fromSavepoint: { savepoint, allowNonRestoredState } } : {}),
    });
    mkdirSync(out, { recursive: true });
    for (const at of savepointAt) {
      if (until !== undefined && at > until) {
        console.error(`--savepoint-at ${at}: after --until ${until}, so not taken`);
        return 2;
      }
      sim.runUntil(at);
      if (sim.finished) {
        console.error(
          `--savepoint-at ${at}: the job finished at ${sim.now} ms, before it; no savepoint taken`,
        );
        return 3;
      }
      const name = `savepoint-${at}.json`;
      writeFileSync(join(out, name), savepointFileText(sim.takeSavepoint()));
      written.push({ at, file: name });
    }
    if (until === undefined) sim.run();
    else sim.runUntil(until);
  } catch (e) {
    if (e instanceof SavepointMismatchError && fromSavepoint !== undefined) {
      console.error(
        `${basename(fromSavepoint)}: ${e.message.replace(/ \(allow skipping.*\)$/, '')}; give --allow-non-restored-state to start anyway, without that state`,
      );
      return 3;
    }
    console.error(`${basename(file)}: ${(e as Error).message}`);
    return 3;
  }
  const perSink: Record<string, number> = {};
  const sinkIds = doc.nodes.filter((n) => n.kind.endsWith('Sink')).map((n) => n.id);
  const records = sim.sinkRecords();
  for (const id of sinkIds) {
    const rows = records.get(id) ?? [];
    perSink[id] = rows.length;
    writeFileSync(
      join(out, `${id}.jsonl`),
      rows
        .map((r) =>
          JSON.stringify({
            key: r.key,
            value: r.value,
            timestamp: r.timestamp,
            processingTime: r.processingTime,
            subtask: r.subtask,
            window: r.window ?? null,
            firing: r.firing ?? null,
            ...(r.replayed ? { replayed: true } : {}),
          }),
        )
        .join('\n') + (rows.length ? '\n' : ''),
    );
  }
  if (trace) {
    const t = sim.trace();
    writeFileSync(
      join(out, 'trace.jsonl'),
      t.events.map((e) => JSON.stringify(e)).join('\n') + (t.events.length ? '\n' : ''),
    );
  }
  const ft = sim.faultTolerance();
  const replayedPerSink: Record<string, number> = {};
  for (const id of sinkIds)
    replayedPerSink[id] = (records.get(id) ?? []).filter((r) => r.replayed).length;
  // Exactly-once sinks: records in transactions not committed yet (not in the files above).
  const pendingRecords = sim.pendingSinkRecords();
  const pendingPerSink: Record<string, number> = {};
  for (const id of sinkIds) pendingPerSink[id] = pendingRecords.get(id)?.length ?? 0;
  const summary = {
    format: OUTPUT_FORMAT_VERSION,
    documentVersion: CURRENT_VERSION,
    name: doc.name,
    seed: seed ?? doc.settings.seed,
    events: sim.eventCount,
    processingTime: sim.now,
    finished: sim.finished,
    sinks: perSink,
    errors: sim.errors(),
    job: ft.job,
    checkpoints: { completed: ft.completed, failed: ft.failedCheckpoints },
    restarts: ft.restarts,
    failures: ft.failures,
    restores: ft.restores,
    replayed: replayedPerSink,
    pending: pendingPerSink,
    ...(fromSavepoint !== undefined ? { fromSavepoint: basename(fromSavepoint) } : {}),
    ...(written.length > 0 ? { savepoints: written } : {}),
  };
  writeFileSync(join(out, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
  console.log(
    `${doc.name}: ${sim.eventCount} events, processing time ${sim.now} ms${sim.finished ? ', finished' : ''}`,
  );
  for (const [id, n] of Object.entries(perSink))
    console.log(
      `  ${id}: ${n} records${replayedPerSink[id] ? ` (${replayedPerSink[id]} replayed duplicates)` : ''}${pendingPerSink[id] ? ` (${pendingPerSink[id]} pending, not committed yet)` : ''} → ${join(out, `${id}.jsonl`)}`,
    );
  if (ft.checkpointing || ft.failures.length > 0) {
    console.log(
      `  checkpoints: ${ft.completed} completed, ${ft.failedCheckpoints} failed; failures: ${ft.failures.length}; restarts: ${ft.restarts}; job ${ft.job}`,
    );
    for (const r of ft.restores) console.log(`  restore at ${r.time} ms: ${r.message}`);
    if (ft.failureCause) console.error(`  the job failed: ${ft.failureCause}`);
  }
  for (const w of written) console.log(`  savepoint at ${w.at} ms → ${join(out, w.file)}`);
  for (const e of sim.errors())
    console.error(`  error at ${e.node}[${e.subtask}], ${e.time} ms: ${e.message}`);
  if (explain !== undefined) {
    console.log(`Why has it not fired? (at ${sim.now} ms)`);
    for (const line of describeOperator(explainOperator(doc, factsOf(sim, explain), explain)))
      console.log(`  ${line}`);
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
