/** Graph and data facts both exporters need: order, inputs, and what the values look like. */
import type { NodeOf, PipelineDocument, PipelineEdge, PipelineNode } from '../pipeline';
import { scalar, UNKNOWN, type Scalar, type ValueType } from './types';

/** Nodes in an order where every node comes after all its inputs (the document is acyclic). */
export function topoOrder(doc: PipelineDocument): PipelineNode[] {
  const indeg = new Map(doc.nodes.map((n) => [n.id, 0]));
  for (const e of doc.edges) indeg.set(e.to, (indeg.get(e.to) ?? 0) + 1);
  const ready = doc.nodes.filter((n) => indeg.get(n.id) === 0);
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const out: PipelineNode[] = [];
  while (ready.length > 0) {
    const n = ready.shift()!;
    out.push(n);
    for (const e of doc.edges.filter((x) => x.from === n.id)) {
      const d = (indeg.get(e.to) ?? 0) - 1;
      indeg.set(e.to, d);
      if (d === 0) ready.push(byId.get(e.to)!);
    }
  }
  return out;
}

export function incoming(doc: PipelineDocument, id: string): PipelineEdge[] {
  return doc.edges.filter((e) => e.to === id);
}

export function scalarOf(v: unknown): Scalar | null {
  if (typeof v === 'number') return Number.isInteger(v) ? 'long' : 'double';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'boolean';
  return null;
}

/** Joins two scalar types: long and double make double; anything else must match. */
export function joinScalar(a: Scalar | null, b: Scalar | null): Scalar | null {
  if (a === null || b === null) return null;
  if (a === b) return a;
  if ((a === 'long' && b === 'double') || (a === 'double' && b === 'long')) return 'double';
  return null;
}

/** The type of a list of sample values: one scalar type, or records with scalar fields. */
export function inferValueType(values: unknown[]): ValueType {
  if (values.length === 0) return UNKNOWN;
  if (values.every((v) => v !== null && typeof v === 'object' && !Array.isArray(v))) {
    const fields: Record<string, Scalar> = {};
    for (const v of values as Record<string, unknown>[]) {
      for (const [k, x] of Object.entries(v)) {
        const t = scalarOf(x);
        if (t === null) return UNKNOWN;
        const joined = k in fields ? joinScalar(fields[k], t) : t;
        if (joined === null) return UNKNOWN;
        fields[k] = joined;
      }
    }
    return { kind: 'record', fields };
  }
  let t: Scalar | null = scalarOf(values[0]);
  for (const v of values) t = joinScalar(t, scalarOf(v));
  return t ? scalar(t) : UNKNOWN;
}

export function sameValueType(a: ValueType, b: ValueType): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The rows of a File source, parsed as the engine does (CSV numbers become numbers). */
export function fileRows(c: NodeOf<'file'>['config']): Record<string, unknown>[] {
  const lines = c.content.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (c.format === 'jsonl') {
    const rows: Record<string, unknown>[] = [];
    for (const l of lines) {
      try {
        const v: unknown = JSON.parse(l);
        rows.push(
          v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : { value: v },
        );
      } catch {
        // A bad line is reported by the engine; the export just skips it.
      }
    }
    return rows;
  }
  if (lines.length === 0) return [];
  const split = (l: string) => l.split(',').map((s) => s.trim().replace(/^"(.*)"$/, '$1'));
  const header = split(lines[0]);
  return lines.slice(1).map((l) => {
    const cells = split(l);
    const row: Record<string, unknown> = {};
    header.forEach((h, i) => {
      const s = cells[i] ?? '';
      row[h] = s !== '' && /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s) ? Number(s) : s;
    });
    return row;
  });
}

/** CSV header fields of a File source (in file order), or the union of JSON keys. */
export function fileFields(c: NodeOf<'file'>['config']): string[] {
  if (c.format === 'csv') {
    const first = c.content.split(/\r?\n/).find((l) => l.trim() !== '');
    return first ? first.split(',').map((s) => s.trim().replace(/^"(.*)"$/, '$1')) : [];
  }
  const keys = new Set<string>();
  for (const r of fileRows(c)) for (const k of Object.keys(r)) keys.add(k);
  return [...keys];
}

/** "2.001" for 2001 ms: exact decimal seconds. */
export function decimalSeconds(ms: number): string {
  const whole = Math.floor(ms / 1000);
  const frac = ms % 1000;
  return frac === 0
    ? String(whole)
    : `${whole}.${String(frac).padStart(3, '0').replace(/0+$/, '')}`;
}

/** A Java/SQL-friendly identifier from a node id (ids are letters, digits, _ and -). */
export function identifier(id: string): string {
  return id.replace(/-/g, '_');
}

/**
 * The steps of a timeline that Streamlab plays: everything up to its first `end` (the engine
 * stops there), and whether there is one (without it the input stays open).
 */
export function playedSteps<T extends { type: string }>(steps: T[]): { steps: T[]; ends: boolean } {
  const end = steps.findIndex((s) => s.type === 'end');
  return end < 0 ? { steps, ends: false } : { steps: steps.slice(0, end), ends: true };
}

/** The note for a timeline without an `end` step: a file or a collection in Flink ends. */
export const OPEN_TIMELINE_NOTE =
  'the script has no end step, so in Streamlab its input stays open and windows still waiting are never fired; the exported source is bounded and, when it is read, sends the maximum watermark, which fires them';
