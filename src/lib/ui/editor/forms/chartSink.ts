import { guarantee } from './shared';
import type { KindForm } from './types';

export const chartSinkForm: KindForm = { kind: 'chartSink', fields: [guarantee] };
