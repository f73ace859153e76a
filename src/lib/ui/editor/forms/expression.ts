import { RECORD_PARAMS } from './shared';
import type { FormField } from './types';

/** The one expression field of map, filter, flatMap and keyBy. */
export function recordExpression(label: string, help: string): FormField {
  return {
    type: 'code',
    key: 'expression',
    label,
    params: RECORD_PARAMS,
    help: help + ' Variables: `value`, `key`, `timestamp` (ms).',
  };
}
