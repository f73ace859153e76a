import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { PipelineDocument } from '../pipeline';

/** A pipeline as kept in the browser: the document plus bookkeeping. */
export interface StoredPipeline {
  id: string;
  doc: PipelineDocument;
  /** Milliseconds since the epoch, from the caller (storage does not read the clock itself). */
  updatedAt: number;
}

interface StreamlabDB extends DBSchema {
  pipelines: { key: string; value: StoredPipeline; indexes: { updatedAt: number } };
  settings: { key: string; value: unknown };
}

export const DB_NAME = 'streamlab';
export const DB_VERSION = 1;

export type StreamlabDatabase = IDBPDatabase<StreamlabDB>;

export function openStreamlabDb(name = DB_NAME): Promise<StreamlabDatabase> {
  return openDB<StreamlabDB>(name, DB_VERSION, {
    upgrade(db) {
      const pipelines = db.createObjectStore('pipelines', { keyPath: 'id' });
      pipelines.createIndex('updatedAt', 'updatedAt');
      db.createObjectStore('settings');
    },
  });
}

export async function savePipeline(db: StreamlabDatabase, pipeline: StoredPipeline): Promise<void> {
  await db.put('pipelines', pipeline);
}

export async function loadPipeline(
  db: StreamlabDatabase,
  id: string,
): Promise<StoredPipeline | undefined> {
  return db.get('pipelines', id);
}

/** Saved pipelines, most recently changed first. */
export async function listPipelines(db: StreamlabDatabase): Promise<StoredPipeline[]> {
  return (await db.getAllFromIndex('pipelines', 'updatedAt')).reverse();
}
