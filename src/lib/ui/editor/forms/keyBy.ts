import { recordExpression } from './expression';
import type { KindForm } from './types';

export const keyByForm: KindForm = {
  kind: 'keyBy',
  parallelism:
    'Each key is hashed into one of max-parallelism key groups (a pipeline setting, 128 by default), and each subtask owns a range of key groups: all records of a key meet in one subtask, with that key’s state.',
  fields: [
    recordExpression(
      'Key selector',
      'Gives the key of each record (a KeySelector). Example: `value.userId`; `key` keeps the key the source gave.',
    ),
  ],
};
