/** The source interface: one implementation per source kind (sources/<kind>.ts). */
import type { Key } from '../api';
import type { WatermarkStrategy } from '../../pipeline/kinds/common';
import type { PipelineNode, RunSettings } from '../../pipeline/types';
import type { Random } from '../rng';

/** What a source reader writes to. */
export interface SourceEmitter {
  /** A record; `timestamp` is its event time (the runtime applies the time characteristic). */
  record(key: Key, value: unknown, timestamp: number | null): void;
  /** An explicit watermark (scripted sources only). */
  watermark(watermark: number): void;
  /** End of a bounded input: the runtime sends the MAX watermark, then end-of-input. */
  end(): void;
}

/** One source subtask's reader: a schedule of actions in processing time. */
export interface SourceReader {
  /** Processing time of the next action; null when there is none (ended, or waiting forever). */
  nextTime(): number | null;
  /** Performs the next action (one record, watermark or end). */
  step(out: SourceEmitter): void;
  /**
   * Checkpoint state (offset, random generator state) as plain data, and its restore. Optional:
   * without them the reader's data fields are captured (checkpoints/state.ts).
   */
  snapshot?(): unknown;
  restore?(state: never): void;
}

export interface SourceSpec {
  /** Strategy for generated watermarks in event time; null: the source emits its own (timeline). */
  watermarks: WatermarkStrategy | null;
  reader(subtask: number, parallelism: number, rng: Random): SourceReader;
}

export type SourceFactory = (node: PipelineNode, settings: RunSettings) => SourceSpec;
