/**
 * The operator registry: kind → engine implementation. Adding an operator kind means adding its
 * file and one line here. Source kinds are in ../sources/index.ts.
 */
import { filterOperator } from './filter';
import { flatMapOperator } from './flatMap';
import { keyByOperator } from './keyBy';
import { mapOperator } from './map';
import { sinkOperator } from './sink';
import type { OperatorFactory } from './types';
import { unionOperator } from './union';
import { watermarksOperator } from './watermarks';

export const OPERATORS: Record<string, OperatorFactory> = {
  map: mapOperator,
  filter: filterOperator,
  flatMap: flatMapOperator,
  keyBy: keyByOperator,
  union: unionOperator,
  watermarks: watermarksOperator,
  tableSink: sinkOperator,
  logSink: sinkOperator,
  chartSink: sinkOperator,

  // ---- Window kinds (windows/ engineer): register them here, e.g. ----
  // tumblingWindow: tumblingWindowOperator,
  // slidingWindow: slidingWindowOperator,
  // sessionWindow: sessionWindowOperator,
  // globalWindow: globalWindowOperator,
  // countWindow: countWindowOperator,
  // ---- end of window kinds ----
};

export type * from './types';
