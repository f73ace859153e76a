import type { PipelineDocument } from '../pipeline';

/**
 * The typed message protocol between the UI and the engine Worker. Messages are plain data.
 * Only `load` and its answers exist so far; play/pause/step/seek arrive with the run views.
 */
export type ToWorker = { type: 'load'; requestId: number; doc: PipelineDocument };

export type FromWorker =
  | { type: 'loaded'; requestId: number; nodes: number; edges: number }
  | { type: 'error'; requestId: number; message: string };
