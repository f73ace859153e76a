import { t } from '../../i18n';
import { validateDocument, type PipelineDocument } from '../../pipeline';
import {
  createPipeline,
  deletePipeline,
  getSetting,
  LAST_OPEN_KEY,
  listPipelines,
  loadPipeline,
  openStreamlabDb,
  savePipeline,
  setSetting,
  type StoredPipeline,
  type StreamlabDatabase,
} from '../../storage';
import { restoreStoredDocument, startAutosave, type Autosave } from '../autosave';
import type { PipelineStore } from '../document.svelte';

/** One line of the documents list. */
export interface DocumentSummary {
  id: string;
  name: string;
  updatedAt: number;
  nodeCount: number;
}

function summaryOf(p: StoredPipeline): DocumentSummary {
  return {
    id: p.id,
    name: p.doc.name,
    updatedAt: p.updatedAt,
    nodeCount: Array.isArray(p.doc.nodes) ? p.doc.nodes.length : 0,
  };
}

/** `base`, or `base 2`, `base 3`… whichever no document is called yet. */
export function uniqueName(base: string, taken: string[]): string {
  const names = new Set(taken);
  if (!names.has(base)) return base;
  let n = 2;
  while (names.has(`${base} ${n}`)) n++;
  return `${base} ${n}`;
}

/**
 * A new, empty pipeline: the run settings are the schema's defaults, taken from validation so
 * that a setting added to the schema needs no second copy here.
 */
export function emptyDocument(name: string): PipelineDocument {
  const result = validateDocument({ version: 1, name, nodes: [], edges: [] });
  if (!result.ok)
    throw new Error(`an empty pipeline does not validate: ${result.problems[0]?.message}`);
  return result.doc;
}

/**
 * The saved pipelines and which one is open in the editor. The open one is autosaved on every
 * change; the others change only by the actions here (rename, duplicate, delete). Every action
 * is written to IndexedDB before it resolves.
 */
export class DocumentLibrary {
  list = $state.raw<DocumentSummary[]>([]);
  currentId = $state<string | null>(null);
  /** False until the last open pipeline is restored (and when IndexedDB is unavailable). */
  ready = $state(false);
  private db: StreamlabDatabase | null = null;
  private autosave: Autosave | null = null;

