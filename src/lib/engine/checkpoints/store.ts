/**
 * The checkpoint store: where completed checkpoints are kept, one value (bytes from format.ts)
 * per checkpoint and subtask. The engine is synchronous, so the store it writes to is too: the
 * memory store here. In the browser the Worker mirrors that memory store into IndexedDB
 * (src/lib/storage/checkpoints.ts) after each frame, and loads it back before a run resumes;
 * see the `onChange` listener.
 */

/** One completed checkpoint: its subtask states as bytes, keyed `${node}#${subtask}`. */
export interface StoredCheckpoint {
  id: number;
  /** Processing time the coordinator triggered it. */
  triggerTime: number;
  /** Processing time the last acknowledgement arrived. */
  completeTime: number;
  subtasks: Record<string, Uint8Array>;
}

export type StoreChange =
  { type: 'put'; checkpoint: StoredCheckpoint } | { type: 'delete'; id: number };

export interface CheckpointStore {
  /** Adds a completed checkpoint, then drops the oldest beyond `retained`. */
  put(checkpoint: StoredCheckpoint, retained: number): void;
  /** A stored checkpoint, or undefined when it is missing. */
  get(id: number): StoredCheckpoint | undefined;
  /** Ids of the stored checkpoints, oldest first. */
  ids(): number[];
}

export const subtaskKey = (node: string, subtask: number): string => `${node}#${subtask}`;

/** Size in bytes of a stored checkpoint. */
export function checkpointSize(c: StoredCheckpoint): number {
  let n = 0;
  for (const v of Object.values(c.subtasks)) n += v.byteLength;
  return n;
}

export class MemoryCheckpointStore implements CheckpointStore {
  private readonly byId = new Map<number, StoredCheckpoint>();
  /** Called after every change, e.g. by the Worker to mirror the store into IndexedDB. */
  onChange: ((change: StoreChange) => void) | null = null;

  put(checkpoint: StoredCheckpoint, retained: number): void {
    this.byId.set(checkpoint.id, checkpoint);
    this.onChange?.({ type: 'put', checkpoint });
    const ids = this.ids();
    for (let i = 0; i < ids.length - Math.max(1, retained); i++) this.delete(ids[i]);
  }

  /** Loads a checkpoint read back from elsewhere (IndexedDB) without reporting it as a change. */
  load(checkpoint: StoredCheckpoint): void {
    this.byId.set(checkpoint.id, checkpoint);
  }

  delete(id: number): void {
    if (this.byId.delete(id)) this.onChange?.({ type: 'delete', id });
  }

  /**
   * Makes the store hold exactly `checkpoints` (a seek point going back in the run), reporting
   * what was removed and added to the listener.
   */
  replaceAll(checkpoints: StoredCheckpoint[]): void {
    const wanted = new Map(checkpoints.map((c) => [c.id, c]));
    for (const id of this.ids()) if (wanted.get(id) !== this.byId.get(id)) this.delete(id);
    for (const c of checkpoints) {
      if (this.byId.get(c.id) === c) continue;
      this.byId.set(c.id, c);
      this.onChange?.({ type: 'put', checkpoint: c });
    }
  }

  get(id: number): StoredCheckpoint | undefined {
    return this.byId.get(id);
  }

  ids(): number[] {
    return [...this.byId.keys()].sort((a, b) => a - b);
  }
}
