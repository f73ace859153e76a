import type { SqlRule } from '../context';
import { ident, sqlString, sqlType } from '../../expression/sql';
import { fileFields, fileRows, inferValueType, OPEN_TIMELINE_NOTE, playedSteps } from '../../graph';
import { scalar, type ValueType } from '../../types';
import { valueColumnDefs, valueColumns, watermarkClause } from '../context';

/** Commas between column definitions, skipping comment lines. */
function columnList(defs: string[]): string[] {
  const last = defs.map((d) => !d.trim().startsWith('--')).lastIndexOf(true);
  return defs.map((d, i) => (d.trim().startsWith('--') || i === last ? d : `${d},`));
}

function createTable(name: string, defs: string[], options: [string, string][]): string {
  const opts = options.map(
    ([k, v], i) => `  ${sqlString(k)} = ${sqlString(v)}${i < options.length - 1 ? ',' : ''}`,
  );
  const cols = columnList(defs.map((d) => (d.startsWith('  ') ? d : `  ${d}`)));
  return `CREATE TABLE ${name} (\n${cols.join('\n')}\n) WITH (\n${opts.join('\n')}\n);`;
}

export const generator: SqlRule<'generator'> = (node, ctx) => {
  const c = node.config;
  const strategy = ctx.strategyFor(node.id, c.watermarks);
  const valueType = c.values.integer ? 'long' : 'double';
  const raw = ident(`${node.id}_datagen`);
  const min = c.values.min;
  const max = c.values.distribution === 'constant' ? c.values.min : c.values.max;
  const bound = (x: number) => (c.values.integer ? String(Math.round(x)) : String(x));
  const options: [string, string][] = [
    ['connector', 'datagen'],
    // Streamlab's rate is per source subtask; datagen's is for the whole source.
    ['rows-per-second', String(c.rate * node.parallelism)],
  ];
  if (c.count !== null) options.push(['number-of-rows', String(c.count)]);
  options.push(
    ['fields.key_number.kind', 'random'],
    ['fields.key_number.min', '1'],
    ['fields.key_number.max', String(c.keys.count)],
    ['fields.value.kind', 'random'],
    ['fields.value.min', bound(min)],
    ['fields.value.max', bound(max)],
    // Event time = now − a random delay up to max-past, as the generator's out-of-orderness.
    [
      'fields.ts.max-past',
      String(c.outOfOrderness.distribution === 'none' ? 0 : c.outOfOrderness.max),
    ],
  );
  if (c.keys.distribution === 'zipf')
    ctx.note('keys are uniform in datagen; the Zipf key distribution is not exported');
  if (c.values.distribution === 'normal')
    ctx.note('values are uniform in datagen; the normal value distribution is not exported');
  if (c.outOfOrderness.distribution === 'exponential')
    ctx.note(
      'datagen delays event time uniformly up to max-past; the exponential delay is not exported',
    );
  if (c.late.share > 0)
    ctx.note(
      `late events (${c.late.share * 100}% delayed by ${c.late.by} ms) are not exported: datagen cannot generate them`,
    );
  if (c.idle.length > 0) ctx.note('idle periods are not exported: datagen emits at a steady rate');
  ctx.note(
    'datagen draws from the same ranges but not the same sequence as Streamlab\u2019s seeded generator, and its event time is wall-clock time',
  );
  ctx.statement(
    createTable(
      raw,
      [
        'key_number INT',
        `${ident('value')} ${sqlType(valueType)}`,
        'ts TIMESTAMP_LTZ(3)',
        ...watermarkClause(strategy),
      ],
      options,
    ),
  );
  ctx.statement(
    `CREATE TEMPORARY VIEW ${ident(node.id)} AS\nSELECT ${sqlString(c.keys.prefix)} || CAST(key_number AS STRING) AS ${ident('key')}, ${ident('value')}, ts\nFROM ${raw};`,
  );
  return { name: ident(node.id), value: scalar(valueType), rowtime: strategy.type !== 'none' };
};

