/**
 * The operator registry: kind → engine implementation. Adding an operator kind means adding its
 * file and one line here. Source kinds are in ../sources/index.ts.
 */
import { filterOperator } from './filter';
import { flatMapOperator } from './flatMap';
import { intervalJoinOperator } from './intervalJoin';
import { keyByOperator } from './keyBy';
import { mapOperator } from './map';
import { processFunctionOperator } from './processFunction';
import { sinkOperator } from './sink';
import type { OperatorFactory } from './types';
import { unionOperator } from './union';
import { watermarksOperator } from './watermarks';
import { windowJoinOperator } from './windowJoin';
import { windowOperator } from '../windows/windowOperator';

export const OPERATORS: Record<string, OperatorFactory> = {
  map: mapOperator,
  filter: filterOperator,
  flatMap: flatMapOperator,
  keyBy: keyByOperator,
  union: unionOperator,
  watermarks: watermarksOperator,
  processFunction: processFunctionOperator,
  windowJoin: windowJoinOperator,
  intervalJoin: intervalJoinOperator,
  tableSink: sinkOperator,
  logSink: sinkOperator,
  chartSink: sinkOperator,

  // Window kinds: one WindowOperator, configured per kind in ../windows/windowOperator.ts.
  tumblingWindow: windowOperator,
  slidingWindow: windowOperator,
  sessionWindow: windowOperator,
  globalWindow: windowOperator,
  countWindow: windowOperator,
};

export type * from './types';
