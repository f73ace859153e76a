import type { OperatorKind } from '../../pipeline/kinds';
import type { WatermarkStrategy } from '../../pipeline/kinds/common';
import type { NodeOf, PipelineDocument, PipelineEdge } from '../../pipeline';
import type { Scope, Ty } from '../expression/common';
import { ident, sqlType } from '../expression/sql';
import { decimalSeconds } from '../graph';
import type { ValueType } from '../types';

/** A table or view every later statement can select from: columns `key`, the value, `ts`. */
export interface Relation {
  /** Quoted name of the table or view. */
  name: string;
  value: ValueType;
  /** Whether `ts` is an event-time attribute (a WATERMARK is declared on its source table). */
  rowtime: boolean;
}

export interface SqlContext {
  doc: PipelineDocument;
  /** The node's inputs that were exported, with their edges. */
  inputs: { edge: PipelineEdge; rel: Relation }[];
  /** The strategy SQL declares on a source's table (a Watermarks node downstream may set it). */
  strategyFor(sourceId: string, own: WatermarkStrategy): WatermarkStrategy;
  /** The source whose table declares a Watermarks node's strategy, if SQL can place it there. */
  watermarksSource(watermarksId: string): string | null;
  /** Appends a statement (DDL or view) to the script. */
  statement(sql: string): void;
  /** Adds an INSERT INTO (all of them run as one statement set). */
  insert(sql: string): void;
  /** Records where the mapping is not exact; shown to the user and written as a comment. */
  note(message: string): void;
}

/**
 * One export rule per operator kind. It returns the relation the node produces, or null when
 * the node cannot be expressed in SQL (it has noted why); nodes after it are then not exported.
 */
export type SqlRule<K extends OperatorKind> = (node: NodeOf<K>, ctx: SqlContext) => Relation | null;

/** The value's columns, quoted, in order. */
export function valueColumns(v: ValueType): string[] {
  return v.kind === 'record' ? Object.keys(v.fields).map(ident) : [ident('value')];
}

/** Column definitions for a sink or source table. */
export function valueColumnDefs(v: ValueType): string[] {
  if (v.kind === 'record')
    return Object.entries(v.fields).map(([k, t]) => `${ident(k)} ${sqlType(t)}`);
  return [`${ident('value')} ${sqlType(v.kind === 'scalar' ? v.type : 'unknown')}`];
}

/** `key`, value columns, ts — the columns every relation has, as a select list. */
export function allColumns(v: ValueType): string {
  return [ident('key'), ...valueColumns(v), 'ts'].join(', ');
}

export function interval(ms: number): string {
  return `INTERVAL '${decimalSeconds(ms)}' SECOND`;
}

/** What the user's names stand for in a SELECT over a relation. */
export function scopeOf(rel: Relation): Scope {
  const value =
    rel.value.kind === 'record'
      ? { code: '', type: 'record' as Ty, fields: rel.value.fields }
      : {
          code: ident('value'),
          type: (rel.value.kind === 'scalar' ? rel.value.type : 'unknown') as Ty,
        };
  return {
    value,
    key: { code: ident('key'), type: 'string' },
    timestamp: {
      code: '',
      type: 'unknown',
      unavailable:
        'the timestamp in milliseconds has no direct SQL counterpart (the event time is ts, a TIMESTAMP_LTZ(3))',
    },
  };
}

/**
 * The WATERMARK clause for a strategy. A DataStream bounded-out-of-orderness watermark is
 * max − d − 1 ms, SQL's `ts - INTERVAL 'd'` is max − d: so d + 1 ms, as Flink's docs write
 * "ts - INTERVAL '0.001' SECOND" for ascending timestamps (monotonous = bound 0).
 */
export function watermarkClause(s: WatermarkStrategy): string[] {
  if (s.type === 'none') return [];
  const d = s.type === 'monotonous' ? 0 : s.maxOutOfOrderness;
  return [
    `  -- ${s.type === 'monotonous' ? 'Monotonous timestamps' : `Bounded out-of-orderness of ${d} ms`}: the DataStream watermark is max - ${d} - 1 ms;`,
    `  -- SQL's ts - INTERVAL 'x' gives max - x, so x = ${d} ms + 1 ms keeps both the same.`,
    `  WATERMARK FOR ts AS ts - ${interval(d + 1)}`,
  ];
}

/** A TODO placeholder that parses, with the original expression in a comment. */
export function todoSql(placeholder: string, expression: string, reason: string): string {
  const safe = (t: string) => t.replace(/\*\//g, '* /').replace(/\r?\n/g, ' ');
  return `${placeholder} /* TODO: not translated (${safe(reason)}): ${safe(expression)} */`;
}
