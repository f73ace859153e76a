import type { SinkRecord, TraceEvent } from '../api';
import type { OperatorFactory } from './types';

/**
 * tableSink / logSink / chartSink: collect every record with its processing time, subtask and,
 * for window results, the window and firing.
 */
export const sinkOperator: OperatorFactory = (node, setup) => {
  const out = setup.sinkOutput(node.id);
  const sink = node.id;
  const limit = setup.sinkLimit;
  return (subtask) => ({
    processRecord(_port, r, ctx) {
      const processingTime = ctx.now;
      if (limit > 0) {
        if (out.length >= 2 * limit) out.splice(0, out.length - limit + 1);
        const rec: SinkRecord = {
          sink,
          subtask,
          key: r.key,
          value: r.value,
          timestamp: r.timestamp,
          processingTime,
        };
        if (r.pane !== null) {
          rec.window = r.pane.window;
          rec.firing = r.pane.firing;
        }
        out.push(rec);
      }
      if (ctx.tracing) {
        const ev: TraceEvent = {
          type: 'sink',
          time: processingTime,
          node: sink,
          subtask,
          key: r.key,
          value: r.value,
          timestamp: r.timestamp,
        };
        if (r.pane !== null) {
          ev.window = r.pane.window;
          ev.firing = r.pane.firing;
        }
        ctx.trace(ev);
      }
    },
  });
};
