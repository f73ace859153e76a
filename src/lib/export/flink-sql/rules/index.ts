import type { OperatorKind } from '../../../pipeline/kinds';
import type { SqlRule } from '../context';
import { intervalJoin, processFunction, windowJoin } from './keyed';
import { file, generator, timeline } from './sources';
import { filter, flatMap, keyBy, map, union, watermarks } from './transforms';
import { countWindow, globalWindow, sessionWindow, slidingWindow, tumblingWindow } from './windows';
import { chartSink, logSink, tableSink } from './sinks';

/**
 * The Flink SQL export rule of every operator kind, keyed by the kind's name. The type makes a
 * new kind without a rule a compile error.
 */
export const SQL_RULES: { [K in OperatorKind]: SqlRule<K> } = {
  generator,
  timeline,
  file,
  map,
  filter,
  flatMap,
  keyBy,
  union,
  watermarks,
  processFunction,
  windowJoin,
  intervalJoin,
  tumblingWindow,
  slidingWindow,
  sessionWindow,
  globalWindow,
  countWindow,
  tableSink,
  logSink,
  chartSink,
};
