import { allowedLateness, evictor, nonKeyed, trigger, windowFunction } from './shared';
import type { KindForm } from './types';

/** The trigger comes first: a global window only ever fires by it. */
export const globalWindowForm: KindForm = {
  kind: 'globalWindow',
  fields: [
    trigger(
      'NeverTrigger: a global window never ends, so with the default trigger it never fires. Choose a count or continuous trigger.',
    ),
    windowFunction,
    evictor,
    allowedLateness,
    nonKeyed,
  ],
};
