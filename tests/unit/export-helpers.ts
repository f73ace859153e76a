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

/**
 * The notes list is exact: each note has its `NOTE:` comment in the generated code (as often as
 * the same text is noted), and the code has no `NOTE:` comment that is not in the list.
 */
export function expectNotesAtTheirPlace(result: ExportResult): void {
  const code = result.files
    .filter((f) => f.language !== 'xml')
    .map((f) => f.content)
    .join('\n');
  const comments = [...code.matchAll(/(?:--|\/\/) NOTE: (.*)$/gm)].map((m) => m[1]);
  expect(comments.sort(), 'NOTE comments in the code').toEqual(
    result.notes.map((n) => n.detail).sort(),
  );
  for (const n of result.notes) {
    if (n.nodeId === undefined) expect(n.message).toBe(n.detail);
    else expect(n.message.endsWith(`(node ${n.nodeId}): ${n.detail}`)).toBe(true);
  }
}

/** Every document-shaped value (version and nodes) in a module's exports, searched shallowly. */
export function documentsIn(value: unknown, depth = 0): unknown[] {
  if (value === null || typeof value !== 'object' || depth > 3) return [];
  if ('version' in value && 'nodes' in value && Array.isArray(value.nodes)) return [value];
  const children = Array.isArray(value) ? value : Object.values(value);
  return children.flatMap((v) => documentsIn(v, depth + 1));
}
