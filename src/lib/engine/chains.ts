/**
 * Operator chaining, as Flink decides it (StreamingJobGraphGenerator.isChainable) for what a
 * document can express: an edge is chained when it is `forward`, both nodes have the same
 * parallelism, the receiver has no other input edge, neither node's chaining strategy forbids it
 * (areOperatorsChainable: the sender is not NEVER, the receiver neither NEVER nor HEAD), and (the
 * simulator's own rule) the receiver has no processing cost. The runtime hands records over
 * chained edges by direct calls; Flink runs a chain as one task per subtask, and its job graph
 * draws it as one vertex.
 */
import type { PipelineDocument, PipelineEdge, PipelineNode } from '../pipeline/types';

/** A node's processing cost per record in ms (SimulationOptions.costs overrides costMs). */
export function costOf(n: PipelineNode, costs?: Record<string, number>): number {
  const c = costs?.[n.id] ?? n.costMs;
  return typeof c === 'number' && c > 0 ? c : 0;
}

/** Whether `e` is chained in `doc` (with chaining on). */
export function isChainedEdge(
  doc: PipelineDocument,
  e: PipelineEdge,
  costs?: Record<string, number>,
): boolean {
  if (e.partitioning !== 'forward') return false;
  const from = doc.nodes.find((n) => n.id === e.from);
  const to = doc.nodes.find((n) => n.id === e.to);
  if (!from || !to || from.parallelism !== to.parallelism) return false;
  // disableChaining() is Flink's NEVER (no chain on either side), startNewChain() its HEAD (no
  // chain to the predecessor; the operators after it may chain to it).
  if (from.chaining === 'disableChaining') return false;
  if (to.chaining === 'disableChaining' || to.chaining === 'startNewChain') return false;
  if (doc.edges.some((x) => x.to === e.to && x !== e)) return false;
  return costOf(to, costs) === 0;
}

/** A chain from its head: a node and the nodes chained to its outputs (a fork makes a tree). */
export interface OperatorChain {
  node: string;
  next: OperatorChain[];
}

/** The chains of two or more nodes, by their heads in document order. */
export function operatorChains(
  doc: PipelineDocument,
  chained: (e: PipelineEdge) => boolean = (e) => isChainedEdge(doc, e),
): OperatorChain[] {
  const outs = new Map<string, string[]>();
  const inChain = new Set<string>();
  for (const e of doc.edges) {
    if (!chained(e)) continue;
    outs.set(e.from, [...(outs.get(e.from) ?? []), e.to]);
    inChain.add(e.to);
  }
  const tree = (node: string): OperatorChain => ({
    node,
    next: (outs.get(node) ?? []).map(tree),
  });
  return doc.nodes.filter((n) => outs.has(n.id) && !inChain.has(n.id)).map((n) => tree(n.id));
}

/** A chain's name as Flink's job graph names a chained vertex: "a → b → (c, d)". */
export function chainName(c: OperatorChain, title: (node: string) => string): string {
  const head = title(c.node);
  if (c.next.length === 0) return head;
  if (c.next.length === 1) return `${head} → ${chainName(c.next[0], title)}`;
  return `${head} → (${c.next.map((n) => chainName(n, title)).join(', ')})`;
}
