import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../src/lib/engine';
import { MemoryCheckpointStore } from '../../src/lib/engine/checkpoints/store';
import {
  CheckpointMirror,
  loadCheckpoints,
  openCheckpointDb,
  pipelineKey,
} from '../../src/lib/storage/checkpoints';
import { canonical, keyedSum, runAll } from './checkpoints-helpers';

describe('checkpoints in IndexedDB', () => {
  it('mirrors the retained checkpoints, reads them back, and a run resumes from them', async () => {
    const doc = keyedSum({ guarantee: 'exactly-once', interval: 1000 });
    const db = openCheckpointDb('test-checkpoints-1');
    const key = pipelineKey(doc);
    const store = new MemoryCheckpointStore();
    const mirror = new CheckpointMirror(db, key, false);
    store.onChange = (c) => mirror.apply(c);
    const sim = createSimulation(doc, { checkpointStore: store });
    sim.runUntil(9500);
    await mirror.flushed();
    const loaded = await loadCheckpoints(await db, key);
    expect(loaded.map((c) => c.id)).toEqual([7, 8, 9]);
    expect(loaded[2].subtasks).toEqual(store.get(9)!.subtasks);

    // Resume in a "new page": a fresh memory store filled from IndexedDB.
    const again = new MemoryCheckpointStore();
    for (const c of loaded) again.load(c);
    const resumed = createSimulation(doc, { checkpointStore: again, restoreFrom: 'latest' });
    expect(resumed.faultTolerance().restores[0].message).toBe('restored checkpoint 9');
    resumed.run();
    expect(resumed.faultTolerance().job).toBe('FINISHED');
  });

  it('a damaged stored value is reported on restore and the previous checkpoint is used', async () => {
    const doc = keyedSum({ guarantee: 'exactly-once', interval: 1000 });
    const clean = canonical(runAll(doc).sinkRecords().get('out')!);
    const db = await openCheckpointDb('test-checkpoints-2');
    const key = pipelineKey(doc);
    const store = new MemoryCheckpointStore();
    const mirror = new CheckpointMirror(Promise.resolve(db), key, false);
    store.onChange = (c) => mirror.apply(c);
    createSimulation(doc, { checkpointStore: store }).runUntil(6500);
    await mirror.flushed();
    // Damage checkpoint 6 of the window in the database, and drop a value of checkpoint 5.
    const v = (await db.get('states', [key, 6, 'w#0']))!;
    v.bytes[12] ^= 0xff;
    await db.put('states', v);
    await db.delete('states', [key, 5, 'src#0']);
    const again = new MemoryCheckpointStore();
    for (const c of await loadCheckpoints(db, key)) again.load(c);
    const resumed = createSimulation(doc, { checkpointStore: again, restoreFrom: 'latest' });
    expect(resumed.faultTolerance().restores[0]).toMatchObject({
      checkpoint: 4,
      message:
        'checkpoint 6 is unusable (the checksum does not match (the stored value is damaged)); checkpoint 5 is unusable (it has no state for src[0]); restored checkpoint 4',
    });
    resumed.run();
    // From checkpoint 4 on, the resumed run commits exactly what the clean run committed.
    const rows = canonical(resumed.sinkRecords().get('out')!);
    for (const r of rows) expect(clean).toContain(r);
    const later = clean.filter((r) => Number(r.split('@')[1].split('=')[0]) >= 5999);
    for (const r of later) expect(rows).toContain(r);
    expect(later.length).toBeGreaterThan(20);
  });

  it('the first checkpoint of a new run replaces the older ones of the same pipeline', async () => {
    const doc = keyedSum({ guarantee: 'exactly-once', interval: 1000 });
    const db = openCheckpointDb('test-checkpoints-3');
    const key = pipelineKey(doc);
    for (const until of [5500, 2500]) {
      const store = new MemoryCheckpointStore();
      const mirror = new CheckpointMirror(db, key, false);
      store.onChange = (c) => mirror.apply(c);
      createSimulation(doc, { checkpointStore: store }).runUntil(until);
      await mirror.flushed();
    }
    expect((await loadCheckpoints(await db, key)).map((c) => c.id)).toEqual([1, 2]);
  });
});
