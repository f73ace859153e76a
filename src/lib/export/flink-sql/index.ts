/**
 * Flink SQL export: SET statements, a CREATE TABLE per source (with its WATERMARK), a view per
 * operator named after the node id, and a sink table with INSERT INTO per sink. What SQL cannot
 * express is noted, and the nodes after it are left out rather than approximated.
 */
import { kindInfo, type PipelineDocument, type PipelineNode } from '../../pipeline';
import type { WatermarkStrategy } from '../../pipeline/kinds/common';
import { commentSafe } from '../expression/common';
import { incoming, topoOrder } from '../graph';
import type { Exporter, ExportNote, ExportResult } from '../types';
import type { Relation, SqlContext } from './context';
import { SQL_RULES } from './rules';
import { setStatement, settingsStatements } from './settings';

const SOURCE_KINDS = new Set(['generator', 'timeline', 'file']);
/** Steps a source's event time passes through unchanged, so its watermark can be declared upstream. */
const PASS_THROUGH = new Set(['map', 'filter', 'flatMap', 'keyBy']);

/** Watermarks nodes SQL can declare on a source table: node id → source id. */
function placeWatermarks(doc: PipelineDocument): Map<string, string> {
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const placed = new Map<string, string>();
  for (const n of doc.nodes) {
    if (n.kind !== 'watermarks' || n.config.timestamp.trim() !== 'timestamp') continue;
    let cur: PipelineNode | undefined = n;
    for (;;) {
      const ins = incoming(doc, cur.id);
      if (ins.length !== 1) break;
      const up = byId.get(ins[0].from);
      if (!up) break;
      if (SOURCE_KINDS.has(up.kind)) {
        // Only one Watermarks node can own a source's table.
        if (![...placed.values()].includes(up.id)) placed.set(n.id, up.id);
        break;
      }
      if (!PASS_THROUGH.has(up.kind)) break;
      cur = up;
    }
  }
  return placed;
}

function label(node: PipelineNode): string {
  return `${kindInfo(node.kind)?.label ?? node.kind} "${node.name || node.id}" (node ${node.id})`;
}

function generate(doc: PipelineDocument): ExportResult {
  const notes: ExportNote[] = [];
  const head = settingsStatements(doc, notes);
  const body: string[] = [];
  const inserts: string[] = [];
  const rels = new Map<string, Relation | null>();
  const placed = placeWatermarks(doc);
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  /** Idleness of every source table that declares a watermark (null: none). */
  const idleness: (number | null)[] = [];

  for (const node of topoOrder(doc)) {
    const statements: string[] = [];
    const nodeNotes: string[] = [];
    const note = (message: string) => {
      // One line: a user's expression may span lines, and a line comment must not.
      const detail = commentSafe(message);
      nodeNotes.push(detail);
      notes.push({ nodeId: node.id, message: `${label(node)}: ${detail}`, detail });
    };
    const inputs: SqlContext['inputs'] = [];
    let missing: string | null = null;
    for (const edge of incoming(doc, node.id)) {
      const rel = rels.get(edge.from);
      if (edge.fromPort === 'late')
        missing = `the late-data side output of ${edge.from}, which SQL does not have`;
      else if (!rel) missing = `${edge.from}, which is not exported to SQL`;
      else inputs.push({ edge, rel });
    }
    if (missing !== null) {
      note(`not exported: it follows ${missing}`);
      rels.set(node.id, null);
      body.push([`-- ${label(node)}`, ...nodeNotes.map((n) => `-- NOTE: ${n}`)].join('\n'));
      continue;
    }
    const ctx: SqlContext = {
      doc,
      inputs,
      strategyFor(sourceId: string, own: WatermarkStrategy): WatermarkStrategy {
        const wm = [...placed].find(([, s]) => s === sourceId);
        const w = wm ? byId.get(wm[0]) : undefined;
        const strategy = w?.kind === 'watermarks' ? w.config.strategy : own;
        if (strategy.type !== 'none') idleness.push(strategy.idleness);
        return strategy;
      },
      watermarksSource: (id) => placed.get(id) ?? null,
      statement: (sql) => statements.push(sql),
      insert: (sql) => inserts.push(`-- ${label(node)}\n${sql}`),
      note,
    };
    if (node.chaining === 'startNewChain' || node.chaining === 'disableChaining')
      note(
        `${node.chaining}() is not exported: Flink SQL has no per-operator chaining, its planner chains operators itself`,
      );
    const rule = SQL_RULES[node.kind] as (n: PipelineNode, c: SqlContext) => Relation | null;
    rels.set(node.id, rule(node, ctx));
    const header = [`-- ${label(node)}`, ...nodeNotes.map((n) => `-- NOTE: ${n}`)];
    body.push([...header, ...statements].join('\n'));
  }

  const idle = idleness.filter((x) => x !== null);
  if (idle.length > 0) {
    const min = Math.min(...idle);
    // SQL has one idle timeout for all sources: exact only when every source has the same one.
    if (new Set(idleness).size > 1) {
      const message = `SQL has one idle timeout for every source; the shortest (${min} ms) is used, also for sources with ${idleness.includes(null) ? 'no idleness or ' : ''}a longer one`;
      notes.push({ message, detail: message });
      head.push(`-- NOTE: ${message}`);
    }
    head.push(setStatement('table.exec.source.idle-timeout', `${min} ms`));
  }

  const tail =
    inserts.length === 0
      ? ['-- No sink is exported, so there is nothing to INSERT INTO.']
      : inserts.length === 1
        ? inserts
        : ['BEGIN STATEMENT SET;', ...inserts, 'END;'];

  const intro = [
    `-- Flink SQL generated by Streamlab from the pipeline "${doc.name}".`,
    '-- Run it in the SQL client: ./bin/sql-client.sh -f streamlab.sql',
    '-- Every record has the columns `key`, its value, and ts (the event time, TIMESTAMP_LTZ(3)).',
  ];
  if (notes.length > 0)
    intro.push(
      '--',
      '-- Where this is not an exact mapping of the pipeline:',
      ...notes.map((n) => `--  * ${n.message}`),
    );
  const content =
    [intro.join('\n'), head.join('\n'), ...body, tail.join('\n\n')].join('\n\n') + '\n';
  return { files: [{ path: 'streamlab.sql', language: 'sql', content }], notes };
}

export const flinkSqlExporter: Exporter = { id: 'flink-sql', label: 'Flink SQL', generate };
