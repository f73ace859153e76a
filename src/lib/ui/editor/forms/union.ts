import type { KindForm } from './types';

/** Union has nothing to configure: connect two or more inputs of the same type. */
export const unionForm: KindForm = { kind: 'union', fields: [] };
