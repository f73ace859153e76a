/** Helpers for the engine tests: documents built as a user would write them, then validated. */
import { validateDocument } from '../../src/lib/pipeline';
import type { PipelineDocument } from '../../src/lib/pipeline';

export interface N {
  id: string;
  kind: string;
  parallelism?: number;
  config?: Record<string, unknown>;
  costMs?: number;
  chaining?: string;
}
export interface E {
  from: string;
  to: string;
  partitioning?: 'forward' | 'rebalance' | 'hash' | 'broadcast';
  toPort?: string;
}

export function makeDoc(nodes: N[], edges: E[], settings: Record<string, unknown> = {}) {
  const r = validateDocument({
    version: 1,
    settings,
    nodes,
    edges: edges.map((e, i) => ({ id: `e${i}`, ...e })),
  });
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return r.doc as PipelineDocument;
}

export function rec(timestamp: number, value: unknown = timestamp, key: string | null = null) {
  return { type: 'record', key, value, timestamp };
}
export const wm = (timestamp: number) => ({ type: 'watermark', timestamp });
export const adv = (by: number) => ({ type: 'advance', by });
export const end = { type: 'end' };
