import type { Edge, Node } from '@xyflow/svelte';
import { t } from '../../i18n';
import { problemText } from '../problem-text';
import { kindInfo, type PipelineDocument, type PipelineNode, type Problem } from '../../pipeline';
import type { KindGroup } from '../../pipeline/kinds';
import { statesOf } from '../../pipeline/kinds/keyed';
import type { SubtaskStatus } from '../../engine/api';
import type { RunActivity } from '../run/activity.svelte';
import type { EdgeFigures } from '../run/metrics';

/** What a canvas edge knows about the run (figures absent while only editing). */
export interface RunEdgeData extends Record<string, unknown> {
  /** The sender's output, `${node}|${port}`. */
  output: string;
  activity?: RunActivity;
  figures?: EdgeFigures;
}

/** What an operator node on the canvas shows; derived from the document, never stored apart. */
export interface OperatorNodeData extends Record<string, unknown> {
  kind: string;
  kindLabel: string;
  group: KindGroup;
  title: string;
  summary: string;
  parallelism: number;
  hasInput: boolean;
  /** Two inputs (joins): a left and a right input handle instead of one. */
  twoInputs: boolean;
  hasOutput: boolean;
  hasLateOutput: boolean;
  problems: string[];
  /** Live figures while a run is loaded; absent in plain editing. */
  run?: NodeRunBadge;
}

export interface NodeRunBadge {
  /** The operator's watermark: the minimum over its subtasks; null until every subtask has one. */
  watermark: number | null;
  recordsIn: number;
  recordsOut: number;
  buffered: number;
  /** Some subtask waits for room in a full output buffer (backpressure). */
  blocked?: boolean;
  /** Records dropped or sent to the side output as late. */
  late?: number;
  /** Checkpoints and failures: the most telling state of its subtasks (failing > restarting > failed). */
  state?: 'running' | 'failing' | 'restarting' | 'failed' | 'finished';
}

const STATE_RANK = { failing: 4, failed: 3, restarting: 2, running: 1, finished: 0 } as const;

/** Sums a node's subtasks into one badge. */
export function runBadges(status: SubtaskStatus[]): Map<string, NodeRunBadge> {
  const out = new Map<string, NodeRunBadge>();
  for (const s of status) {
    const b = out.get(s.node);
    if (!b) {
      out.set(s.node, {
        watermark: s.watermark,
        recordsIn: s.recordsIn,
        recordsOut: s.recordsOut,
        buffered: s.buffered,
        ...(s.blocked ? { blocked: true } : {}),
        state: s.state,
      });
    } else {
      if (s.blocked) b.blocked = true;
      if (s.state && (!b.state || STATE_RANK[s.state] > STATE_RANK[b.state])) b.state = s.state;
      b.watermark =
        b.watermark === null || s.watermark === null ? null : Math.min(b.watermark, s.watermark);
      b.recordsIn += s.recordsIn;
      b.recordsOut += s.recordsOut;
      b.buffered += s.buffered;
    }
  }
  return out;
}

export type OperatorFlowNode = Node<OperatorNodeData, 'operator'>;

/** The accessible name of a node: its kind as Flink names it, then its own name. */
export function nodeAccessibleName(node: PipelineNode): string {
  const info = kindInfo(node.kind);
  return `${info ? t(info.label) : node.kind}: ${node.name || node.id}`;
}

function ms(n: number): string {
  if (n >= 60_000 && n % 60_000 === 0) return `${n / 60_000} min`;
  if (n >= 1000 && n % 1000 === 0) return `${n / 1000} s`;
  return `${n} ms`;
}

