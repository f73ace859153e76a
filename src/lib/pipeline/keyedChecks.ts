/**
 * Graph checks of the keyed operators with user state and two inputs: a Process function needs
 * a keyed input; a Window join and an Interval join need exactly one keyed left and one keyed
 * right input; their window and bounds must make sense. Each problem names node and field.
 */
import { kindInfo } from './kinds';
import type { PipelineDocument, Problem } from './types';

export function keyedOperatorProblems(doc: PipelineDocument): Problem[] {
  const problems: Problem[] = [];
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));

  for (const e of doc.edges) {
    const to = byId.get(e.to);
    if (!to) continue;
    const info = kindInfo(to.kind);
    if (!info) continue;
    if (info.inputs !== 2 && e.toPort !== 'main') {
      problems.push({
        edgeId: e.id,
        nodeId: to.id,
        field: 'toPort',
        message: `edge ${e.id}, toPort: ${info.label} ${to.id} has no ${e.toPort} input; only Window join and Interval join have left and right inputs, so use main`,
      });
    }
    if (info.inputs === 2 && e.toPort === 'main') {
      problems.push({
        edgeId: e.id,
        nodeId: to.id,
        field: 'toPort',
        message: `edge ${e.id}, toPort: ${info.label} ${to.id} has a left and a right input; connect ${e.from} to one of them (left or right), not main`,
      });
    }
  }

  for (const node of doc.nodes) {
    const info = kindInfo(node.kind);
    if (!info) continue;
    const ins = doc.edges.filter((e) => e.to === node.id);
    if (node.kind === 'processFunction' && ins.length > 0) {
      const unkeyed = ins.find((e) => e.partitioning !== 'hash');
      if (unkeyed)
        problems.push({
          nodeId: node.id,
          field: 'input',
          message: `node ${node.id}, input: a Process function is a KeyedProcessFunction: its state and timers are per key, so it needs a keyed input; put a KeyBy before it (edge ${unkeyed.id} is ${unkeyed.partitioning})`,
        });
    }
    if (info.inputs === 2) {
      for (const side of ['left', 'right'] as const) {
        const edges = ins.filter((e) => e.toPort === side);
        const field = `inputs.${side}`;
        if (edges.length === 0)
          problems.push({
            nodeId: node.id,
            field,
            message: `node ${node.id}, ${field}: ${info.label} needs a ${side} input; connect a KeyBy to its ${side} handle`,
          });
        else if (edges.length > 1)
          problems.push({
            nodeId: node.id,
            field,
            message: `node ${node.id}, ${field}: ${info.label} takes one ${side} input but has ${edges.length}; merge them with a Union first`,
          });
        const unkeyed = edges.find((e) => e.partitioning !== 'hash');
        if (unkeyed)
          problems.push({
            nodeId: node.id,
            field,
            message: `node ${node.id}, ${field}: ${info.label} joins two keyed streams, so its ${side} input must come from a KeyBy (hash); edge ${unkeyed.id} is ${unkeyed.partitioning}`,
          });
      }
      if (doc.settings.timeCharacteristic === 'processing')
        problems.push({
          nodeId: node.id,
          field: 'settings.timeCharacteristic',
          message: `node ${node.id}: ${info.label} works in event time, but the pipeline's time characteristic is processing; choose event or ingestion time`,
        });
    }
    if (node.kind === 'windowJoin') {
      const c = node.config;
      if (c.assigner === 'sliding' && c.slide > c.size)
        problems.push({
          nodeId: node.id,
          field: 'config.slide',
          message: `node ${node.id}, config.slide: the slide (${c.slide} ms) must not be larger than the size (${c.size} ms), or elements between windows are lost`,
        });
      const period = c.assigner === 'sliding' ? c.slide : c.size;
      if (c.assigner !== 'session' && c.offset >= period)
        problems.push({
          nodeId: node.id,
          field: 'config.offset',
          message: `node ${node.id}, config.offset: must be less than the ${c.assigner === 'sliding' ? 'slide' : 'size'} (${period} ms)`,
        });
    }
    if (node.kind === 'intervalJoin') {
      const c = node.config;
      if (c.lowerBound > c.upperBound)
        problems.push({
          nodeId: node.id,
          field: 'config.lowerBound',
          message: `node ${node.id}, config.lowerBound: must be at most the upper bound (${c.lowerBound} > ${c.upperBound} ms); Flink requires lowerBound <= upperBound`,
        });
      else {
        const lo = c.lowerBoundExclusive ? c.lowerBound + 1 : c.lowerBound;
        const hi = c.upperBoundExclusive ? c.upperBound - 1 : c.upperBound;
        if (lo > hi)
          problems.push({
            nodeId: node.id,
            field: c.lowerBoundExclusive
              ? 'config.lowerBoundExclusive'
              : 'config.upperBoundExclusive',
            message: `node ${node.id}, config.${c.lowerBoundExclusive ? 'lowerBoundExclusive' : 'upperBoundExclusive'}: with exclusive bounds the interval (${c.lowerBound}, ${c.upperBound}) ms is empty and nothing would ever join; make a bound inclusive or widen the interval`,
          });
      }
    }
  }
  return problems;
}
