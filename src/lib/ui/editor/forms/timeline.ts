import { PARALLELISM_ONE } from './shared';
import type { KindForm } from './types';

export const timelineForm: KindForm = {
  kind: 'timeline',
  parallelism: PARALLELISM_ONE,
  fields: [
    {
      type: 'timeline',
      key: 'steps',
      label: 'Script',
      help: 'Steps run top to bottom. A record enters with its event time. A watermark(t) says no more records at or before t will come, which fires event-time windows ending by t. An advance moves the processing-time clock, which fires processing-time windows and timers. End closes the stream.',
    },
  ],
};
