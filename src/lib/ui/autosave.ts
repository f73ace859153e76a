import { validateDocument, type PipelineDocument } from '../pipeline';
import { loadPipeline, openStreamlabDb, savePipeline, type StreamlabDatabase } from '../storage';
import type { PipelineStore } from './document.svelte';

/** The id under which the pipeline being edited is kept. */
export const CURRENT_ID = 'current';
const DEBOUNCE_MS = 300;

/**
 * Restores the last edited pipeline (if any, and if it still validates as a document), then
 * writes every change to IndexedDB, debounced, flushing when the page is hidden.
 */
export async function startAutosave(store: PipelineStore, dbName?: string): Promise<() => void> {
  let db: StreamlabDatabase;
  try {
    db = await openStreamlabDb(dbName);
  } catch {
    return () => {};
  }
  const saved = await loadPipeline(db, CURRENT_ID).catch(() => undefined);
  if (saved) {
    // A stored document may be from an older version: migrate and check it like an import.
    const result = validateDocument(saved.doc);
    if (
      result.ok ||
      result.problems.every((p) => (p.nodeId || p.edgeId) && !p.field?.startsWith('config'))
    )
      store.load(saved.doc as PipelineDocument);
  }
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pending: PipelineDocument | null = null;
  const flush = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (pending) void savePipeline(db, { id: CURRENT_ID, doc: pending, updatedAt: Date.now() });
    pending = null;
  };
  const off = store.onChange((doc) => {
    pending = JSON.parse(JSON.stringify(doc)) as PipelineDocument;
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(flush, DEBOUNCE_MS);
  });
  const onHide = () => {
    if (document.visibilityState === 'hidden') flush();
  };
  document.addEventListener('visibilitychange', onHide);
  window.addEventListener('pagehide', flush);
  return () => {
    flush();
    off();
    document.removeEventListener('visibilitychange', onHide);
    window.removeEventListener('pagehide', flush);
  };
}