export const timeline: SqlRule<'timeline'> = (node, ctx) => {
  // Only what Streamlab plays: the steps before the first `end`.
  const { steps, ends } = playedSteps(node.config.steps);
  const records = steps.flatMap((s) => (s.type === 'record' ? [s] : []));
  const value: ValueType = inferValueType(records.map((r) => r.value));
  const strategy = ctx.strategyFor(node.id, { type: 'monotonous', idleness: null });
  ctx.note(
    'a scripted timeline has no SQL source: exported as a filesystem CSV table (write the rows listed in the comment to the path); its scripted watermarks and clock advances are not exported, the table declares ascending timestamps instead',
  );
  if (!ends) ctx.note(OPEN_TIMELINE_NOTE);
  if (value.kind === 'unknown')
    ctx.note('the timeline\u2019s values have mixed types; exported as STRING');
  const lines = records.map((r) => {
    const cells =
      value.kind === 'record'
        ? Object.keys(value.fields).map((f) =>
            String((r.value as Record<string, unknown>)[f] ?? ''),
          )
        : [typeof r.value === 'string' ? r.value : JSON.stringify(r.value)];
    return [r.key ?? '', ...cells, String(r.timestamp)].join(',');
  });
  ctx.statement(
    [
      `-- Rows of timeline ${node.id} (key, value, timestamp in ms), to save as the CSV file at 'path':`,
      ...lines.map((l) => `--   ${l}`),
      createTable(
        ident(`${node.id}_file`),
        [
          `${ident('key')} STRING`,
          ...valueColumnDefs(value),
          'ts_ms BIGINT',
          'ts AS TO_TIMESTAMP_LTZ(ts_ms, 3)',
          ...watermarkClause(strategy),
        ],
        [
          ['connector', 'filesystem'],
          ['path', `file:///TODO/path/to/${node.id}.csv`],
          ['format', 'csv'],
        ],
      ),
    ].join('\n'),
  );
  ctx.statement(
    `CREATE TEMPORARY VIEW ${ident(node.id)} AS\nSELECT NULLIF(${ident('key')}, '') AS ${ident('key')}, ${valueColumns(value).join(', ')}, ts\nFROM ${ident(`${node.id}_file`)};`,
  );
  return { name: ident(node.id), value, rowtime: strategy.type !== 'none' };
};

export const file: SqlRule<'file'> = (node, ctx) => {
  const c = node.config;
  const strategy = ctx.strategyFor(node.id, c.watermarks);
  const rows = fileRows(c);
  const fields = fileFields(c);
  const inferred = inferValueType(rows);
  // A table needs a physical column: a file without columns yet gets a placeholder value.
  const value: ValueType =
    fields.length === 0
      ? scalar('string')
      : inferred.kind === 'record'
        ? {
            kind: 'record',
            fields: Object.fromEntries(fields.map((f) => [f, inferred.fields[f] ?? 'string'])),
          }
        : { kind: 'record', fields: Object.fromEntries(fields.map((f) => [f, 'string' as const])) };
  if (fields.length === 0)
    ctx.note('the file has no columns yet; upload it in Streamlab, or fill in the columns');
  const tsType = value.kind === 'record' ? value.fields[c.timestampField] : undefined;
  const defs = valueColumnDefs(value);
  if (tsType === 'long' || tsType === 'double') {
    defs.push(`ts AS TO_TIMESTAMP_LTZ(CAST(${ident(c.timestampField)} AS BIGINT), 3)`);
  } else if (tsType === 'string') {
    ctx.note(
      `the timestamp field ${c.timestampField} holds date strings: SQL reads them as 'yyyy-MM-dd HH:mm:ss', while Streamlab uses JavaScript's Date.parse; check the format`,
    );
    defs.push(`ts AS TO_TIMESTAMP_LTZ(UNIX_TIMESTAMP(${ident(c.timestampField)}) * 1000, 3)`);
  } else {
    ctx.note(`the timestamp field ${c.timestampField} is not a column of the file; ts is a TODO`);
    defs.push(`ts AS ${'TO_TIMESTAMP_LTZ(0, 3)'} /* TODO: the event time column */`);
  }
  defs.push(...watermarkClause(strategy));
  const options: [string, string][] = [
    ['connector', 'filesystem'],
    [
      'path',
      `file:///TODO/path/to/${c.fileName || `${node.id}.${c.format === 'csv' ? 'csv' : 'jsonl'}`}`,
    ],
    ['format', c.format === 'csv' ? 'csv' : 'json'],
  ];
  if (c.format === 'csv') options.push(['csv.ignore-parse-errors', 'true']);
  ctx.note(
    `File source: set 'path' to where ${c.fileName || 'the file'} is${c.format === 'csv' ? '; the header line is skipped as a parse error (csv.ignore-parse-errors)' : ''}; Streamlab's replay rate (${c.rate}/s) is not exported, a file is read as fast as possible`,
  );
  ctx.statement(
    [
      `-- TODO: set 'path' to the file's location.`,
      createTable(ident(`${node.id}_file`), defs, options),
    ].join('\n'),
  );
  const key =
    c.keyField !== null && fields.includes(c.keyField)
      ? `CAST(${ident(c.keyField)} AS STRING)`
      : 'CAST(NULL AS STRING)';
  ctx.statement(
    `CREATE TEMPORARY VIEW ${ident(node.id)} AS\nSELECT ${key} AS ${ident('key')}, ${valueColumns(value).join(', ')}, ts\nFROM ${ident(`${node.id}_file`)};`,
  );
  return { name: ident(node.id), value, rowtime: strategy.type !== 'none' };
};
