import { flinkJavaExporter } from './flink-java';
import { flinkSqlExporter } from './flink-sql';
import type { Exporter } from './types';

/**
 * Code generation for real engines (Flink SQL, Flink DataStream Java). Each target is an
 * exporter; the UI offers what is registered here.
 */
export type { Exporter, ExportFile, ExportNote, ExportResult } from './types';

export const EXPORTERS: readonly Exporter[] = [flinkSqlExporter, flinkJavaExporter];

export function exporterById(id: string): Exporter | undefined {
  return EXPORTERS.find((e) => e.id === id);
}
