import { guarantee } from './shared';
import type { KindForm } from './types';

export const logSinkForm: KindForm = { kind: 'logSink', fields: [guarantee] };
