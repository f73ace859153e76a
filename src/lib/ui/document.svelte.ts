import { t } from '../i18n';
import * as v from 'valibot';
import {
  kindInfo,
  validateDocument,
  type PipelineDocument,
  type PipelineEdge,
  type PipelineNode,
  type Problem,
} from '../pipeline';
import { expressionProblems } from './editor/forms/expression-problems';

const HISTORY_LIMIT = 200;

/**
 * The pipeline being edited. The document is the single source of truth: the canvas, the
 * inspector and the problems list are views derived from it. Every change goes through
 * `change()`, which makes it undoable and tells listeners (autosave) about it.
 */
export class PipelineStore {
  doc = $state.raw<PipelineDocument>() as PipelineDocument;
  /** Selected node ids (several with shift-click or a selection box). */
  selectedIds = $state.raw<string[]>([]);
  selectedEdgeId = $state<string | null>(null);
  private past = $state.raw<PipelineDocument[]>([]);
  private future = $state.raw<PipelineDocument[]>([]);
  private listeners: ((doc: PipelineDocument) => void)[] = [];

  /** Problems of the whole document: config fields (per node) and the graph. */
  readonly problems: Problem[] = $derived(documentProblems(this.doc));
  readonly selected: PipelineNode | null = $derived(
    this.selectedIds.length === 1
      ? (this.doc.nodes.find((n) => n.id === this.selectedIds[0]) ?? null)
      : null,
  );
  readonly canUndo = $derived(this.past.length > 0);
  readonly canRedo = $derived(this.future.length > 0);

  constructor(doc: PipelineDocument) {
    this.doc = doc;
  }

  /** Called after every change of the document (not on selection changes). */
  onChange(listener: (doc: PipelineDocument) => void): () => void {
    this.listeners.push(listener);
    return () => (this.listeners = this.listeners.filter((l) => l !== listener));
  }

  /** Replaces the document with `next` as one undoable step. */
  change(next: PipelineDocument): void {
    if (next === this.doc) return;
    this.past = [...this.past.slice(-(HISTORY_LIMIT - 1)), this.doc];
    this.future = [];
    this.set(next);
  }

  /** Loads another document (open, import, new): history starts afresh. */
  load(doc: PipelineDocument): void {
    this.past = [];
    this.future = [];
    this.selectedIds = [];
    this.selectedEdgeId = null;
    this.set(doc);
  }

  undo(): void {
    const prev = this.past.at(-1);
    if (!prev) return;
    this.past = this.past.slice(0, -1);
    this.future = [this.doc, ...this.future];
    this.set(prev);
  }

  redo(): void {
    const next = this.future[0];
    if (!next) return;
    this.future = this.future.slice(1);
    this.past = [...this.past, this.doc];
    this.set(next);
  }

  private set(doc: PipelineDocument): void {
    this.doc = doc;
    const ids = new Set(doc.nodes.map((n) => n.id));
    if (this.selectedIds.some((id) => !ids.has(id)))
      this.selectedIds = this.selectedIds.filter((id) => ids.has(id));
    if (this.selectedEdgeId && !doc.edges.some((e) => e.id === this.selectedEdgeId))
      this.selectedEdgeId = null;
    for (const l of this.listeners) l(doc);
  }

  /** A node id not used yet, from a stem such as the kind. */
  freshNodeId(stem: string): string {
    let n = 1;
    while (this.doc.nodes.some((node) => node.id === `${stem}${n}`)) n++;
    return `${stem}${n}`;
  }

  freshEdgeId(): string {
    let n = this.doc.edges.length + 1;
    while (this.doc.edges.some((e) => e.id === `e${n}`)) n++;
    return `e${n}`;
  }

  /** Adds a node of a kind with its defaults at a canvas position; returns its id. */
  addNode(kind: string, position: { x: number; y: number }): string | null {
    const info = kindInfo(kind);
    if (!info) return null;
    const config = v.parse(info.config as v.GenericSchema, {});
    const id = this.freshNodeId(kind);
    const n = id.slice(kind.length);
    const node = {
      id,
      kind,
      name: `${t(info.label)} ${n}`,
      parallelism: 1,
      position: { x: Math.round(position.x), y: Math.round(position.y) },
      config,
    } as PipelineNode;
    this.change({ ...this.doc, nodes: [...this.doc.nodes, node] });
    this.selectedIds = [id];
    return id;
  }

  /** Changes one node's fields (name, parallelism, config, position) as one undoable step. */
  updateNode(id: string, patch: Partial<Omit<PipelineNode, 'id' | 'kind'>>): void {
    this.change({
      ...this.doc,
      nodes: this.doc.nodes.map((n) => (n.id === id ? ({ ...n, ...patch } as PipelineNode) : n)),
    });
  }

  /**
   * Sets an optional field of a node as one undoable change; undefined leaves it out, as a
   * document without it means its default. Nothing changes when the value is the same.
   */
  setOptionalNodeField<F extends 'chaining' | 'costMs'>(
    id: string,
    field: F,
    value: PipelineNode[F] | undefined,
  ): void {
    const current = this.doc.nodes.find((n) => n.id === id);
    if (!current || current[field] === value) return;
    const next = { ...current } as PipelineNode;
    if (value === undefined) delete next[field];
    else next[field] = value;
    this.change({ ...this.doc, nodes: this.doc.nodes.map((n) => (n.id === id ? next : n)) });
  }

  moveNodes(positions: { id: string; position: { x: number; y: number } }[]): void {
    const at = new Map(
      positions.map((p) => [p.id, { x: Math.round(p.position.x), y: Math.round(p.position.y) }]),
    );
    if (this.doc.nodes.every((n) => !at.has(n.id) || samePoint(n.position, at.get(n.id)!))) return;
    this.change({
      ...this.doc,
      nodes: this.doc.nodes.map((n) => (at.has(n.id) ? { ...n, position: at.get(n.id)! } : n)),
    });
  }

  addEdge(edge: Omit<PipelineEdge, 'id'>): string {
    const id = this.freshEdgeId();
    this.change({ ...this.doc, edges: [...this.doc.edges, { ...edge, id }] });
    return id;
  }

  updateEdge(id: string, patch: Partial<Omit<PipelineEdge, 'id'>>): void {
    this.change({
      ...this.doc,
      edges: this.doc.edges.map((e) => (e.id === id ? { ...e, ...patch } : e)),
    });
  }

  /** Deletes nodes (with their edges) and edges as one step. */
  remove(nodeIds: string[], edgeIds: string[] = []): void {
    const nodes = new Set(nodeIds);
    const edges = new Set(edgeIds);
    if (nodes.size === 0 && edges.size === 0) return;
    this.change({
      ...this.doc,
      nodes: this.doc.nodes.filter((n) => !nodes.has(n.id)),
      edges: this.doc.edges.filter(
        (e) => !edges.has(e.id) && !nodes.has(e.from) && !nodes.has(e.to),
      ),
    });
  }

  select(ids: string[]): void {
    this.selectedIds = ids;
    if (ids.length > 0) this.selectedEdgeId = null;
  }

  selectEdge(id: string | null): void {
    this.selectedEdgeId = id;
    if (id) this.selectedIds = [];
  }
}

function samePoint(a: { x: number; y: number }, b: { x: number; y: number }): boolean {
  return a.x === b.x && a.y === b.y;
}

/**
 * Everything wrong with a document being edited: each node's config checked against its kind
 * (the same schema the engine uses), then the graph, then expressions that do not compile.
 */
export function documentProblems(doc: PipelineDocument): Problem[] {
  return [...validateDocument(doc).problems, ...expressionProblems(doc)];
}
