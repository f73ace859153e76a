/**
 * The provoke controls' document changes: each classic watermark problem as an edit of the
 * pipeline document (optional fields of the generator and the watermark strategy), so a run
 * replays it deterministically and a saved document keeps it. Pure functions, unit-tested.
 */
import type { NodeOf, PipelineDocument, PipelineNode } from '../../../pipeline';

/** The end of a pause that lasts until resumed: far beyond any run (ms). */
export const UNTIL_RESUMED = 1_000_000_000;

type Generator = NodeOf<'generator'>;

function withNode(
  doc: PipelineDocument,
  id: string,
  edit: (n: PipelineNode) => PipelineNode,
): PipelineDocument {
  return { ...doc, nodes: doc.nodes.map((n) => (n.id === id ? edit(n) : n)) };
}

function generator(doc: PipelineDocument, id: string): Generator | null {
  const n = doc.nodes.find((x) => x.id === id);
  return n?.kind === 'generator' ? n : null;
}

/** The pause of `subtask` in force at `now` (an idle period of that subtask only), if any. */
export function pauseOf(node: Generator, subtask: number, now: number) {
  return node.config.idle.find((p) => p.subtask === subtask && p.from <= now && now < p.to) ?? null;
}

/** Source partition `subtask` goes quiet from `now` until resumed. */
export function pauseSubtask(
  doc: PipelineDocument,
  id: string,
  subtask: number,
  now: number,
): PipelineDocument {
  return withNode(doc, id, (n) => {
    if (n.kind !== 'generator') return n;
    return {
      ...n,
      config: {
        ...n.config,
        idle: [...n.config.idle, { from: now, to: UNTIL_RESUMED, subtask }],
      },
    };
  });
}

/** Ends the pause of `subtask` at `now` (a pause not yet begun is removed). */
export function resumeSubtask(
  doc: PipelineDocument,
  id: string,
  subtask: number,
  now: number,
): PipelineDocument {
  return withNode(doc, id, (n) => {
    if (n.kind !== 'generator') return n;
    const idle = n.config.idle
      .map((p) => (p.subtask === subtask && p.from <= now && now < p.to ? { ...p, to: now } : p))
      .filter((p) => p.to > p.from);
    return { ...n, config: { ...n.config, idle } };
  });
}

/** The idleness timeout of a source's (or Watermarks node's) strategy; null: off or none. */
export function idlenessOf(node: PipelineNode): number | null | undefined {
  const s =
    node.kind === 'watermarks'
      ? node.config.strategy
      : (node.config as { watermarks?: { type: string; idleness?: number | null } }).watermarks;
  if (!s || s.type === 'none') return undefined;
  return (s as { idleness?: number | null }).idleness ?? null;
}

/** Sets (or clears, with null) the idleness timeout of the node's watermark strategy. */
export function setIdleness(
  doc: PipelineDocument,
  id: string,
  idleness: number | null,
): PipelineDocument {
  return withNode(doc, id, (n) => {
    if (n.kind === 'watermarks' && n.config.strategy.type !== 'none')
      return { ...n, config: { ...n.config, strategy: { ...n.config.strategy, idleness } } };
    if ((n.kind === 'generator' || n.kind === 'file') && n.config.watermarks.type !== 'none')
      return {
        ...n,
        config: { ...n.config, watermarks: { ...n.config.watermarks, idleness } },
      } as PipelineNode;
    return n;
  });
}

/**
 * One more subtask than the source has partitions: the partitions stay at the current
 * parallelism, the parallelism grows by one, and so does every node the source feeds by forward
 * edges (a forward edge needs equal parallelism).
 */
export function raiseParallelism(doc: PipelineDocument, id: string): PipelineDocument {
  const g = generator(doc, id);
  if (!g) return doc;
  const partitions = g.config.partitions ?? g.parallelism;
  const parallelism = Math.max(g.parallelism, partitions) + 1;
  const chain = new Set([id]);
  for (let grew = true; grew;) {
    grew = false;
    for (const e of doc.edges)
      if (e.partitioning === 'forward' && chain.has(e.from) && !chain.has(e.to)) {
        chain.add(e.to);
        grew = true;
      }
  }
  const old = g.parallelism;
  return {
    ...doc,
    nodes: doc.nodes.map((n) => {
      if (n.id === id && n.kind === 'generator')
        return { ...n, parallelism, config: { ...n.config, partitions } };
      if (chain.has(n.id) && n.parallelism === old) return { ...n, parallelism };
      return n;
    }),
  };
}

/** Makes the input bounded: it ends at processing time `now`. */
export function endInputAt(doc: PipelineDocument, id: string, now: number): PipelineDocument {
  return withNode(doc, id, (n) =>
    n.kind === 'generator' ? { ...n, config: { ...n.config, endAt: now } } : n,
  );
}
