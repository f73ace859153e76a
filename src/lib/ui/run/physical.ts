import type { ChannelStatus, SubtaskStatus } from '../../engine/api';
import type { Partitioning, PipelineDocument } from '../../pipeline';
import { explainLanes, type Lane } from '../../engine/explain';
import { isChainedEdge, operatorChains, type OperatorChain } from '../../engine/chains';

/**
 * Layout of the physical graph: every operator as a column of its subtasks, every channel
 * between two subtasks as a line. Layered left to right by the longest path from a source, in
 * the document's vertical order within a layer. Pure, unit-tested.
 */
export const BOX_W = 200;
export const GAP_X = 100;
export const HEAD_H = 28;
export const ROW_H = 44;
export const GAP_Y = 28;
export const PAD = 16;

export interface PhysicalOperator {
  node: string;
  title: string;
  group: string;
  x: number;
  y: number;
  height: number;
  subtasks: { index: number; y: number; status: SubtaskStatus | null }[];
}

export interface PhysicalChannel {
  edge: string;
  partitioning: Partitioning;
  late: boolean;
  from: { node: string; subtask: number };
  to: { node: string; subtask: number };
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  records: number;
  buffered: number;
  chained: boolean;
  /** BATCH: a blocking exchange (ChannelStatus.blocking); false before a run. */
  blocking: boolean;
  /** Channels of the same edge (labels are drawn only when there are few). */
  siblings: number;
  /** The receiver's view of this channel (watermark valve), once the run has started. */
  lane: Lane | null;
  /** Input channels of the receiving subtask (its watermark is the minimum over them). */
  fanIn: number;
}

export interface PhysicalLayout {
  operators: PhysicalOperator[];
  channels: PhysicalChannel[];
  width: number;
  height: number;
  /** Operator chains (one task per subtask in Flink): the run's, or by Flink's rule before it. */
  chains: OperatorChain[];
}

/** The channels an edge has, by Flink's rules, when the run has not told us (before a run). */
function plannedChannels(
  partitioning: Partitioning,
  senders: number,
  receivers: number,
): [number, number][] {
  const out: [number, number][] = [];
  for (let s = 0; s < senders; s++) {
    if (partitioning === 'forward') out.push([s, s % receivers]);
    else for (let r = 0; r < receivers; r++) out.push([s, r]);
  }
  return out;
}

export function physicalLayout(
  doc: PipelineDocument,
  status: SubtaskStatus[] | null,
  channels: ChannelStatus[] | null,
  groupOf: (kind: string) => string,
): PhysicalLayout {
  const layer = new Map<string, number>();
  const visit = (id: string, seen: Set<string>): number => {
    const known = layer.get(id);
    if (known !== undefined) return known;
    if (seen.has(id)) return 0;
    seen.add(id);
    const ins = doc.edges.filter((e) => e.to === id);
    const l = ins.length === 0 ? 0 : 1 + Math.max(...ins.map((e) => visit(e.from, seen)));
    layer.set(id, l);
    return l;
  };
  for (const n of doc.nodes) visit(n.id, new Set());

  const columns = new Map<number, typeof doc.nodes>();
  for (const n of doc.nodes) {
    const l = layer.get(n.id) ?? 0;
    columns.set(l, [...(columns.get(l) ?? []), n]);
  }
  const operators: PhysicalOperator[] = [];
  const byNode = new Map<string, PhysicalOperator>();
  let height = 0;
  for (const [l, nodes] of columns) {
    nodes.sort((a, b) => a.position.y - b.position.y || a.position.x - b.position.x);
    let y = PAD;
    for (const n of nodes) {
      const h = HEAD_H + n.parallelism * ROW_H;
      const op: PhysicalOperator = {
        node: n.id,
        title: n.name || n.id,
        group: groupOf(n.kind),
        x: PAD + l * (BOX_W + GAP_X),
        y,
        height: h,
        subtasks: Array.from({ length: n.parallelism }, (_, i) => ({
          index: i,
          y: y + HEAD_H + i * ROW_H,
          status: status?.find((s) => s.node === n.id && s.subtask === i) ?? null,
        })),
      };
      operators.push(op);
      byNode.set(n.id, op);
      y += h + GAP_Y;
    }
    height = Math.max(height, y);
  }

  const lines: PhysicalChannel[] = [];
  const lanesOf = new Map<string, Lane[]>();
  const lanes = (node: string, subtask: number): Lane[] => {
    const id = `${node}#${subtask}`;
    let l = lanesOf.get(id);
    if (!l) {
      // BATCH has no watermarks while the input is read: no lane holds one back.
      l =
        status && doc.settings.runtimeMode !== 'BATCH'
          ? explainLanes(doc, { now: 0, status, sources: [], state: [] }, { node, subtask })
          : [];
      lanesOf.set(id, l);
    }
    return l;
  };
  for (const e of doc.edges) {
    const from = byNode.get(e.from);
    const to = byNode.get(e.to);
    if (!from || !to) continue;
    const real = channels?.filter((c) => c.edge === e.id);
    const pairs: { s: number; r: number; c: ChannelStatus | null }[] =
      real && real.length > 0
        ? real.map((c) => ({ s: c.from.subtask, r: c.to.subtask, c }))
        : plannedChannels(e.partitioning, from.subtasks.length, to.subtasks.length).map(
            ([s, r]) => ({ s, r, c: null }),
          );
    for (const p of pairs) {
      const late = e.fromPort === 'late';
      lines.push({
        edge: e.id,
        partitioning: e.partitioning,
        late,
        from: { node: e.from, subtask: p.s },
        to: { node: e.to, subtask: p.r },
        x1: from.x + BOX_W,
        // The late side output leaves from the lower part of the row.
        y1: from.subtasks[p.s].y + (late ? ROW_H - 8 : ROW_H / 2),
        x2: to.x,
        y2: to.subtasks[p.r].y + ROW_H / 2,
        records: p.c?.records ?? 0,
        buffered: p.c?.buffered ?? 0,
        chained: p.c ? p.c.chained : isChainedEdge(doc, e),
        blocking: p.c?.blocking === true,
        siblings: pairs.length,
        lane:
          lanes(e.to, p.r).find(
            (l) => l.edge === e.id && l.from.node === e.from && l.from.subtask === p.s,
          ) ?? null,
        fanIn: status ? lanes(e.to, p.r).length : 0,
      });
    }
  }
  const maxLayer = Math.max(0, ...layer.values());
  const chainedEdges = new Set(lines.filter((c) => c.chained).map((c) => c.edge));
  return {
    operators,
    channels: lines,
    width: PAD * 2 + (maxLayer + 1) * BOX_W + maxLayer * GAP_X,
    height: height + PAD,
    chains: operatorChains(doc, (e) => chainedEdges.has(e.id)),
  };
}
