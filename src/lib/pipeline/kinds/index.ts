import type * as v from 'valibot';
import { fileSource, generatorSource, timelineSource } from './sources';
import {
  filterKind,
  flatMapKind,
  keyByKind,
  mapKind,
  unionKind,
  watermarksKind,
} from './transforms';
import { intervalJoinKind, processFunctionKind, windowJoinKind } from './keyed';
import { countWindow, globalWindow, sessionWindow, slidingWindow, tumblingWindow } from './windows';
import { chartSink, logSink, tableSink } from './sinks';

/** Every operator kind, in palette order. Adding a kind means adding it here. */
export const KINDS = [
  generatorSource,
  timelineSource,
  fileSource,
  mapKind,
  filterKind,
  flatMapKind,
  keyByKind,
  unionKind,
  watermarksKind,
  processFunctionKind,
  windowJoinKind,
  intervalJoinKind,
  tumblingWindow,
  slidingWindow,
  sessionWindow,
  globalWindow,
  countWindow,
  tableSink,
  logSink,
  chartSink,
] as const;

export type AnyKindInfo = (typeof KINDS)[number];
export type OperatorKind = AnyKindInfo['kind'];

/** The parsed config of each kind, with defaults filled in. */
export type KindConfig<K extends OperatorKind> = v.InferOutput<
  Extract<AnyKindInfo, { kind: K }>['config']
>;

const byKind = new Map<string, AnyKindInfo>(KINDS.map((k) => [k.kind, k]));

export function kindInfo(kind: string): AnyKindInfo | undefined {
  return byKind.get(kind);
}

export const KIND_NAMES: readonly string[] = KINDS.map((k) => k.kind);

export type { KindInfo, KindGroup, WatermarkStrategy } from './common';
export type { TimelineStep } from './sources';
export type { WindowFunction, Trigger } from './windows';
