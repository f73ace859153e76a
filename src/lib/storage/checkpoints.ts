/**
 * Checkpoints in IndexedDB (through idb), one value per checkpoint and subtask: the bytes the
 * engine produced (engine/checkpoints/format.ts, checksummed), not one record per state entry.
 * A separate database from `streamlab`, so that its schema can change on its own.
 *
 * The engine is synchronous and runs in the Worker; it writes to a MemoryCheckpointStore. The
 * Worker mirrors that store here asynchronously (CheckpointMirror) and reads the stored
 * checkpoints of a pipeline back (loadCheckpoints) before a run resumes from one. A value that is
 * missing or damaged is not repaired here: the engine notices it when restoring (missing
 * subtask, checksum) and falls back to the previous checkpoint.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { PipelineDocument } from '../pipeline';
import { checksum } from '../engine/checkpoints/format';
import type { StoreChange, StoredCheckpoint } from '../engine/checkpoints/store';

interface CheckpointMeta {
  pipeline: string;
  id: number;
  triggerTime: number;
  completeTime: number;
  subtasks: string[];
  bytes: number;
}

interface CheckpointValue {
  pipeline: string;
  id: number;
  subtask: string;
  bytes: Uint8Array;
}

interface CheckpointDB extends DBSchema {
  meta: { key: [string, number]; value: CheckpointMeta; indexes: { pipeline: string } };
  states: {
    key: [string, number, string];
    value: CheckpointValue;
    indexes: { checkpoint: [string, number]; pipeline: string };
  };
}

export const CHECKPOINT_DB_NAME = 'streamlab-checkpoints';

export type CheckpointDatabase = IDBPDatabase<CheckpointDB>;

export function openCheckpointDb(name = CHECKPOINT_DB_NAME): Promise<CheckpointDatabase> {
  return openDB<CheckpointDB>(name, 1, {
    upgrade(db) {
      const meta = db.createObjectStore('meta', { keyPath: ['pipeline', 'id'] });
      meta.createIndex('pipeline', 'pipeline');
      const states = db.createObjectStore('states', { keyPath: ['pipeline', 'id', 'subtask'] });
      states.createIndex('checkpoint', ['pipeline', 'id']);
      states.createIndex('pipeline', 'pipeline');
    },
  });
}

/**
 * Which stored checkpoints belong to a document: a fingerprint of its operators, their
 * configuration and parallelism, and its edges (positions and names do not matter).
 */
export function pipelineKey(doc: PipelineDocument): string {
  const shape = JSON.stringify({
    nodes: doc.nodes.map((n) => [n.id, n.kind, n.parallelism, n.config]),
    edges: doc.edges.map((e) => [e.from, e.fromPort, e.to, e.toPort, e.partitioning]),
    seed: doc.settings.seed,
  });
  return `p${checksum(new TextEncoder().encode(shape)).toString(16)}`;
}

export async function saveCheckpoint(
  db: CheckpointDatabase,
  pipeline: string,
  cp: StoredCheckpoint,
): Promise<void> {
  const tx = db.transaction(['meta', 'states'], 'readwrite');
  const entries = Object.entries(cp.subtasks);
  await Promise.all([
    tx.objectStore('meta').put({
      pipeline,
      id: cp.id,
      triggerTime: cp.triggerTime,
      completeTime: cp.completeTime,
      subtasks: entries.map(([k]) => k),
      bytes: entries.reduce((a, [, v]) => a + v.byteLength, 0),
    }),
    ...entries.map(([subtask, bytes]) =>
      tx.objectStore('states').put({ pipeline, id: cp.id, subtask, bytes }),
    ),
    tx.done,
  ]);
}

export async function deleteCheckpoint(
  db: CheckpointDatabase,
  pipeline: string,
  id: number,
): Promise<void> {
  const tx = db.transaction(['meta', 'states'], 'readwrite');
  const states = tx.objectStore('states');
  const keys = await states.index('checkpoint').getAllKeys([pipeline, id]);
  await Promise.all([
    tx.objectStore('meta').delete([pipeline, id]),
    ...keys.map((k) => states.delete(k)),
    tx.done,
  ]);
}

export async function deletePipelineCheckpoints(
  db: CheckpointDatabase,
  pipeline: string,
): Promise<void> {
  const ids = (await db.getAllFromIndex('meta', 'pipeline', pipeline)).map((m) => m.id);
  for (const id of ids) await deleteCheckpoint(db, pipeline, id);
}

/**
 * The stored checkpoints of a pipeline, oldest first. A subtask value that is missing is left
 * out (the engine then reports the checkpoint as unusable and takes the previous one).
 */
export async function loadCheckpoints(
  db: CheckpointDatabase,
  pipeline: string,
): Promise<StoredCheckpoint[]> {
  // One transaction, so that a mirror writing at the same time cannot interleave.
  const tx = db.transaction(['meta', 'states'], 'readonly');
  const metas = await tx.objectStore('meta').index('pipeline').getAll(pipeline);
  const out: StoredCheckpoint[] = [];
  for (const m of metas.sort((a, b) => a.id - b.id)) {
    const values = await tx.objectStore('states').index('checkpoint').getAll([pipeline, m.id]);
    const subtasks: Record<string, Uint8Array> = {};
    for (const v of values) subtasks[v.subtask] = v.bytes;
    out.push({ id: m.id, triggerTime: m.triggerTime, completeTime: m.completeTime, subtasks });
  }
  await tx.done;
  return out;
}

/**
 * Mirrors one run's memory store into IndexedDB, in order, off the engine's path. The first
 * checkpoint of a new run replaces the pipeline's older ones (a resumed run keeps them).
 */
export class CheckpointMirror {
  private chain: Promise<void> = Promise.resolve();
  private claimed: boolean;
  /** The last error, if writing failed (quota, private mode); the run goes on in memory. */
  error: string | null = null;

  constructor(
    private readonly db: Promise<CheckpointDatabase>,
    private readonly pipeline: string,
    resumed: boolean,
  ) {
    this.claimed = resumed;
  }

  apply(change: StoreChange): void {
    this.chain = this.chain
      .then(async () => {
        const db = await this.db;
        if (!this.claimed) {
          this.claimed = true;
          await deletePipelineCheckpoints(db, this.pipeline);
        }
        if (change.type === 'put') await saveCheckpoint(db, this.pipeline, change.checkpoint);
        else await deleteCheckpoint(db, this.pipeline, change.id);
      })
      .catch((e: unknown) => {
        this.error = `checkpoints are kept in memory only: IndexedDB said ${(e as Error).message}`;
      });
  }

  /** Resolves when every change so far is written. */
  flushed(): Promise<void> {
    return this.chain;
  }
}
