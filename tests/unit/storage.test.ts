import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { exampleDocument } from '../../src/lib/pipeline';
import {
  createPipeline,
  deletePipeline,
  getSetting,
  LAST_OPEN_KEY,
  listPipelines,
  loadPipeline,
  openStreamlabDb,
  savePipeline,
} from '../../src/lib/storage';

describe('storage', () => {
  it('keeps pipelines across a close and reopen, newest first', async () => {
    const doc = exampleDocument();
    let db = await openStreamlabDb('test-storage');
    await savePipeline(db, { id: 'a', doc, updatedAt: 1 });
    await savePipeline(db, { id: 'b', doc: { ...doc, name: 'Second' }, updatedAt: 2 });
    db.close();
    db = await openStreamlabDb('test-storage');
    expect((await loadPipeline(db, 'a'))?.doc).toEqual(doc);
    expect((await listPipelines(db)).map((p) => p.id)).toEqual(['b', 'a']);
  });

  it('creates documents under fresh ids and deletes them', async () => {
    const db = await openStreamlabDb('test-storage-create');
    const a = await createPipeline(db, exampleDocument(), 5);
    const b = await createPipeline(db, exampleDocument(), 6);
    expect(a.id).toMatch(/^doc-[0-9a-f]{16}$/);
    expect(a.id).not.toBe(b.id);
    await deletePipeline(db, a.id);
    expect((await listPipelines(db)).map((p) => p.id)).toEqual([b.id]);
  });

  it('upgrades a version 1 database: the autosaved pipeline becomes the open document', async () => {
    const doc = { ...exampleDocument(), name: 'Kept from v1' };
    const v1 = await openDB('test-storage-v1', 1, {
      upgrade(db) {
        const pipelines = db.createObjectStore('pipelines', { keyPath: 'id' });
        pipelines.createIndex('updatedAt', 'updatedAt');
        db.createObjectStore('settings');
      },
    });
    await v1.put('pipelines', { id: 'current', doc, updatedAt: 42 });
    v1.close();

    const db = await openStreamlabDb('test-storage-v1');
    const all = await listPipelines(db);
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ doc, updatedAt: 42 });
    expect(all[0].id).not.toBe('current');
    expect(await getSetting(db, LAST_OPEN_KEY)).toBe(all[0].id);
  });
});
