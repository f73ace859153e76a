import { FlinkSQL } from 'dt-sql-parser';
import { parse as parseJava } from 'java-parser';
import { expect } from 'vitest';
import { validateDocument, type PipelineDocument } from '../../src/lib/pipeline';
import { EXPORTERS, type ExportResult } from '../../src/lib/export';

/** A validated document from plain JSON (defaults filled); fails the test if it is invalid. */
export function doc(json: {
  settings?: Record<string, unknown>;
  nodes: Record<string, unknown>[];
  edges: Record<string, unknown>[];
  name?: string;
}): PipelineDocument {
  const r = validateDocument({ version: 1, name: json.name ?? 'Test', ...json });
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return r.doc;
}

const sqlParser = new FlinkSQL();

/** Exports to SQL and fails on any syntax error dt-sql-parser's Flink grammar reports. */
export function exportSql(d: PipelineDocument): { sql: string; result: ExportResult } {
  const result = EXPORTERS.find((e) => e.id === 'flink-sql')!.generate(d);
  const sql = result.files.find((f) => f.path.endsWith('.sql'))!.content;
  const errors = sqlParser.validate(sql);
  if (errors.length > 0) console.log(sql);
  expect(errors, 'Flink SQL syntax errors').toEqual([]);
  return { sql, result };
}

/** Exports to Java and fails if java-parser cannot parse Job.java. */
export function exportJava(d: PipelineDocument): {
  java: string;
  pom: string;
  result: ExportResult;
} {
  const result = EXPORTERS.find((e) => e.id === 'flink-java')!.generate(d);
  const java = result.files.find((f) => f.path === 'src/main/java/streamlab/Job.java')!.content;
  const pom = result.files.find((f) => f.path === 'pom.xml')!.content;
  try {
    parseJava(java);
  } catch (e) {
    console.log(
      java
        .split('\n')
        .map((l, i) => `${i + 1}: ${l}`)
        .join('\n'),
    );
    throw e;
  }
  return { java, pom, result };
}

export const gen = (id: string, config: Record<string, unknown> = {}, parallelism = 1) => ({
  id,
  kind: 'generator',
  name: id,
  parallelism,
  config,
});

export const edge = (from: string, to: string, extra: Record<string, unknown> = {}) => ({
  id: `${from}-${to}${extra.fromPort === 'late' ? '-late' : ''}`,
  from,
  to,
  ...extra,
});

/** source → keyBy(key) → window → sink, with the window's config. */
export function windowed(
  kind: string,
  config: Record<string, unknown>,
  extra: { lateSink?: boolean } = {},
) {
  return doc({
    nodes: [
      gen('src'),
      { id: 'keys', kind: 'keyBy', name: 'Keys' },
      { id: 'win', kind, name: 'Window', config },
      { id: 'out', kind: 'tableSink', name: 'Out' },
      ...(extra.lateSink ? [{ id: 'lateOut', kind: 'logSink', name: 'Late' }] : []),
    ],
    edges: [
      edge('src', 'keys'),
      edge('keys', 'win', { partitioning: 'hash' }),
      edge('win', 'out'),
      ...(extra.lateSink ? [edge('win', 'lateOut', { fromPort: 'late' })] : []),
    ],
  });
}
