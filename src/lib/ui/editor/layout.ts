import { Graph, layout } from '@dagrejs/dagre';
import type { PipelineDocument } from '../../pipeline';

export const NODE_WIDTH = 170;
export const NODE_HEIGHT = 72;

/** Left-to-right layered layout of the dataflow (dagre), as top-left positions per node id. */
export function autoLayout(
  doc: PipelineDocument,
): { id: string; position: { x: number; y: number } }[] {
  const g = new Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 70, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of doc.nodes) g.setNode(n.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const e of doc.edges) {
    if (g.hasNode(e.from) && g.hasNode(e.to)) g.setEdge(e.from, e.to);
  }
  layout(g);
  return doc.nodes.map((n) => {
    const { x, y } = g.node(n.id);
    return {
      id: n.id,
      position: { x: Math.round(x - NODE_WIDTH / 2), y: Math.round(y - NODE_HEIGHT / 2) },
    };
  });
}
