import type { PipelineDocument, PipelineEdge, PipelineNode } from '../../pipeline';

/** What Ctrl+C keeps: the selected nodes and the edges between them. */
export interface Clip {
  nodes: PipelineNode[];
  edges: PipelineEdge[];
}

export function copySelection(doc: PipelineDocument, ids: string[]): Clip | null {
  const keep = new Set(ids);
  const nodes = doc.nodes.filter((n) => keep.has(n.id));
  if (nodes.length === 0) return null;
  const edges = doc.edges.filter((e) => keep.has(e.from) && keep.has(e.to));
  return structuredClone({ nodes, edges });
}

/**
 * Pastes a clip into a document with fresh ids, shifted so the copies do not hide the
 * originals. Returns the new document and the ids of the pasted nodes.
 */
export function pasteClip(
  doc: PipelineDocument,
  clip: Clip,
  offset = 40,
): { doc: PipelineDocument; ids: string[] } {
  const used = new Set(doc.nodes.map((n) => n.id));
  const rename = new Map<string, string>();
  for (const n of clip.nodes) {
    const stem = n.id.replace(/\d+$/, '');
    let i = 1;
    while (used.has(`${stem}${i}`)) i++;
    used.add(`${stem}${i}`);
    rename.set(n.id, `${stem}${i}`);
  }
  const usedEdges = new Set(doc.edges.map((e) => e.id));
  let e = doc.edges.length + 1;
  const nextEdgeId = () => {
    while (usedEdges.has(`e${e}`)) e++;
    usedEdges.add(`e${e}`);
    return `e${e}`;
  };
  const nodes = clip.nodes.map((n) => ({
    ...structuredClone(n),
    id: rename.get(n.id)!,
    position: { x: n.position.x + offset, y: n.position.y + offset },
  })) as PipelineNode[];
  const edges = clip.edges.map((edge) => ({
    ...edge,
    id: nextEdgeId(),
    from: rename.get(edge.from)!,
    to: rename.get(edge.to)!,
  }));
  return {
    doc: { ...doc, nodes: [...doc.nodes, ...nodes], edges: [...doc.edges, ...edges] },
    ids: nodes.map((n) => n.id),
  };
}

/** The partitioning a new edge gets: hash out of a KeyBy, forward where it is allowed, else rebalance. */
export function defaultPartitioning(
  from: PipelineNode,
  to: PipelineNode,
): PipelineEdge['partitioning'] {
  if (from.kind === 'keyBy') return 'hash';
  return from.parallelism === to.parallelism ? 'forward' : 'rebalance';
}
