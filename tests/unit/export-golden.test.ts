import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { exampleDocument, validateDocument, type PipelineDocument } from '../../src/lib/pipeline';
import { exportJava, exportSql } from './export-helpers';

/**
 * Golden files: the complete export of a few representative pipelines, reviewed by hand for
 * faithful semantics (window bounds, watermark delay, lateness, side outputs) and compared here
 * byte for byte. After an intended change, regenerate with
 * `UPDATE_GOLDEN=1 npx vitest run tests/unit/export-golden.test.ts` and review the diff.
 */
const GOLDEN = 'tests/golden/export';

function example(file: string): PipelineDocument {
  const r = validateDocument(JSON.parse(readFileSync(join('docs/examples', file), 'utf8')));
  if (!r.ok) throw new Error(`${file}: ${r.problems.map((p) => p.message).join('; ')}`);
  return r.doc;
}

const CASES: [string, () => PipelineDocument][] = [
  ['clicks', exampleDocument],
  ['late-data', () => example('late-data.json')],
  ['lateness', () => example('lateness.json')],
  ['sliding', () => example('sliding.json')],
  ['session', () => example('session.json')],
  ['parallel', () => example('parallel.json')],
];

function golden(name: string, file: string, actual: string): void {
  const path = join(GOLDEN, name, file);
  if (process.env.UPDATE_GOLDEN) {
    mkdirSync(join(GOLDEN, name), { recursive: true });
    writeFileSync(path, actual);
  }
  expect(existsSync(path), `${path} exists (UPDATE_GOLDEN=1 writes it)`).toBe(true);
  expect(actual, path).toBe(readFileSync(path, 'utf8'));
}

describe('golden exports', () => {
  test.each(CASES)('%s', (name, make) => {
    const d = make();
    const sql = exportSql(d);
    const java = exportJava(d);
    golden(name, 'streamlab.sql', sql.sql);
    golden(name, 'Job.java', java.java);
    golden(name, 'pom.xml', java.pom);
    const notes = (title: string, list: { message: string }[]) =>
      `${title}\n${list.map((n) => `- ${n.message}\n`).join('') || '(exact)\n'}`;
    golden(
      name,
      'notes.txt',
      `${notes('# Flink SQL', sql.result.notes)}\n${notes('# Java', java.result.notes)}`,
    );
  });
});
