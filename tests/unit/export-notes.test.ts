import { describe, expect, test } from 'vitest';
import { KINDS, validateDocument, type PipelineDocument } from '../../src/lib/pipeline';
import { doc, edge, exportJava, exportSql, expectNotesAtTheirPlace, gen } from './export-helpers';

/** The notes of both targets, as the user reads them. */
function notes(d: PipelineDocument) {
  const sql = exportSql(d).result;
  const java = exportJava(d).result;
  expectNotesAtTheirPlace(sql);
  expectNotesAtTheirPlace(java);
  return { sql: sql.notes.map((n) => n.message), java: java.notes.map((n) => n.message) };
}

describe('the unmapped-features list is exact', () => {
  test('a scripted timeline into session windows', () => {
    const d = doc({
      nodes: [
        {
          id: 'script',
          kind: 'timeline',
          config: {
            steps: [
              { type: 'record', key: 'a', value: 1, timestamp: 1000 },
              { type: 'record', key: 'a', value: 2, timestamp: 2500 },
              { type: 'watermark', timestamp: 9000 },
              { type: 'record', key: 'b', value: 5, timestamp: 9500 },
            ],
          },
        },
        { id: 'keys', kind: 'keyBy' },
        { id: 'sessions', kind: 'sessionWindow', config: { gap: 3000, function: { type: 'sum' } } },
        { id: 'out', kind: 'tableSink' },
      ],
      edges: [
        edge('script', 'keys'),
        edge('keys', 'sessions', { partitioning: 'hash' }),
        edge('sessions', 'out'),
      ],
    });
    const open =
      'Timeline source "script" (node script): the script has no end step, so in Streamlab its input stays open and windows still waiting are never fired; the exported source is bounded and, when it is read, sends the maximum watermark, which fires them';
    expect(notes(d)).toEqual({
      sql: [
        'Timeline source "script" (node script): a scripted timeline has no SQL source: exported as a filesystem CSV table (write the rows listed in the comment to the path); its scripted watermarks and clock advances are not exported, the table declares ascending timestamps instead',
        open,
        'Session window "sessions" (node sessions): session windows use the group-window form GROUP BY SESSION(...): the SESSION table function is newer than the Flink 1.16 grammar this export is checked against',
      ],
      // The scripted watermarks, the session windows and the sum map exactly to Java.
      java: [open],
    });
  });

  test('generator distributions and an expression that cannot be translated', () => {
    const d = doc({
      nodes: [
        gen('gen', {
          keys: { distribution: 'zipf' },
          values: { distribution: 'normal' },
          outOfOrderness: { distribution: 'exponential', max: 900 },
          late: { share: 0.05, by: 4000 },
          idle: [{ from: 1000, to: 2000 }],
        }),
        { id: 'fmt', kind: 'map', config: { expression: 'value.toFixed(2)' } },
        { id: 'log', kind: 'logSink' },
      ],
      edges: [edge('gen', 'fmt'), edge('fmt', 'log')],
    });
    expect(notes(d)).toEqual({
      sql: [
        'Generator source "gen" (node gen): keys are uniform in datagen; the Zipf key distribution is not exported',
        'Generator source "gen" (node gen): values are uniform in datagen; the normal value distribution is not exported',
        'Generator source "gen" (node gen): datagen delays event time uniformly up to max-past; the exponential delay is not exported',
        'Generator source "gen" (node gen): late events (5% delayed by 4000 ms) are not exported: datagen cannot generate them',
        'Generator source "gen" (node gen): idle periods are not exported: datagen emits at a steady rate',
        'Generator source "gen" (node gen): datagen draws from the same ranges but not the same sequence as Streamlab\u2019s seeded generator, and its event time is wall-clock time',
        'Map "fmt" (node fmt): Map expression not translated (this function call is not translated to SQL): value.toFixed(2)',
      ],
      // Java draws Zipf keys, normal values, exponential and late delays as Streamlab does.
      java: [
        'Generator source "gen" (node gen): idle periods are not exported: DataGeneratorSource emits at a steady rate',
        'Generator source "gen" (node gen): the generator draws from the same distributions as Streamlab, but not the same sequence, and its event time is wall-clock time',
        'Map "fmt" (node fmt): the Map expression is not translated (this function call is not translated); it is a TODO in Job.java: value.toFixed(2)',
      ],
    });
  });

  test('a processing-time trigger SQL cannot express, an exactly-once sink, settings', () => {
    const d = doc({
      settings: { timeCharacteristic: 'processing', bufferCapacity: 8 },
      nodes: [
        gen('gen', {}, 2),
        { id: 'keys', kind: 'keyBy', parallelism: 2 },
        {
          id: 'win',
          kind: 'tumblingWindow',
          config: {
            time: 'processing',
            size: 10000,
            trigger: { type: 'continuousProcessingTime', interval: 1000 },
          },
        },
        { id: 'out', kind: 'tableSink', config: { guarantee: 'exactly-once' } },
      ],
      edges: [
        edge('gen', 'keys'),
        edge('keys', 'win', { partitioning: 'hash' }),
        edge('win', 'out'),
      ],
    });
    const generator =
      'Generator source "gen" (node gen): the generator draws from the same distributions as Streamlab, but not the same sequence, and its event time is wall-clock time';
    expect(notes(d)).toEqual({
      sql: [
        'SQL has one default parallelism; the per-operator parallelism (2, 1) is exported as 2 for all operators',
        'the processing-time characteristic is not exported: the SQL tables declare event time (ts) from the data',
        "the channel capacity of 8 records is a Streamlab simulation setting and is not exported: Flink's backpressure comes from its network buffers",
        'Generator source "gen" (node gen): datagen draws from the same ranges but not the same sequence as Streamlab\u2019s seeded generator, and its event time is wall-clock time',
        'Tumbling window "win" (node win): not exported to SQL, nor anything after it: processing-time windows need a PROCTIME() attribute, which this export does not declare',
        'Table sink "out" (node out): not exported: it follows win, which is not exported to SQL',
      ],
      java: [
        "the processing-time characteristic is not exported: the job uses each source's watermark strategy over the records' timestamps",
        "the channel capacity of 8 records is a Streamlab simulation setting and is not exported: Flink's backpressure comes from its network buffers",
        generator,
        'Table sink "out" (node out): exactly-once delivery is not exported: print() is not transactional; use a two-phase-commit sink (e.g. KafkaSink with DeliveryGuarantee.EXACTLY_ONCE)',
      ],
    });
  });

  test('the same pipeline with nothing Streamlab-only maps exactly to Java', () => {
    const d = doc({
      nodes: [
        {
          id: 'script',
          kind: 'timeline',
          config: {
            steps: [
              { type: 'record', key: 'a', value: 1, timestamp: 1000 },
              { type: 'watermark', timestamp: 6000 },
              { type: 'end' },
              // Never played: the engine stops at `end`, and so does the export.
              { type: 'record', key: 'a', value: 99, timestamp: 1500 },
            ],
          },
        },
        { id: 'keys', kind: 'keyBy' },
        { id: 'win', kind: 'tumblingWindow', config: { size: 5000, allowedLateness: 1000 } },
        { id: 'out', kind: 'logSink' },
      ],
      edges: [
        edge('script', 'keys'),
        edge('keys', 'win', { partitioning: 'hash' }),
        edge('win', 'out'),
      ],
    });
    const { java, result } = exportJava(d);
    expect(result.notes).toEqual([]);
    expect(java).not.toContain('NOTE:');
    expect(java).toContain('Event.of("a", 1L, 1000L)');
    expect(java).not.toContain('99L');
  });
});

