import type { Operator } from './types';

/**
 * Gives an operator its `fuse` (see Operator.fuse) as a property that is not enumerable:
 * checkpoints, savepoints and run images capture an operator's own data fields, and this is
 * code, not state.
 */
export function withFuse<T extends Operator>(op: T, fuse: NonNullable<Operator['fuse']>): T {
  Object.defineProperty(op, 'fuse', { value: fuse, enumerable: false });
  return op;
}
