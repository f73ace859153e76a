import { timeWindowTail } from './shared';
import type { KindForm } from './types';

export const globalWindowForm: KindForm = {
  kind: 'globalWindow',
  fields: timeWindowTail(
    'NeverTrigger: a global window never ends, so with the default trigger it never fires. Choose a count or continuous trigger.',
  ),
};
