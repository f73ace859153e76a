import { RECORD_PARAMS, watermarkStrategy } from './shared';
import type { KindForm } from './types';

export const watermarksForm: KindForm = {
  kind: 'watermarks',
  fields: [
    {
      type: 'code',
      key: 'timestamp',
      label: 'Timestamp expression',
      params: RECORD_PARAMS,
      help: 'A TimestampAssigner: gives each record’s event time in ms. Example: `value.eventTime`; `timestamp` keeps the current one. Variables: `value`, `key`, `timestamp`.',
    },
    watermarkStrategy('strategy'),
  ],
};
