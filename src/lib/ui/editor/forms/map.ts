import { recordExpression } from './expression';
import type { KindForm } from './types';

export const mapForm: KindForm = {
  kind: 'map',
  fields: [
    recordExpression(
      'Map expression',
      'Gives the new value of each record. Example: `value * 2`, or `({ ...value, celsius: (value.f - 32) / 1.8 })`.',
    ),
  ],
};
