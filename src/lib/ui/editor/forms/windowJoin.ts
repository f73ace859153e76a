import type { KindForm } from './types';

export const windowJoinForm: KindForm = {
  kind: 'windowJoin',
  fields: [
    {
      type: 'select',
      key: 'assigner',
      label: 'Windows',
      options: [
        { value: 'tumbling', label: 'Tumbling' },
        { value: 'sliding', label: 'Sliding' },
        { value: 'session', label: 'Session' },
      ],
      help: 'Event-time windows of join(…).where(…).equalTo(…).window(…): elements of both inputs with the same key in the same window are paired when the window fires (watermark ≥ end − 1).',
    },
    { type: 'duration', key: 'size', label: 'Size', help: 'Window length (tumbling, sliding).' },
    {
      type: 'duration',
      key: 'slide',
      label: 'Slide',
      help: 'How often a window starts (sliding only).',
    },
    {
      type: 'duration',
      key: 'gap',
      label: 'Session gap',
      help: 'Inactivity that closes a session (session only).',
    },
    {
      type: 'duration',
      key: 'offset',
      label: 'Offset',
      help: 'Shifts the window starts (tumbling, sliding).',
    },
    {
      type: 'code',
      key: 'expression',
      label: 'Join function',
      params: ['left', 'right', 'key'],
      help: 'The JoinFunction: an expression over `left`, `right` and `key`, called for every pair; its value is the result, with timestamp = window end − 1. A window with no element on one side emits nothing (an inner join).',
    },
  ],
};
