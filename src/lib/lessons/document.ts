import { EXAMPLES, exampleDocumentOf, validateDocument, type PipelineDocument } from '../pipeline';
import type { Change, LessonStep } from './schema';

/** The document a step's `load` names: a built-in example or an inline document, validated. */
export function loadedDocument(load: NonNullable<LessonStep['load']>): PipelineDocument {
  if ('example' in load) {
    const example = EXAMPLES.find((e) => e.id === load.example);
    if (!example)
      throw new Error(
        `no example "${load.example}"; the examples are ${EXAMPLES.map((e) => e.id).join(', ')}`,
      );
    return exampleDocumentOf(example);
  }
  const result = validateDocument(structuredClone(load.document));
  if (!result.ok)
    throw new Error(
      `the inline document is invalid: ${result.problems.map((p) => p.message).join('; ')}`,
    );
  return result.doc;
}

/** Reads a dotted path (`config.window.size`) of a node, or of the document without node. */
export function readField(doc: PipelineDocument, node: string | undefined, path: string): unknown {
  let at: unknown = node === undefined ? doc : doc.nodes.find((n) => n.id === node);
  for (const part of path.split('.')) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return at;
}

function setPath(target: unknown, parts: string[], value: unknown): unknown {
  const base =
    target !== null && typeof target === 'object' ? (target as Record<string, unknown>) : {};
  if (parts.length === 0) return value;
  const [head, ...rest] = parts;
  return { ...base, [head]: setPath(base[head], rest, value) };
}

/** The document with one change applied (a new object; the input is left as it is). */
export function applyChange(doc: PipelineDocument, change: Change): PipelineDocument {
  const parts = change.path.split('.');
  if (change.node === undefined) return setPath(doc, parts, change.value) as PipelineDocument;
  if (!doc.nodes.some((n) => n.id === change.node))
    throw new Error(`a change names node "${change.node}", which the document does not have`);
  return {
    ...doc,
    nodes: doc.nodes.map((n) =>
      n.id === change.node ? (setPath(n, parts, change.value) as typeof n) : n,
    ),
  };
}

/** Applies changes and validates the result (so defaults are filled in and mistakes named). */
export function applyChanges(doc: PipelineDocument, changes: readonly Change[]): PipelineDocument {
  if (changes.length === 0) return doc;
  const changed = changes.reduce(applyChange, doc);
  const result = validateDocument(structuredClone(changed));
  if (!result.ok)
    throw new Error(
      `after the changes the document is invalid: ${result.problems.map((p) => p.message).join('; ')}`,
    );
  return result.doc;
}

/**
 * The document as a step sets it up from scratch: the nearest `load` at or before the step, then
 * the changes of every step from there to this one. Null when no step so far loads a document.
 */
export function documentForStep(
  steps: readonly LessonStep[],
  index: number,
): PipelineDocument | null {
  let start = -1;
  for (let i = index; i >= 0; i--)
    if (steps[i].load) {
      start = i;
      break;
    }
  if (start < 0) return null;
  let doc = loadedDocument(steps[start].load!);
  for (let i = start; i <= index; i++) doc = applyChanges(doc, steps[i].changes);
  return doc;
}
