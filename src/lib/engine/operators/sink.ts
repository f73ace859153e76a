import type { OperatorFactory } from './types';

/** tableSink / logSink / chartSink: collect every record with its processing time and subtask. */
export const sinkOperator: OperatorFactory = (node, setup) => {
  const out = setup.sinkOutput(node.id);
  const sink = node.id;
  const limit = setup.sinkLimit;
  return (subtask) => ({
    processRecord(_port, r, ctx) {
      const processingTime = ctx.now;
      if (limit > 0) {
        if (out.length >= 2 * limit) out.splice(0, out.length - limit + 1);
        out.push({
          sink,
          subtask,
          key: r.key,
          value: r.value,
          timestamp: r.timestamp,
          processingTime,
        });
      }
      if (ctx.tracing) {
        ctx.trace({
          type: 'sink',
          time: processingTime,
          node: sink,
          subtask,
          key: r.key,
          value: r.value,
          timestamp: r.timestamp,
        });
      }
    },
  });
};
