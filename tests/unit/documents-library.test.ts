import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, exampleDocument, exampleDocumentOf } from '../../src/lib/pipeline';
import { listPipelines, openStreamlabDb } from '../../src/lib/storage';
import { PipelineStore } from '../../src/lib/ui/document.svelte';
import { DocumentLibrary, uniqueName } from '../../src/lib/ui/documents/library.svelte';

let clock = 1000;
const tick = () => ++clock;

/** A page load: a fresh store with the starter document and a library over the same database. */
async function pageLoad(dbName: string) {
  const store = new PipelineStore(exampleDocument());
  const library = new DocumentLibrary(store, dbName, tick);
  await library.start();
  return { store, library };
}

describe('document library', () => {
  it('starts with the starter pipeline as the first saved document', async () => {
    const { library, store } = await pageLoad('lib-first');
    expect(library.list.map((d) => d.name)).toEqual(['Clicks per user']);
    expect(library.currentId).toBe(library.list[0].id);
    expect(store.doc).toEqual(exampleDocument());
  });

  it('new, rename, reload: the renamed new pipeline is open again, exactly as it was', async () => {
    const first = await pageLoad('lib-reload');
    await first.library.newDocument();
    expect(first.store.doc.nodes).toEqual([]);
    expect(first.store.doc.name).toBe('Untitled pipeline');
    first.store.addNode('generator', { x: 12, y: 34 });
    first.store.addNode('logSink', { x: 250, y: 34 });
    first.store.addEdge({
      from: 'generator1',
      to: 'logSink1',
      fromPort: 'main',
      toPort: 'main',
      partitioning: 'forward',
    });
    await first.library.rename(first.library.currentId!, '  My pipeline ');
    expect(first.store.doc.name).toBe('My pipeline');
    const edited = first.store.doc;
    first.library.stop();

    const second = await pageLoad('lib-reload');
    expect(second.store.doc).toEqual(edited);
    expect(second.library.currentId).toBe(first.library.currentId);
    expect(second.library.list.map((d) => d.name).sort()).toEqual([
      'Clicks per user',
      'My pipeline',
    ]);
  });

  it('renaming the open pipeline is undoable', async () => {
    const { library, store } = await pageLoad('lib-undo');
    await library.rename(library.currentId!, 'Renamed');
    expect(library.list[0].name).toBe('Renamed');
    store.undo();
    expect(store.doc.name).toBe('Clicks per user');
  });

  it('duplicates and deletes; deleting the open one opens the next', async () => {
    const { library, store } = await pageLoad('lib-dup');
    const original = library.currentId!;
    await library.duplicate(original);
    expect(library.list.map((d) => d.name).sort()).toEqual([
      'Clicks per user',
      'Clicks per user (copy)',
    ]);
    expect(library.currentId).toBe(original);
    const copy = library.list.find((d) => d.id !== original)!;
    await library.remove(original);
    expect(library.list.map((d) => d.id)).toEqual([copy.id]);
    expect(library.currentId).toBe(copy.id);
    expect(store.doc.name).toBe('Clicks per user (copy)');
    await library.remove(copy.id);
    expect(library.list.map((d) => d.name)).toEqual(['Untitled pipeline']);
    expect(store.doc.nodes).toEqual([]);
    const db = await openStreamlabDb('lib-dup');
    expect((await listPipelines(db)).map((p) => p.doc.name)).toEqual(['Untitled pipeline']);
  });

  it('an example opens as a new document; the previous one stays in the list', async () => {
    const { library, store } = await pageLoad('lib-example');
    store.updateNode('double', { name: 'Triple' });
    const example = exampleDocumentOf(EXAMPLES[0]);
    await library.addAndOpen(example);
    expect(store.doc).toEqual(example);
    const { store: after } = await pageLoad('lib-example');
    expect(after.doc).toEqual(example);
    const db = await openStreamlabDb('lib-example');
    const starter = (await listPipelines(db)).find((p) => p.doc.name === 'Clicks per user')!;
    expect(starter.doc.nodes.find((n) => n.id === 'double')?.name).toBe('Triple');
  });

  it('a name already in the list gets a number', async () => {
    const { library, store } = await pageLoad('lib-names');
    await library.addAndOpen(exampleDocument());
    expect(store.doc.name).toBe('Clicks per user 2');
    await library.addAndOpen(exampleDocument());
    expect(library.list.map((d) => d.name)).toEqual([
      'Clicks per user 3',
      'Clicks per user 2',
      'Clicks per user',
    ]);
  });

  it('save as copies the open pipeline under a new name and opens the copy', async () => {
    const { library, store } = await pageLoad('lib-saveas');
    const original = library.currentId;
    await library.saveAs('Variant');
    expect(store.doc.name).toBe('Variant');
    expect(library.currentId).not.toBe(original);
    expect(library.list.map((d) => d.name).sort()).toEqual(['Clicks per user', 'Variant']);
  });

  it('opens another document and keeps unsaved changes of the one left', async () => {
    const { library, store } = await pageLoad('lib-open');
    const first = library.currentId!;
    await library.newDocument();
    const second = library.currentId!;
    store.addNode('map', { x: 0, y: 0 });
    await library.open(first);
    expect(store.doc.name).toBe('Clicks per user');
    await library.open(second);
    expect(store.doc.nodes.map((n) => n.kind)).toEqual(['map']);
  });

  it('keeps a draft with config problems as it was', async () => {
    const first = await pageLoad('lib-draft');
    const node = first.store.doc.nodes.find((n) => n.id === 'perFiveSeconds')!;
    first.store.updateNode('perFiveSeconds', { config: { ...node.config, size: -1 } as never });
    const draft = first.store.doc;
    first.library.stop();
    const second = await pageLoad('lib-draft');
    expect(second.store.doc).toEqual(draft);
  });
});

describe('uniqueName', () => {
  it('numbers a name that is taken', () => {
    expect(uniqueName('A', [])).toBe('A');
    expect(uniqueName('A', ['A', 'A 2'])).toBe('A 3');
  });
});
