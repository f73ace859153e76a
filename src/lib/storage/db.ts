import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { PipelineDocument } from '../pipeline';
import type { SavepointData } from '../engine/checkpoints/savepoint';

/** A savepoint as kept in the browser: the engine's data plus where and when it was taken. */
export interface StoredSavepoint extends SavepointData {
  /** Assigned by IndexedDB (auto-increment), from 1. */
  id?: number;
  /** Milliseconds since the epoch, from the caller. */
  createdAt: number;
  /** The name of the document it was taken from. */
  docName: string;
  /** Bytes of state in all. */
  bytes: number;
}

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
  savepoints: { key: number; value: StoredSavepoint };
}

export const DB_NAME = 'streamlab';
/**
 * 1: one autosaved pipeline under the id 'current'. 2: a list of documents and the last open one.
 * 3: savepoints (one value each, its subtask states as bytes).
 */
export const DB_VERSION = 3;

/** The id version 1 kept the one pipeline being edited under. */
export const LEGACY_CURRENT_ID = 'current';
/** Settings key: the id of the document open when the page was left. */
export const LAST_OPEN_KEY = 'lastOpenId';

export type StreamlabDatabase = IDBPDatabase<StreamlabDB>;

export function openStreamlabDb(name = DB_NAME): Promise<StreamlabDatabase> {
  return openDB<StreamlabDB>(name, DB_VERSION, {
    async upgrade(db, oldVersion, _newVersion, tx) {
      if (oldVersion < 1) {
        const pipelines = db.createObjectStore('pipelines', { keyPath: 'id' });
        pipelines.createIndex('updatedAt', 'updatedAt');
        db.createObjectStore('settings');
      }
      if (oldVersion === 1) {
        // The single autosaved pipeline becomes the first document of the list, and stays open.
        const pipelines = tx.objectStore('pipelines');
        const current = await pipelines.get(LEGACY_CURRENT_ID);
        if (current) {
          const id = newPipelineId();
          await pipelines.delete(LEGACY_CURRENT_ID);
          await pipelines.put({ ...current, id });
          await tx.objectStore('settings').put(id, LAST_OPEN_KEY);
        }
      }
      if (oldVersion < 3)
        db.createObjectStore('savepoints', { keyPath: 'id', autoIncrement: true });
    },
  });
}

/** A fresh document id. getRandomValues works on plain http too (a classroom LAN), unlike randomUUID. */
export function newPipelineId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return `doc-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
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

export async function deletePipeline(db: StreamlabDatabase, id: string): Promise<void> {
  await db.delete('pipelines', id);
}

/** Stores a document under a fresh id and returns what was stored. */
export async function createPipeline(
  db: StreamlabDatabase,
  doc: PipelineDocument,
  updatedAt: number,
): Promise<StoredPipeline> {
  const stored = { id: newPipelineId(), doc, updatedAt };
  await db.add('pipelines', stored);
  return stored;
}

export async function getSetting<T>(db: StreamlabDatabase, key: string): Promise<T | undefined> {
  return (await db.get('settings', key)) as T | undefined;
}

export async function setSetting(
  db: StreamlabDatabase,
  key: string,
  value: unknown,
): Promise<void> {
  await db.put('settings', value, key);
}

/** Keeps a savepoint; returns the id it got. */
export async function saveSavepoint(db: StreamlabDatabase, sp: StoredSavepoint): Promise<number> {
  const copy = { ...sp };
  delete copy.id;
  return db.add('savepoints', copy);
}

export async function loadSavepoint(
  db: StreamlabDatabase,
  id: number,
): Promise<StoredSavepoint | undefined> {
  return db.get('savepoints', id);
}

/** Savepoints without their state (for a list), oldest first. */
export async function listSavepoints(
  db: StreamlabDatabase,
): Promise<Omit<StoredSavepoint, 'subtasks'>[]> {
  const out: Omit<StoredSavepoint, 'subtasks'>[] = [];
  let cursor = await db.transaction('savepoints').store.openCursor();
  while (cursor) {
    const { subtasks: _state, ...info } = cursor.value;
    out.push(info);
    cursor = await cursor.continue();
  }
  return out;
}

export async function deleteSavepoint(db: StreamlabDatabase, id: number): Promise<void> {
  await db.delete('savepoints', id);
}
