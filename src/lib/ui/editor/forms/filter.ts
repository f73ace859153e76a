import { recordExpression } from './expression';
import type { KindForm } from './types';

export const filterForm: KindForm = {
  kind: 'filter',
  fields: [
    recordExpression(
      'Filter condition',
      'Records for which this is true go on; the others are dropped. Example: `value > 5`.',
    ),
  ],
};
