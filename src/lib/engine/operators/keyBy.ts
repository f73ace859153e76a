import type { Key } from '../api';
import type { OperatorFactory } from './types';

/**
 * keyBy: computes the key with the expression (it sees `value`, `key`, `timestamp`); its output
 * edges are hash-partitioned on that key (key group → subtask, see ../keygroups.ts). A key that
 * is not a string or number is turned into a string (JSON for objects). The value is unchanged,
 * so a window result keeps its pane (window bounds and firing).
 */
export const keyByOperator: OperatorFactory = (node, setup) => {
  const f = setup.compile((node.config as { expression: string }).expression, 'config.expression');
  return () => ({
    processRecord(_port, r, ctx) {
      const k = f(r.value, r.key, r.timestamp);
      let key: Key;
      if (typeof k === 'string' || typeof k === 'number') key = k;
      else if (k === null || k === undefined) key = null;
      else key = typeof k === 'object' ? JSON.stringify(k) : String(k);
      ctx.emit(key, r.value, r.timestamp, r.pane);
    },
  });
};
