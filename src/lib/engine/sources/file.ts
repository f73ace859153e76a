/**
 * The file source: CSV with a header line, or JSON lines, from `content`. Subtask 0 reads the
 * whole file (one file is one split, as in Flink's FileSource); other subtasks end at once.
 * Row k is emitted at processing time floor(k · 1000 / rate). The record's value is the row
 * object (CSV fields that look like numbers become numbers), its key is row[keyField] (or null),
 * its event time is row[timestampField]: a number of ms, or a date string parsed with Date.parse.
 * A row without a usable timestamp gets timestamp 0.
 */
import type { NodeOf } from '../../pipeline/types';
import type { Key } from '../api';
import type { SourceEmitter, SourceFactory, SourceReader } from './types';

type Row = Record<string, unknown>;

function parseCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function cell(s: string): unknown {
  const t = s.trim();
  if (t !== '' && /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return Number(t);
  return s;
}

/** Parses the file content into rows; throws an Error naming the line on bad JSON. */
export function parseRows(format: 'csv' | 'jsonl', content: string): Row[] {
  const lines = content.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (format === 'jsonl') {
    return lines.map((l, i) => {
      try {
        const v: unknown = JSON.parse(l);
        return v !== null && typeof v === 'object' ? (v as Row) : { value: v };
      } catch {
        throw new Error(`line ${i + 1} is not valid JSON`);
      }
    });
  }
  if (lines.length === 0) return [];
  const header = parseCsvLine(lines[0]).map((h) => h.trim());
  return lines.slice(1).map((l) => {
    const cells = parseCsvLine(l);
    const row: Row = {};
    header.forEach((h, i) => (row[h] = cell(cells[i] ?? '')));
    return row;
  });
}

function toTimestamp(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return Math.floor(v);
  if (typeof v === 'string') {
    const n = Date.parse(v);
    if (Number.isFinite(n)) return n;
  }
  return null;
}

function toKey(v: unknown): Key {
  if (v === undefined || v === null) return null;
  return typeof v === 'number' ? v : String(v);
}

class FileReader implements SourceReader {
  private k = 0;
  private done = false;
  constructor(
    private readonly rows: Row[],
    private readonly period: number,
    private readonly tsField: string,
    private readonly keyField: string | null,
  ) {}

  nextTime(): number | null {
    if (this.done) return null;
    return Math.floor(Math.min(this.k, this.rows.length) * this.period);
  }

  step(out: SourceEmitter): void {
    if (this.k >= this.rows.length) {
      this.done = true;
      out.end();
      return;
    }
    const row = this.rows[this.k++];
    const ts = toTimestamp(row[this.tsField]);
    out.record(this.keyField === null ? null : toKey(row[this.keyField]), row, ts ?? 0);
  }

  /** Checkpoint state: the offset (the rows themselves are the file, not state). */
  snapshot(): { k: number; done: boolean } {
    return { k: this.k, done: this.done };
  }

  restore(state: { k: number; done: boolean }): void {
    this.k = state.k;
    this.done = state.done;
  }
}

export const fileSourceFactory: SourceFactory = (node) => {
  const c = (node as NodeOf<'file'>).config;
  let rows: Row[];
  try {
    rows = parseRows(c.format, c.content);
  } catch (e) {
    throw new Error(`node ${node.id}, config.content: ${(e as Error).message}`, { cause: e });
  }
  return {
    watermarks: c.watermarks,
    reader(subtask) {
      return new FileReader(subtask === 0 ? rows : [], 1000 / c.rate, c.timestampField, c.keyField);
    },
  };
};
