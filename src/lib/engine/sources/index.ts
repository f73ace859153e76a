/** Source kinds: adding one means adding a file and a line here. */
import { fileSourceFactory } from './file';
import { generatorSourceFactory } from './generator';
import { timelineSourceFactory } from './timeline';
import type { SourceFactory } from './types';

export const SOURCES: Record<string, SourceFactory> = {
  generator: generatorSourceFactory,
  timeline: timelineSourceFactory,
  file: fileSourceFactory,
};

export type { SourceEmitter, SourceFactory, SourceReader, SourceSpec } from './types';
