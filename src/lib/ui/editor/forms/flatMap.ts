import { recordExpression } from './expression';
import type { KindForm } from './types';

export const flatMapForm: KindForm = {
  kind: 'flatMap',
  fields: [
    recordExpression(
      'FlatMap expression',
      'Gives an array; each element becomes one record, and an empty array drops the record. Example: `String(value).split(" ")`.',
    ),
  ],
};
