import type { KindForm } from './types';

export const intervalJoinForm: KindForm = {
  kind: 'intervalJoin',
  fields: [
    {
      type: 'number',
      key: 'lowerBound',
      label: 'Lower bound',
      unit: 'ms',
      step: 1,
      help: 'A right element joins a left one when right.ts ≥ left.ts + lower bound. May be negative (the right element came earlier).',
    },
    {
      type: 'number',
      key: 'upperBound',
      label: 'Upper bound',
      unit: 'ms',
      step: 1,
      help: 'A right element joins a left one when right.ts ≤ left.ts + upper bound.',
    },
    { type: 'checkbox', key: 'lowerBoundExclusive', label: 'Lower bound exclusive' },
    { type: 'checkbox', key: 'upperBoundExclusive', label: 'Upper bound exclusive' },
    {
      type: 'code',
      key: 'expression',
      label: 'Join function',
      params: ['left', 'right', 'key'],
      help: 'The ProcessJoinFunction’s result: an expression over `left`, `right` and `key`, emitted with timestamp = max(left.ts, right.ts). Elements behind the watermark are not joined; buffered elements are cleaned up once the watermark passes their bound.',
    },
  ],
};
