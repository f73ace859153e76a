import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { validateDocument, type PipelineDocument } from '../../src/lib/pipeline';
import { documentsIn, exportJava, exportSql, expectNotesAtTheirPlace } from './export-helpers';

/**
 * Every example a person can open (docs/examples/*.json and whatever src/lib/pipeline/examples*
 * exports, including a gallery added later) exports to Flink SQL and Java that parse, with its
 * notes at their place.
 */
function examples(): [string, PipelineDocument][] {
  const found: [string, unknown][] = [];
  for (const f of readdirSync('docs/examples').filter((x) => x.endsWith('.json')))
    found.push([`docs/examples/${f}`, JSON.parse(readFileSync(join('docs/examples', f), 'utf8'))]);
  const modules = import.meta.glob(
    [
      '../../src/lib/pipeline/examples*.ts',
      '../../src/lib/pipeline/examples/**/*.ts',
      '../../src/lib/pipeline/examples/**/*.json',
    ],
    { eager: true },
  );
  for (const [path, mod] of Object.entries(modules)) {
    for (const [name, value] of Object.entries(mod as Record<string, unknown>)) {
      let v = value;
      // Builders such as exampleDocument(): called when they take no argument.
      if (typeof v === 'function' && v.length === 0 && /example|document|gallery/i.test(name))
        v = (v as () => unknown)();
      documentsIn(v).forEach((d, i) => found.push([`${path}#${name}[${i}]`, d]));
    }
  }
  return found.map(([name, json]) => {
    const r = validateDocument(structuredClone(json));
    if (!r.ok)
      throw new Error(`${name} is invalid: ${r.problems.map((p) => p.message).join('; ')}`);
    return [name, r.doc];
  });
}

const all = examples();

describe('every example exports to Flink', () => {
  test('the examples are found (docs and the built-in ones)', () => {
    const names = all.map(([n]) => n);
    expect(names.filter((n) => n.startsWith('docs/examples/')).length).toBe(
      readdirSync('docs/examples').filter((x) => x.endsWith('.json')).length,
    );
    expect(names.some((n) => n.includes('src/lib/pipeline/examples'))).toBe(true);
  });

  test.each(all)('%s: Flink SQL that parses, notes at their place', (_name, doc) => {
    const { result } = exportSql(doc);
    expectNotesAtTheirPlace(result);
  });

  test.each(all)('%s: Java that parses, a uid per operator, notes at their place', (_name, doc) => {
    const { java, result } = exportJava(doc);
    expectNotesAtTheirPlace(result);
    // Savepoints line up: every node that becomes a Flink operator has its id as the uid.
    for (const n of doc.nodes) {
      const noOperator =
        (n.kind === 'keyBy' && n.config.expression.trim() === 'key') || n.kind === 'union';
      if (
        !noOperator &&
        !result.notes.some((x) => x.nodeId === n.id && /not exported/.test(x.message))
      )
        expect(java, `uid of ${n.id}`).toContain(`.uid(${JSON.stringify(n.id)})`);
    }
  });
});