/**
 * One minimal valid pipeline around a node of the given kind with its default config: sources
 * feed it (through a KeyBy with hash partitioning when that is what validation asks for) and a
 * sink reads its output. Tries the plain wiring first, then keyed inputs and a hash-partitioned output.
 */
function around(kind: (typeof KINDS)[number]): PipelineDocument {
  const inputs = kind.inputs === 0 ? 0 : kind.inputs === 1 ? 1 : 2;
  const attempts: string[] = [];
  for (const [keyed, out] of [
    [false, 'forward'],
    [true, 'forward'],
    [false, 'hash'],
    [true, 'hash'],
  ] as const) {
    const nodes: Record<string, unknown>[] = [{ id: 'node', kind: kind.kind, name: 'Node' }];
    const edges: Record<string, unknown>[] = [];
    // Two-input kinds (joins) read a left and a right port; a union reads many mains.
    const ports = String(kind.inputs) === '2' ? ['left', 'right'] : ['main', 'main'];
    for (let i = 0; i < inputs; i++) {
      nodes.push(gen(`in${i}`));
      if (keyed) {
        nodes.push({ id: `key${i}`, kind: 'keyBy' });
        edges.push(edge(`in${i}`, `key${i}`));
        edges.push({ ...edge(`key${i}`, 'node'), toPort: ports[i], partitioning: 'hash' });
      } else edges.push({ ...edge(`in${i}`, 'node'), toPort: ports[i] });
    }
    if (kind.output) {
      nodes.push({ id: 'sink', kind: 'logSink' });
      edges.push(edge('node', 'sink', { partitioning: out }));
    }
    const r = validateDocument({ version: 1, name: kind.kind, nodes, edges });
    if (r.ok) return r.doc;
    attempts.push(r.problems.map((p) => p.message).join('; '));
  }
  throw new Error(`no minimal pipeline for ${kind.kind}: ${attempts.join(' | ')}`);
}