/** A one-line summary of a node's configuration, in the words of the Flink API. */
export function summarize(node: PipelineNode): string {
  switch (node.kind) {
    case 'generator':
      return t('{{rate}}/s · {{count}} events · {{keys}} keys', {
        rate: node.config.rate,
        count: node.config.count ?? '∞',
        keys: node.config.keys.count,
      });
    case 'timeline':
      return t('{{count}} scripted steps', { count: node.config.steps.length });
    case 'file':
      return `${node.config.format.toUpperCase()} · ts: ${node.config.timestampField}`;
    case 'map':
    case 'filter':
    case 'flatMap':
    case 'keyBy':
      return node.config.expression;
    case 'union':
      return t('merge inputs');
    case 'watermarks': {
      const s = node.config.strategy;
      return s.type === 'boundedOutOfOrderness'
        ? t('out-of-orderness {{time}}', { time: ms(s.maxOutOfOrderness) })
        : s.type;
    }
    case 'processFunction': {
      const states = statesOf(`${node.config.processElement}\n${node.config.onTimer}`);
      return states.length > 0
        ? t('state: {{names}}', { names: states.map((st) => st.name).join(', ') })
        : 'processElement · onTimer';
    }
    case 'windowJoin':
      return `${node.config.assigner} ${node.config.assigner === 'session' ? t('gap {{time}}', { time: ms(node.config.gap) }) : ms(node.config.size)} · ${node.config.expression}`;
    case 'intervalJoin': {
      const c = node.config;
      return `${c.lowerBoundExclusive ? '(' : '['}${c.lowerBound}, ${c.upperBound}${c.upperBoundExclusive ? ')' : ']'} ms · ${c.expression}`;
    }
    case 'tumblingWindow':
      return `${t(`${node.config.time} time`)} · ${ms(node.config.size)} · ${node.config.function.type}`;
    case 'slidingWindow':
      return `${t(`${node.config.time} time`)} · ${t('{{size}} every {{slide}}', { size: ms(node.config.size), slide: ms(node.config.slide) })} · ${node.config.function.type}`;
    case 'sessionWindow':
      return `${t(`${node.config.time} time`)} · ${t('gap {{time}}', { time: ms(node.config.gap) })} · ${node.config.function.type}`;
    case 'globalWindow':
      return `${t('trigger: {{type}}', { type: node.config.trigger.type })} · ${node.config.function.type}`;
    case 'countWindow':
      return `${node.config.slide ? t('{{size}} elements every {{slide}}', { size: node.config.size, slide: node.config.slide }) : t('{{size}} elements', { size: node.config.size })} · ${node.config.function.type}`;
    case 'tableSink':
    case 'logSink':
    case 'chartSink':
      return node.config.guarantee;
  }
}

export function toFlowNodes(
  doc: PipelineDocument,
  problemsByNode: Map<string, string[]>,
  badges?: Map<string, NodeRunBadge>,
): OperatorFlowNode[] {
  return doc.nodes.map((node) => {
    const info = kindInfo(node.kind)!;
    return {
      id: node.id,
      type: 'operator',
      position: { ...node.position },
      ariaLabel: nodeAccessibleName(node),
      data: {
        kind: node.kind,
        kindLabel: t(info.label),
        group: info.group,
        title: node.name || node.id,
        summary: summarize(node),
        parallelism: node.parallelism,
        hasInput: info.inputs !== 0,
        twoInputs: info.inputs === 2,
        hasOutput: info.output,
        hasLateOutput: info.lateOutput,
        problems: problemsByNode.get(node.id) ?? [],
        run: badges?.get(node.id),
      },
    };
  });
}

export function toFlowEdges(doc: PipelineDocument): Edge[] {
  return doc.edges.map((e) => ({
    id: e.id,
    source: e.from,
    target: e.to,
    sourceHandle: e.fromPort,
    targetHandle: e.toPort,
    label:
      e.fromPort === 'late'
        ? t('late data')
        : e.toPort === 'main'
          ? e.partitioning
          : `${e.partitioning} → ${e.toPort}`,
    ariaLabel:
      e.toPort === 'main'
        ? t('{{partitioning}} edge from {{from}} to {{to}}', {
            partitioning: e.partitioning,
            from: e.from,
            to: e.to,
          })
        : t('{{partitioning}} edge from {{from}} to {{to}} ({{port}} input)', {
            partitioning: e.partitioning,
            from: e.from,
            to: e.to,
            port: e.toPort,
          }),
    class: `partitioning-${e.partitioning}${e.fromPort === 'late' ? ' late' : ''}`,
  }));
}

/** Problem messages grouped by the node they are on. */
export function problemsByNode(problems: Problem[]): Map<string, string[]> {
  const byNode = new Map<string, string[]>();
  for (const p of problems) {
    if (p.nodeId) byNode.set(p.nodeId, [...(byNode.get(p.nodeId) ?? []), problemText(p)]);
  }
  return byNode;
}
