import type { PipelineDocument } from '../pipeline';

/**
 * Code generation for real engines (Flink SQL, Flink DataStream Java). Each target is an
 * exporter; none is registered yet, and the UI offers only what is registered here.
 */
export interface Exporter {
  id: string;
  label: string;
  /** Returns the generated files by name. */
  generate(doc: PipelineDocument): Record<string, string>;
}

export const EXPORTERS: readonly Exporter[] = [];
