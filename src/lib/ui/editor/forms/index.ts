import type { OperatorKind } from '../../../pipeline';
import { countWindowForm } from './countWindow';
import { fileForm } from './file';
import { filterForm } from './filter';
import { flatMapForm } from './flatMap';
import { generatorForm } from './generator';
import { globalWindowForm } from './globalWindow';
import { keyByForm } from './keyBy';
import { mapForm } from './map';
import { sessionWindowForm } from './sessionWindow';
import { slidingWindowForm } from './slidingWindow';
import { timelineForm } from './timeline';
import { tumblingWindowForm } from './tumblingWindow';
import { unionForm } from './union';
import { watermarksForm } from './watermarks';
import { chartSinkForm } from './chartSink';
import { logSinkForm } from './logSink';
import { tableSinkForm } from './tableSink';
import { processFunctionForm } from './processFunction';
import { windowJoinForm } from './windowJoin';
import { intervalJoinForm } from './intervalJoin';
import type { KindForm } from './types';

/**
 * The inspector form of every operator kind, one file per kind. Typed by kind, so adding a kind
 * to the registry without a form does not compile (and tests/unit/ui-forms.test.ts fails).
 */
export const FORMS: { readonly [K in OperatorKind]: KindForm } = {
  generator: generatorForm,
  timeline: timelineForm,
  file: fileForm,
  map: mapForm,
  filter: filterForm,
  flatMap: flatMapForm,
  keyBy: keyByForm,
  union: unionForm,
  watermarks: watermarksForm,
  tumblingWindow: tumblingWindowForm,
  slidingWindow: slidingWindowForm,
  sessionWindow: sessionWindowForm,
  globalWindow: globalWindowForm,
  countWindow: countWindowForm,
  tableSink: tableSinkForm,
  logSink: logSinkForm,
  chartSink: chartSinkForm,
  processFunction: processFunctionForm,
  windowJoin: windowJoinForm,
  intervalJoin: intervalJoinForm,
};

export function formOf(kind: string): KindForm | undefined {
  return (FORMS as Record<string, KindForm | undefined>)[kind];
}

export type * from './types';
