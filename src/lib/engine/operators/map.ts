import { withFuse } from './fuse';
import type { OperatorFactory } from './types';

/** map: one record in, one record out; the expression gives the new value. Key and timestamp are kept. */
export const mapOperator: OperatorFactory = (node, setup) => {
  const f = setup.compile((node.config as { expression: string }).expression, 'config.expression');
  const fuse = { type: 'map', fn: f } as const;
  return () =>
    withFuse(
      {
        processRecord(_port, r, ctx) {
          ctx.emit(r.key, f(r.value, r.key, r.timestamp), r.timestamp);
        },
      },
      fuse,
    );
};
