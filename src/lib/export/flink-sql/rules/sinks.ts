import type { NodeOf } from '../../../pipeline';
import { ident, sqlString } from '../../expression/sql';
import { allColumns, valueColumnDefs, type SqlContext, type SqlRule } from '../context';

type SinkNode = NodeOf<'tableSink'> | NodeOf<'logSink'> | NodeOf<'chartSink'>;

function sink(node: SinkNode, ctx: SqlContext, connector: 'print' | 'blackhole'): null {
  const [input] = ctx.inputs;
  if (node.config.guarantee === 'exactly-once')
    ctx.note(
      `exactly-once delivery is not exported: the ${connector} connector is not transactional; use a two-phase-commit sink (e.g. Kafka with 'sink.delivery-guarantee' = 'exactly-once')`,
    );
  const options = [`  'connector' = '${connector}'`];
  if (connector === 'print')
    options.push(`  'print-identifier' = ${sqlString(node.name || node.id)}`);
  const defs = [
    `${ident('key')} STRING`,
    ...valueColumnDefs(input.rel.value),
    'ts TIMESTAMP_LTZ(3)',
  ];
  ctx.statement(
    `CREATE TABLE ${ident(node.id)} (\n${defs.map((d) => `  ${d}`).join(',\n')}\n) WITH (\n${options.join(',\n')}\n);`,
  );
  ctx.insert(
    `INSERT INTO ${ident(node.id)}\nSELECT ${allColumns(input.rel.value)} FROM ${input.rel.name};`,
  );
  return null;
}

export const tableSink: SqlRule<'tableSink'> = (node, ctx) => sink(node, ctx, 'print');
export const logSink: SqlRule<'logSink'> = (node, ctx) => sink(node, ctx, 'print');
export const chartSink: SqlRule<'chartSink'> = (node, ctx) => {
  ctx.note('Flink has no chart: the results go to a blackhole table; replace it with a real sink');
  return sink(node, ctx, 'blackhole');
};
