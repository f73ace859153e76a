import { DEFAULT_TIME_TRIGGER, offset, timeDomain, timeWindowTail } from './shared';
import type { KindForm } from './types';

export const tumblingWindowForm: KindForm = {
  kind: 'tumblingWindow',
  fields: [
    timeDomain,
    {
      type: 'duration',
      key: 'size',
      label: 'Size',
      help: 'The length of each window. Windows follow each other without gaps or overlap: [0, size), [size, 2 × size), …',
    },
    offset,
    ...timeWindowTail(DEFAULT_TIME_TRIGGER),
  ],
};
