import { CURRENT_VERSION } from './schema';

/**
 * Migrations from older document versions, keyed by the version they upgrade from.
 * Each takes a plain JSON object of version n and returns one of version n + 1.
 * Version 1 is the first; when version 2 arrives, its migration goes here.
 */
const MIGRATIONS: Record<number, (doc: Record<string, unknown>) => Record<string, unknown>> = {};

export type MigrationResult =
  { ok: true; doc: unknown; migratedFrom: number | null } | { ok: false; message: string };

export function migrate(input: unknown): MigrationResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, message: 'A pipeline document must be a JSON object.' };
  }
  let doc = input as Record<string, unknown>;
  const version = doc.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, message: `version: must be a whole number from 1 to ${CURRENT_VERSION}.` };
  }
  if (version > CURRENT_VERSION) {
    return {
      ok: false,
      message: `version: this document is version ${version}, made by a newer Streamlab; this one reads up to version ${CURRENT_VERSION}.`,
    };
  }
  for (let v = version; v < CURRENT_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) return { ok: false, message: `version: no migration from version ${v}.` };
    doc = step(doc);
  }
  return { ok: true, doc, migratedFrom: version === CURRENT_VERSION ? null : version };
}