  constructor(
    private readonly store: PipelineStore,
    private readonly dbName?: string,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /**
   * Opens the database, then the document open when the page was left (or, the first time, keeps
   * the store's document as the first one of the list) and starts autosaving it.
   */
  async start(): Promise<void> {
    try {
      this.db = await openStreamlabDb(this.dbName);
    } catch {
      return; // No IndexedDB (e.g. a private window in some browsers): the editor still works.
    }
    const db = this.db;
    const lastId = await getSetting<string>(db, LAST_OPEN_KEY);
    const last = lastId ? await loadPipeline(db, lastId) : undefined;
    const restored = last ? restoreStoredDocument(last.doc) : null;
    if (last && restored) {
      this.store.load(restored);
      this.currentId = last.id;
    } else {
      const all = await listPipelines(db);
      const newest = all.map((p) => ({ p, doc: restoreStoredDocument(p.doc) })).find((x) => x.doc);
      if (newest) {
        this.store.load(newest.doc!);
        this.currentId = newest.p.id;
      } else {
        this.currentId = (await createPipeline(db, this.snapshot(), this.now())).id;
      }
      await setSetting(db, LAST_OPEN_KEY, this.currentId);
    }
    await this.refresh();
    this.autosave = startAutosave(this.store, (doc) => this.saveCurrent(doc));
    this.ready = true;
  }

  stop(): void {
    this.autosave?.stop();
    this.autosave = null;
  }

  /** The open document's name as the list shows it (follows every change at once). */
  private async saveCurrent(doc: PipelineDocument): Promise<void> {
    if (!this.db || !this.currentId) return;
    const stored = { id: this.currentId, doc, updatedAt: this.now() };
    await savePipeline(this.db, stored);
    this.list = [summaryOf(stored), ...this.list.filter((d) => d.id !== stored.id)];
  }

  private snapshot(): PipelineDocument {
    return JSON.parse(JSON.stringify(this.store.doc)) as PipelineDocument;
  }

  private async refresh(): Promise<void> {
    if (this.db) this.list = (await listPipelines(this.db)).map(summaryOf);
  }

  private names(): string[] {
    return this.list.map((d) => d.name);
  }

  /**
   * Adds a document to the list and opens it in the editor (new, import, example, share link).
   * A name already in the list gets a number, so the two can be told apart.
   */
  async addAndOpen(incoming: PipelineDocument): Promise<string | null> {
    const doc = { ...incoming, name: uniqueName(incoming.name, this.names()) };
    const db = this.db;
    if (!db) {
      this.store.load(doc);
      return null;
    }
    await this.autosave?.flush();
    const stored = await createPipeline(db, doc, this.now());
    await this.show(stored.id, doc);
    await this.refresh();
    return stored.id;
  }

  private async show(id: string, doc: PipelineDocument): Promise<void> {
    this.currentId = id;
    this.store.load(doc);
    // Loading tells the autosave about the new document: write it at once, under its own id.
    await this.autosave?.flush();
    if (this.db) await setSetting(this.db, LAST_OPEN_KEY, id);
  }

  async newDocument(): Promise<void> {
    await this.addAndOpen(emptyDocument(uniqueName(t('Untitled pipeline'), this.names())));
  }

  async open(id: string): Promise<boolean> {
    if (!this.db || id === this.currentId) return true;
    await this.autosave?.flush();
    const stored = await loadPipeline(this.db, id);
    const doc = stored ? restoreStoredDocument(stored.doc) : null;
    if (!doc) return false;
    await this.show(id, doc);
    await this.refresh();
    return true;
  }

  async rename(id: string, name: string): Promise<void> {
    const trimmed = name.trim();
    if (!trimmed || !this.db) return;
    if (id === this.currentId) {
      // Renaming the open pipeline is a change like any other: undoable and autosaved.
      this.store.change({ ...this.store.doc, name: trimmed });
      await this.autosave?.flush();
      return;
    }
    const stored = await loadPipeline(this.db, id);
    if (!stored) return;
    await savePipeline(this.db, { ...stored, doc: { ...stored.doc, name: trimmed } });
    await this.refresh();
  }

  /** A copy in the list, next to the original; the open document stays open. */
  async duplicate(id: string): Promise<void> {
    if (!this.db) return;
    await this.autosave?.flush();
    const stored = await loadPipeline(this.db, id);
    if (!stored) return;
    const name = uniqueName(t('{{name}} (copy)', { name: stored.doc.name }), this.names());
    await createPipeline(this.db, { ...stored.doc, name }, this.now());
    await this.refresh();
  }

  /** Save as: a copy of the open document under a new name, which then is the open one. */
  async saveAs(name: string): Promise<void> {
    const trimmed = name.trim();
    if (!trimmed) return;
    await this.addAndOpen({ ...this.snapshot(), name: trimmed });
  }

  /** Deletes a document; deleting the open one opens the most recent other (or a new one). */
  async remove(id: string): Promise<void> {
    if (!this.db) return;
    if (id === this.currentId) {
      await this.autosave?.flush();
      await deletePipeline(this.db, id);
      await this.refresh();
      const next = this.list[0];
      const stored = next ? await loadPipeline(this.db, next.id) : undefined;
      const doc = stored ? restoreStoredDocument(stored.doc) : null;
      if (next && doc) await this.show(next.id, doc);
      else await this.addAndOpen(emptyDocument(t('Untitled pipeline')));
    } else {
      await deletePipeline(this.db, id);
    }
    await this.refresh();
  }
}
