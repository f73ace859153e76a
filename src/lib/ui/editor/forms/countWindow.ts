import { nonKeyed, windowFunction } from './shared';
import type { KindForm } from './types';

export const countWindowForm: KindForm = {
  kind: 'countWindow',
  fields: [
    {
      type: 'number',
      key: 'size',
      label: 'Size',
      unit: 'elements',
      min: 1,
      step: 1,
      help: 'The window fires when a key has this many elements (countWindow(size)).',
    },
    {
      type: 'number',
      key: 'slide',
      label: 'Slide',
      unit: 'elements',
      min: 1,
      step: 1,
      empty: 'same as size',
      help: 'countWindow(size, slide): fire every slide elements over the last size elements. Empty: tumbling, every size elements.',
    },
    windowFunction,
    nonKeyed,
  ],
};
