import type { OperatorFactory } from './types';

/** union: forwards records of all inputs; its watermark is the runtime's min over the inputs. */
export const unionOperator: OperatorFactory = () => () => ({
  processRecord(_port, r, ctx) {
    ctx.emit(r.key, r.value, r.timestamp);
  },
});
