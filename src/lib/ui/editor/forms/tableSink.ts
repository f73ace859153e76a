import { guarantee } from './shared';
import type { KindForm } from './types';

export const tableSinkForm: KindForm = { kind: 'tableSink', fields: [guarantee] };
