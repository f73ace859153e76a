import * as v from 'valibot';
import {
  graphProblems,
  kindInfo,
  type PipelineDocument,
  type PipelineNode,
  type Problem,
} from '../pipeline';

/**
 * The pipeline being edited. The document is the single source of truth: the canvas, the
 * inspector and the problems list are views derived from it.
 */
export class PipelineStore {
  doc = $state.raw<PipelineDocument>() as PipelineDocument;
  selectedId = $state<string | null>(null);
  readonly problems: Problem[] = $derived(graphProblems(this.doc));
  readonly selected: PipelineNode | null = $derived(
    this.doc.nodes.find((n) => n.id === this.selectedId) ?? null,
  );

  constructor(doc: PipelineDocument) {
    this.doc = doc;
  }

  /** Adds a node of a kind with its defaults at a canvas position; returns its id. */
  addNode(kind: string, position: { x: number; y: number }): string | null {
    const info = kindInfo(kind);
    if (!info) return null;
    const config = v.parse(info.config as v.GenericSchema, {});
    let n = 1;
    while (this.doc.nodes.some((node) => node.id === `${kind}${n}`)) n++;
    const id = `${kind}${n}`;
    const node = {
      id,
      kind,
      name: `${info.label} ${n}`,
      parallelism: 1,
      position,
      config,
    } as PipelineNode;
    this.doc = { ...this.doc, nodes: [...this.doc.nodes, node] };
    this.selectedId = id;
    return id;
  }

  moveNode(id: string, position: { x: number; y: number }): void {
    this.doc = {
      ...this.doc,
      nodes: this.doc.nodes.map((n) =>
        n.id === id
          ? { ...n, position: { x: Math.round(position.x), y: Math.round(position.y) } }
          : n,
      ),
    };
  }

  select(id: string | null): void {
    this.selectedId = id;
  }
}
