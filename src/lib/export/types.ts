import type { PipelineDocument } from '../pipeline';

/** One generated file: its path inside the exported project and its text. */
export interface ExportFile {
  path: string;
  /** What the file is written in, for highlighting and download type. */
  language: 'sql' | 'java' | 'xml';
  content: string;
}

/** A place where the export is not an exact mapping of the pipeline. */
export interface ExportNote {
  /** The node the note is about, if any. */
  nodeId?: string;
  /** The sentence shown to the user (a node's note starts with the node's label). */
  message: string;
  /**
   * The text of the `NOTE:` comment written in the generated code where the mapping is not
   * exact: every note has exactly one such comment, and every such comment has a note.
   */
  detail: string;
}

export interface ExportResult {
  files: ExportFile[];
  /** Everything not exported exactly, in pipeline order; also written as comments in the files. */
  notes: ExportNote[];
}

/**
 * A target engine. `generate` never throws on a valid document: what it cannot express
 * becomes a TODO in the code and a note.
 */
export interface Exporter {
  id: string;
  label: string;
  generate(doc: PipelineDocument): ExportResult;
}

/** The type of a record's value as far as the export can tell. */
export type Scalar = 'long' | 'double' | 'string' | 'boolean';
export type ValueType =
  | { kind: 'scalar'; type: Scalar }
  | { kind: 'record'; fields: Record<string, Scalar> }
  | { kind: 'unknown' };

export const scalar = (type: Scalar): ValueType => ({ kind: 'scalar', type });
export const UNKNOWN: ValueType = { kind: 'unknown' };
