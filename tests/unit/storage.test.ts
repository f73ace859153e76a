import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { exampleDocument } from '../../src/lib/pipeline';
import { listPipelines, loadPipeline, openStreamlabDb, savePipeline } from '../../src/lib/storage';

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
});
