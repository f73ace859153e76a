import { migrate, validateDocument, type PipelineDocument } from '../pipeline';
import type { PipelineStore } from './document.svelte';

const DEBOUNCE_MS = 300;

export interface Autosave {
  /** Writes a pending change now (before switching documents, when the page is hidden). */
  flush(): Promise<void>;
  stop(): void;
}

/**
 * Writes every change of the store through `save`, debounced, and flushes when the page is
 * hidden, so that a reload or a closed tab loses nothing.
 */
export function startAutosave(
  store: PipelineStore,
  save: (doc: PipelineDocument) => Promise<void>,
  debounceMs = DEBOUNCE_MS,
): Autosave {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pending: PipelineDocument | null = null;
  let writing: Promise<void> = Promise.resolve();
  const flush = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (pending) {
      const doc = pending;
      pending = null;
      writing = writing.then(() => save(doc)).catch(() => {});
    }
    return writing;
  };
  const off = store.onChange((doc) => {
    pending = JSON.parse(JSON.stringify(doc)) as PipelineDocument;
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => void flush(), debounceMs);
  });
  const onHide = () => {
    if (document.visibilityState === 'hidden') void flush();
  };
  const onPageHide = () => void flush();
  if (typeof document !== 'undefined') {
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', onPageHide);
  }
  return {
    flush,
    stop() {
      void flush();
      off();
      if (typeof document !== 'undefined') {
        document.removeEventListener('visibilitychange', onHide);
        window.removeEventListener('pagehide', onPageHide);
      }
    },
  };
}

/**
 * A stored document as it was saved, migrated if it is from an older version. Our own saves are
 * trusted drafts: they may have problems (an unconnected node, a field being typed), which the
 * problems list shows; only something that is not a document at all is refused (null).
 */
export function restoreStoredDocument(stored: unknown): PipelineDocument | null {
  const result = validateDocument(stored);
  if (result.doc) return result.doc;
  const migrated = migrate(stored);
  if (!migrated.ok) return null;
  const doc = migrated.doc as Partial<PipelineDocument>;
  const isDraft =
    typeof doc.name === 'string' &&
    typeof doc.settings === 'object' &&
    doc.settings !== null &&
    Array.isArray(doc.nodes) &&
    Array.isArray(doc.edges);
  return isDraft ? (doc as PipelineDocument) : null;
}
