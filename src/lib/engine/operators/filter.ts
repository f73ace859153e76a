import { withFuse } from './fuse';
import type { OperatorFactory } from './types';

/** filter: keeps the records for which the expression is truthy (unchanged, with a window result's pane). */
export const filterOperator: OperatorFactory = (node, setup) => {
  const f = setup.compile((node.config as { expression: string }).expression, 'config.expression');
  const id = node.id;
  const fuse = { type: 'filter', fn: f } as const;
  return (subtask) =>
    withFuse(
      {
        processRecord(_port, r, ctx) {
          if (f(r.value, r.key, r.timestamp)) ctx.emit(r.key, r.value, r.timestamp, r.pane);
          else if (ctx.tracing) {
            ctx.trace({
              type: 'drop',
              time: ctx.now,
              node: id,
              subtask,
              key: r.key,
              value: r.value,
              timestamp: r.timestamp,
              reason: 'filtered out',
              cause: 'filtered',
            });
          }
        },
      },
      fuse,
    );
};
