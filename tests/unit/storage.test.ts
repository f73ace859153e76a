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
  saveSavepoint,
  listSavepoints,
  loadSavepoint,
  deleteSavepoint,
  setSetting,
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

  it('upgrades a version 2 database to 3: documents and settings kept, savepoints added', async () => {
    const doc = { ...exampleDocument(), name: 'Kept from v2' };
    const v2 = await openDB('test-storage-v2', 2, {
      upgrade(db) {
        const pipelines = db.createObjectStore('pipelines', { keyPath: 'id' });
        pipelines.createIndex('updatedAt', 'updatedAt');
        db.createObjectStore('settings');
      },
    });
    await v2.put('pipelines', { id: 'doc-1', doc, updatedAt: 7 });
    await v2.put('settings', 'doc-1', LAST_OPEN_KEY);
    v2.close();

    let db = await openStreamlabDb('test-storage-v2');
    expect(await loadPipeline(db, 'doc-1')).toEqual({ id: 'doc-1', doc, updatedAt: 7 });
    expect(await getSetting(db, LAST_OPEN_KEY)).toBe('doc-1');
    const sp = {
      createdAt: 99,
      docName: 'Kept from v2',
      time: 5000,
      eventCount: 120,
      nodes: [{ id: 'src', kind: 'generator', parallelism: 1, inputs: '' }],
      subtasks: { 'src#0': new Uint8Array([1, 2, 3]) },
      bytes: 3,
    };
    const a = await saveSavepoint(db, sp);
    const b = await saveSavepoint(db, { ...sp, time: 6000 });
    expect([a, b]).toEqual([1, 2]);
    await setSetting(db, 'x', 1);
    db.close();
    db = await openStreamlabDb('test-storage-v2');
    expect(await listSavepoints(db)).toEqual([
      {
        id: 1,
        createdAt: 99,
        docName: 'Kept from v2',
        time: 5000,
        eventCount: 120,
        nodes: sp.nodes,
        bytes: 3,
      },
      {
        id: 2,
        createdAt: 99,
        docName: 'Kept from v2',
        time: 6000,
        eventCount: 120,
        nodes: sp.nodes,
        bytes: 3,
      },
    ]);
    expect((await loadSavepoint(db, 1))?.subtasks['src#0']).toEqual(new Uint8Array([1, 2, 3]));
    await deleteSavepoint(db, 1);
    expect((await listSavepoints(db)).map((s) => s.id)).toEqual([2]);
  });
});
