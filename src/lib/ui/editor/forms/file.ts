import { PARALLELISM_ONE, watermarkStrategy } from './shared';
import type { KindForm } from './types';

export const fileForm: KindForm = {
  kind: 'file',
  parallelism: PARALLELISM_ONE,
  fields: [
    {
      type: 'select',
      key: 'format',
      label: 'Format',
      options: [
        { value: 'csv', label: 'CSV (a header line, then one record per line)' },
        { value: 'jsonl', label: 'JSON lines (one object per line)' },
      ],
    },
    {
      type: 'textarea',
      key: 'content',
      label: 'Data',
      rows: 6,
      upload: { accept: '.csv,.jsonl,.json,.txt,text/*', nameKey: 'fileName' },
      help: 'The records to replay, in file order. Load a file or paste the text.',
    },
    {
      type: 'text',
      key: 'timestampField',
      label: 'Timestamp field',
      help: 'The column or field that holds each record’s event time, in ms.',
    },
    {
      type: 'text',
      key: 'keyField',
      label: 'Key field',
      empty: 'no key',
      placeholder: 'no key',
      help: 'The column or field used as the record’s key; empty gives records no key (use a KeyBy).',
    },
    {
      type: 'number',
      key: 'rate',
      label: 'Rate',
      unit: 'events/s',
      min: 0.001,
      step: 'any',
      help: 'Records per second of processing time: how fast the file is replayed.',
    },
    watermarkStrategy('watermarks'),
  ],
};
