import type { KindConfig, OperatorKind } from './kinds';
import type { Chaining, PipelineEdge, RunSettings } from './schema';

export type { Breakpoint, Chaining, PipelineEdge, RunSettings, Partitioning } from './schema';
export type { OperatorKind, KindConfig } from './kinds';

/** A node whose config has been checked against its kind and has every default filled in. */
export type PipelineNode = {
  [K in OperatorKind]: {
    id: string;
    kind: K;
    name: string;
    parallelism: number;
    position: { x: number; y: number };
    config: KindConfig<K>;
    /** Processing cost per record in ms of virtual time; absent means 0 (see schema.ts). */
    costMs?: number;
    /** Flink's startNewChain()/disableChaining() on this operator; absent means 'default'. */
    chaining?: Chaining;
  };
}[OperatorKind];

export type NodeOf<K extends OperatorKind> = Extract<PipelineNode, { kind: K }>;

/** The pipeline document, version 1: the single source of truth for a pipeline. */
export interface PipelineDocument {
  version: 1;
  name: string;
  description: string;
  settings: RunSettings;
  nodes: PipelineNode[];
  edges: PipelineEdge[];
}

/** One thing wrong with a document, located as precisely as possible. */
export interface Problem {
  /** The node the problem is on, if any. */
  nodeId?: string;
  /** The edge the problem is on, if any. */
  edgeId?: string;
  /** Dotted path of the field inside the node, edge or document, e.g. `config.size`. */
  field?: string;
  message: string;
}
