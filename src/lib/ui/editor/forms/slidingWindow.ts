import { DEFAULT_TIME_TRIGGER, offset, timeDomain, timeWindowTail } from './shared';
import type { KindForm } from './types';

export const slidingWindowForm: KindForm = {
  kind: 'slidingWindow',
  fields: [
    timeDomain,
    { type: 'duration', key: 'size', label: 'Size', help: 'The length of each window.' },
    {
      type: 'duration',
      key: 'slide',
      label: 'Slide',
      help: 'How often a new window starts. Each element belongs to size ÷ slide windows; with slide = size this is a tumbling window.',
    },
    offset,
    ...timeWindowTail(DEFAULT_TIME_TRIGGER),
  ],
};
