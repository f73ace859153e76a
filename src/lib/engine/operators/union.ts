import type { OperatorFactory } from './types';

/**
 * union: forwards records of all inputs unchanged (with a window result's pane); its watermark is
 * the runtime's min over the inputs.
 */
export const unionOperator: OperatorFactory = () => () => ({
  processRecord(_port, r, ctx) {
    ctx.emit(r.key, r.value, r.timestamp, r.pane);
  },
});