describe('every operator kind has an export rule or an explicit note', () => {
  test.each(KINDS.map((k) => [k.kind, k] as const))('%s', (_name, kind) => {
    const d = around(kind);
    const sql = exportSql(d);
    const java = exportJava(d);
    for (const { result } of [sql, java]) expectNotesAtTheirPlace(result);
    const noted = (notesOf: { nodeId?: string }[]) => notesOf.some((n) => n.nodeId === 'node');
    // Java: the node is an operator with its id as uid, or a note says why it is not exactly one.
    const notOperator = /^(keyBy|union)$/.test(kind.kind);
    if (!noted(java.result.notes) && !notOperator) expect(java.java).toContain('.uid("node")');
    // SQL: the node is a table or view named by its id, or a note says why not.
    if (!noted(sql.result.notes) && kind.kind !== 'keyBy')
      expect(sql.sql).toMatch(/CREATE (TABLE|TEMPORARY VIEW) `node`/);
    // Either way the node is named in the code, so a reader finds it.
    expect(sql.sql).toContain('(node node)');
    expect(java.java).toContain('(node node)');
  });
});

describe('chaining', () => {
  test('Java writes the chaining calls; SQL, which has no per-operator chaining, notes them', () => {
    const d = doc({
      nodes: [
        gen('src'),
        { id: 'm', kind: 'map', chaining: 'startNewChain', config: { expression: 'value + 1' } },
        { id: 'out', kind: 'logSink', chaining: 'disableChaining' },
      ],
      edges: [edge('src', 'm'), edge('m', 'out')],
    });
    const n = notes(d);
    expect(n.java.filter((x) => /chain/i.test(x))).toEqual([]);
    expect(n.sql.filter((x) => /chain/i.test(x))).toEqual([
      'Map "m" (node m): startNewChain() is not exported: Flink SQL has no per-operator chaining, its planner chains operators itself',
      'Log sink "out" (node out): disableChaining() is not exported: Flink SQL has no per-operator chaining, its planner chains operators itself',
    ]);
  });
});
