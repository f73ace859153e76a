import type { OperatorFactory } from './types';

/**
 * flatMap: the expression returns an array (or any iterable); each element becomes a record with
 * the input's key and timestamp. null/undefined emit nothing; any other value is one record.
 */
export const flatMapOperator: OperatorFactory = (node, setup) => {
  const f = setup.compile((node.config as { expression: string }).expression, 'config.expression');
  return () => ({
    processRecord(_port, r, ctx) {
      const key = r.key;
      const ts = r.timestamp;
      const out = f(r.value, key, ts);
      if (out === null || out === undefined) return;
      if (Array.isArray(out)) {
        for (let i = 0; i < out.length; i++) ctx.emit(key, out[i], ts);
      } else if (typeof out === 'object' && Symbol.iterator in out) {
        for (const v of out as Iterable<unknown>) ctx.emit(key, v, ts);
      } else ctx.emit(key, out, ts);
    },
  });
};
