import type { NodeOf } from '../../../pipeline';
import { operatorSuffix, partitioned, str, type JavaContext, type JavaRule } from '../context';

type SinkNode = NodeOf<'tableSink'> | NodeOf<'logSink'> | NodeOf<'chartSink'>;

function sink(node: SinkNode, ctx: JavaContext): null {
  const [input] = ctx.inputs;
  if (node.config.guarantee === 'exactly-once')
    ctx.note(
      'exactly-once delivery is not exported: print() is not transactional; use a two-phase-commit sink (e.g. KafkaSink with DeliveryGuarantee.EXACTLY_ONCE)',
    );
  ctx.statement(
    `${partitioned(input)}.print(${str(node.name || node.id)})${operatorSuffix(node)};`,
  );
  return null;
}

export const tableSink: JavaRule<'tableSink'> = sink;
export const logSink: JavaRule<'logSink'> = sink;
export const chartSink: JavaRule<'chartSink'> = (node, ctx) => {
  ctx.note('Flink has no chart: the results are printed; replace print() with a real sink');
  return sink(node, ctx);
};
