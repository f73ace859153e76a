/**
 * `npm run sim -- export <pipeline.json> --to sql|java [--out dir]`: the same Flink export the
 * app's Export dialog shows, for scripts and CI.
 *
 * - Without --out the generated file is printed to stdout as it is; when a target has several
 *   files (Java: Job.java and pom.xml) each is preceded by a `==> path <==` line, as `head` does.
 * - With --out the files are written under that directory (Java as a Maven project) and their
 *   paths printed to stdout.
 * - The notes (every place the export is not an exact mapping) go to stderr, one per line.
 *
 * Exit codes: 0 exported (notes or not); 1 invalid document (its problems on stderr, one per
 * line, prefixed with the file name); 2 bad command line or unreadable file; 3 the exporter failed.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { exporterById, type ExportResult } from '../lib/export';
import { parseDocumentText } from '../lib/pipeline';

export const EXPORT_USAGE =
  'usage: npm run sim -- export <pipeline.json> --to sql|java [--out dir]';

/** `--to` values and the exporter each one selects. */
const TARGETS: Record<string, string> = { sql: 'flink-sql', java: 'flink-java' };

export interface ExportArgs {
  file: string;
  to: 'sql' | 'java';
  out: string | null;
}

/** Parses the arguments after `export`; returns an error message instead of throwing. */
export function parseExportArgs(
  argv: string[],
): { ok: true; args: ExportArgs } | { ok: false; message: string } {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { to: { type: 'string' }, out: { type: 'string' } },
    });
  } catch (e) {
    return { ok: false, message: `${(e as Error).message}\n${EXPORT_USAGE}` };
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1)
    return { ok: false, message: `expected one pipeline file\n${EXPORT_USAGE}` };
  const to = values.to;
  if (to !== 'sql' && to !== 'java')
    return {
      ok: false,
      message: `${to === undefined ? '--to is required' : `--to must be sql or java, got "${to}"`}\n${EXPORT_USAGE}`,
    };
  return { ok: true, args: { file: positionals[0], to, out: values.out ?? null } };
}

/** What the command prints, kept apart from the process so tests can read it. */
export interface Output {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** The notes as printed on stderr. */
export function notesText(result: ExportResult, target: string): string {
  if (result.notes.length === 0) return `${target}: every node maps exactly.\n`;
  return (
    `${target}: ${result.notes.length} place(s) where the export is not an exact mapping:\n` +
    result.notes.map((n) => `  - ${n.message}\n`).join('')
  );
}

/** Runs `export` and returns the exit code. */
export function runExport(argv: string[], io: Output): number {
  const parsed = parseExportArgs(argv);
  if (!parsed.ok) {
    io.stderr(`${parsed.message}\n`);
    return 2;
  }
  const { file, to, out } = parsed.args;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    io.stderr(
      `${file}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})\n`,
    );
    return 2;
  }
  const validated = parseDocumentText(text);
  if (!validated.ok) {
    for (const p of validated.problems) io.stderr(`${basename(file)}: ${p.message}\n`);
    return 1;
  }
  const exporter = exporterById(TARGETS[to])!;
  let result: ExportResult;
  try {
    result = exporter.generate(validated.doc);
  } catch (e) {
    io.stderr(`${basename(file)}: the ${exporter.label} export failed: ${(e as Error).message}\n`);
    return 3;
  }
  if (out === null) {
    if (result.files.length === 1) io.stdout(result.files[0].content);
    else io.stdout(result.files.map((f) => `==> ${f.path} <==\n${f.content}`).join('\n'));
  } else {
    for (const f of result.files) {
      const path = join(out, f.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, f.content);
      io.stdout(`${path}\n`);
    }
  }
  io.stderr(notesText(result, exporter.label));
  return 0;
}
