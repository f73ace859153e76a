import { DEFAULT_TIME_TRIGGER, timeDomain, timeWindowTail } from './shared';
import type { KindForm } from './types';

export const sessionWindowForm: KindForm = {
  kind: 'sessionWindow',
  fields: [
    timeDomain,
    {
      type: 'duration',
      key: 'gap',
      label: 'Gap',
      help: 'A key’s session ends after this long without elements. Each element opens a window [t, t + gap); windows of a key that overlap merge into one session.',
    },
    ...timeWindowTail(DEFAULT_TIME_TRIGGER),
  ],
};
