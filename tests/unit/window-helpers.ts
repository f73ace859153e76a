/** Helpers for the window tests: timeline → keyBy → window → sink documents, and their results. */
import { createSimulation, type SimulationOptions, type SinkRecord } from '../../src/lib/engine';
import { makeDoc, type E, type N } from './engine-helpers';

export interface WindowNode {
  kind: string;
  parallelism?: number;
  config: Record<string, unknown>;
}

/** timeline → keyBy(key) → window `w` → sink `out`, plus a late-data sink `lateOut` when asked. */
export function windowed(
  steps: unknown[],
  win: WindowNode,
  opts: { late?: boolean; settings?: Record<string, unknown> } = {},
) {
  const p = win.parallelism ?? 1;
  const nodes: N[] = [
    { id: 'src', kind: 'timeline', config: { steps } },
    { id: 'k', kind: 'keyBy', config: { expression: 'key' } },
    { id: 'w', ...win },
    { id: 'out', kind: 'tableSink', parallelism: p },
  ];
  const edges: E[] = [
    { from: 'src', to: 'k' },
    { from: 'k', to: 'w', partitioning: 'hash' },
    { from: 'w', to: 'out' },
  ];
  if (opts.late) {
    nodes.push({ id: 'lateOut', kind: 'tableSink', parallelism: p });
    edges.push({ from: 'w', to: 'lateOut', fromPort: 'late' } as E);
  }
  return makeDoc(nodes, edges, opts.settings ?? {});
}

export interface Row {
  key: unknown;
  value: unknown;
  timestamp: number | null;
  window?: { start: number; end: number } | null;
  firing?: string | null;
  processingTime?: number;
}

/** A sink's records as {key, value, timestamp, window, firing} (window and firing only when set). */
export function rows(records: SinkRecord[], withTime = false): Row[] {
  return records.map((r) => {
    const row: Row = { key: r.key, value: r.value, timestamp: r.timestamp };
    if (r.window !== undefined) row.window = r.window;
    if (r.firing !== undefined) row.firing = r.firing;
    if (withTime) row.processingTime = r.processingTime;
    return row;
  });
}

export function run(doc: ReturnType<typeof makeDoc>, opts: SimulationOptions = {}) {
  const sim = createSimulation(doc, opts);
  sim.run();
  return sim;
}

export function results(doc: ReturnType<typeof makeDoc>, sink = 'out', withTime = false) {
  return rows(run(doc).sinkRecords().get(sink) ?? [], withTime);
}

/** A window result row. */
export const res = (
  key: unknown,
  value: unknown,
  start: number,
  end: number,
  firing: 'early' | 'on-time' | 'late',
): Row => ({ key, value, timestamp: end - 1, window: { start, end }, firing });
