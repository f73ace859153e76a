import * as v from 'valibot';
import { KIND_NAMES, kindInfo } from './kinds';
import { keyedOperatorProblems } from './keyedChecks';
import { migrate } from './migrate';
import { RawDocumentSchema } from './schema';
import type { PipelineDocument, PipelineNode, Problem } from './types';
import { windowProblems } from './windowChecks';
import { breakpointProblems } from './breakpointChecks';
import { chainingProblems } from './chainingChecks';

export type ValidationResult =
  | { ok: true; doc: PipelineDocument; problems: [] }
  /** `doc` is there (defaults filled in) when only the graph has problems: a draft to keep editing. */
  | { ok: false; problems: Problem[]; doc?: PipelineDocument };

function pathOf(issue: v.BaseIssue<unknown>): (string | number)[] {
  return (issue.path ?? []).map((p) => p.key as string | number);
}

function describeIssue(issue: v.BaseIssue<unknown>): string {
  // Valibot's own messages say what was expected; ours (in the schemas) say what is allowed.
  if (
    issue.message.startsWith('Invalid type: Expected undefined') ||
    issue.message.startsWith('Invalid key')
  ) {
    return 'is not a known field';
  }
  return issue.message
    .replace(/^Invalid type: Expected /, 'must be ')
    .replace(/ but received .*$/, '');
}

/** Turns schema issues on the whole document into problems located on nodes and edges. */
function documentIssues(input: Record<string, unknown>, issues: v.BaseIssue<unknown>[]): Problem[] {
  const nodes = Array.isArray(input.nodes) ? input.nodes : [];
  const edges = Array.isArray(input.edges) ? input.edges : [];
  return issues.map((issue) => {
    const path = pathOf(issue);
    const message = describeIssue(issue);
    if (path[0] === 'nodes' && typeof path[1] === 'number') {
      const raw = nodes[path[1]] as { id?: unknown } | undefined;
      const nodeId = typeof raw?.id === 'string' ? raw.id : undefined;
      const field = path.slice(2).join('.') || undefined;
      return {
        nodeId,
        field,
        message: `${nodeId ? `node ${nodeId}` : `node #${path[1] + 1}`}${field ? `, ${field}` : ''}: ${message}`,
      };
    }
    if (path[0] === 'edges' && typeof path[1] === 'number') {
      const raw = edges[path[1]] as { id?: unknown } | undefined;
      const edgeId = typeof raw?.id === 'string' ? raw.id : undefined;
      const field = path.slice(2).join('.') || undefined;
      return {
        edgeId,
        field,
        message: `${edgeId ? `edge ${edgeId}` : `edge #${path[1] + 1}`}${field ? `, ${field}` : ''}: ${message}`,
      };
    }
    const field = path.join('.') || undefined;
    return { field, message: `${field ?? 'document'}: ${message}` };
  });
}

/**
 * Parses, migrates and validates a pipeline document (a parsed JSON value), filling in defaults.
 * Every problem names the node or edge and the field, and says what is allowed.
 */
export function validateDocument(input: unknown): ValidationResult {
  const migrated = migrate(input);
  if (!migrated.ok)
    return { ok: false, problems: [{ field: 'version', message: migrated.message }] };
  const rawInput = migrated.doc as Record<string, unknown>;
  const parsed = v.safeParse(RawDocumentSchema, rawInput);
  if (!parsed.success) return { ok: false, problems: documentIssues(rawInput, parsed.issues) };
  const raw = parsed.output;
  const problems: Problem[] = [];

  const nodes: PipelineNode[] = [];
  const seen = new Set<string>();
  for (const node of raw.nodes) {
    if (seen.has(node.id)) {
      problems.push({
        nodeId: node.id,
        field: 'id',
        message: `node ${node.id}: id is used by more than one node; ids must be unique`,
      });
      continue;
    }
    seen.add(node.id);
    const info = kindInfo(node.kind);
    if (!info) {
      problems.push({
        nodeId: node.id,
        field: 'kind',
        message: `node ${node.id}, kind: "${node.kind}" is not an operator kind; allowed: ${KIND_NAMES.join(', ')}`,
      });
      continue;
    }
    const config = v.safeParse(info.config as v.GenericSchema, node.config);
    if (!config.success) {
      for (const issue of config.issues) {
        const field = ['config', ...pathOf(issue)].join('.');
        problems.push({
          nodeId: node.id,
          field,
          message: `node ${node.id}, ${field}: ${describeIssue(issue)}`,
        });
      }
      continue;
    }
    nodes.push({ ...node, config: config.output } as PipelineNode);
  }
  if (problems.length > 0) return { ok: false, problems };

  const doc: PipelineDocument = { ...raw, version: 1, nodes };
  problems.push(...graphProblems(doc));
  return problems.length > 0 ? { ok: false, problems, doc } : { ok: true, doc, problems: [] };
}

/** Checks of the graph as a whole: edges, ports, partitioning, parallelism and cycles. */
export function graphProblems(doc: PipelineDocument): Problem[] {
  const problems: Problem[] = [];
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const edgeIds = new Set<string>();
  const incoming = new Map<string, number>();

  for (const e of doc.edges) {
    const where = `edge ${e.id}`;
    if (edgeIds.has(e.id))
      problems.push({
        edgeId: e.id,
        field: 'id',
        message: `${where}: id is used by more than one edge`,
      });
    edgeIds.add(e.id);
    const from = byId.get(e.from);
    const to = byId.get(e.to);
    if (!from)
      problems.push({
        edgeId: e.id,
        field: 'from',
        message: `${where}, from: no node "${e.from}" exists`,
      });
    if (!to)
      problems.push({
        edgeId: e.id,
        field: 'to',
        message: `${where}, to: no node "${e.to}" exists`,
      });
    if (!from || !to) continue;
    const fi = kindInfo(from.kind)!;
    const ti = kindInfo(to.kind)!;
    if (!fi.output && e.fromPort === 'main') {
      problems.push({
        edgeId: e.id,
        nodeId: from.id,
        field: 'from',
        message: `${where}: ${fi.label} ${from.id} has no output; a sink ends the pipeline`,
      });
    }
    if (e.fromPort === 'late' && !fi.lateOutput) {
      problems.push({
        edgeId: e.id,
        nodeId: from.id,
        field: 'fromPort',
        message: `${where}, fromPort: ${fi.label} ${from.id} has no late-data side output; only time windows have one`,
      });
    }
    if (ti.inputs === 0) {
      problems.push({
        edgeId: e.id,
        nodeId: to.id,
        field: 'to',
        message: `${where}: ${ti.label} ${to.id} is a source and takes no input`,
      });
    }
    incoming.set(to.id, (incoming.get(to.id) ?? 0) + 1);

    if (from.kind === 'keyBy' && e.partitioning !== 'hash') {
      problems.push({
        edgeId: e.id,
        field: 'partitioning',
        message: `${where}, partitioning: the output of KeyBy ${from.id} is partitioned by key; it must be hash, not ${e.partitioning}`,
      });
    }
    if (e.partitioning === 'hash' && from.kind !== 'keyBy') {
      problems.push({
        edgeId: e.id,
        field: 'partitioning',
        message: `${where}, partitioning: hash needs a key; put a KeyBy before ${to.id} or choose forward, rebalance or broadcast`,
      });
    }
    if (e.partitioning === 'forward' && from.parallelism !== to.parallelism) {
      problems.push({
        edgeId: e.id,
        nodeId: to.id,
        field: 'partitioning',
        message: `${where}, partitioning: forward connects subtask i to subtask i, so ${from.id} (parallelism ${from.parallelism}) and ${to.id} (parallelism ${to.parallelism}) must have the same parallelism; change one, or use rebalance`,
      });
    }
  }

  for (const node of doc.nodes) {
    const info = kindInfo(node.kind)!;
    const n = incoming.get(node.id) ?? 0;
    if (info.inputs === 1 && n === 0)
      problems.push({
        nodeId: node.id,
        message: `node ${node.id}: ${info.label} needs an input; connect a source or an operator to it`,
      });
    if (info.inputs === 1 && n > 1)
      problems.push({
        nodeId: node.id,
        message: `node ${node.id}: ${info.label} takes one input but has ${n}; merge them with a Union first`,
      });
    if (info.inputs === 'many' && n === 0)
      problems.push({
        nodeId: node.id,
        message: `node ${node.id}: ${info.label} needs at least one input`,
      });
    if ((node.kind === 'timeline' || node.kind === 'file') && node.parallelism !== 1) {
      problems.push({
        nodeId: node.id,
        field: 'parallelism',
        message: `node ${node.id}, parallelism: a ${info.label} replays one script or file, so it runs with parallelism 1`,
      });
    }
    if (info.group === 'window') {
      const cfg = node.config as { nonKeyed: boolean };
      const keyedInput = doc.edges.some((e) => e.to === node.id && e.partitioning === 'hash');
      if (cfg.nonKeyed && node.parallelism !== 1) {
        problems.push({
          nodeId: node.id,
          field: 'parallelism',
          message: `node ${node.id}, parallelism: a non-keyed window (windowAll) runs with parallelism 1 in Flink`,
        });
      }
      if (!cfg.nonKeyed && n > 0 && !keyedInput) {
        problems.push({
          nodeId: node.id,
          field: 'config.nonKeyed',
          message: `node ${node.id}: a keyed window needs a KeyBy before it; add one, or make it non-keyed (windowAll)`,
        });
      }
      problems.push(...windowProblems(doc, node));
    }
  }

  problems.push(...keyedOperatorProblems(doc));
  problems.push(...batchProblems(doc));
  doc.settings.failures.forEach((f, i) => {
    const field = `settings.failures.${i}`;
    const node = f.node === undefined ? undefined : doc.nodes.find((n) => n.id === f.node);
    if (f.node !== undefined && !node) {
      problems.push({
        field: `${field}.node`,
        message: `${field}.node: there is no node ${f.node}; name one of the pipeline's node ids`,
      });
    } else if (node && f.subtask !== undefined && f.subtask >= node.parallelism) {
      problems.push({
        nodeId: node.id,
        field: `${field}.subtask`,
        message: `${field}.subtask: node ${node.id} has subtasks 0 to ${node.parallelism - 1}, not ${f.subtask}`,
      });
    }
  });

  problems.push(...breakpointProblems(doc));
  problems.push(...chainingProblems(doc));

  const cycle = findCycle(doc);
  if (cycle) {
    problems.push({
      nodeId: cycle[0],
      message: `the graph has a cycle: ${cycle.join(' → ')}; a dataflow must be acyclic`,
    });
  }
  return problems;
}

function findCycle(doc: PipelineDocument): string[] | null {
  const out = new Map<string, string[]>();
  for (const e of doc.edges) out.set(e.from, [...(out.get(e.from) ?? []), e.to]);
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const visit = (id: string): string[] | null => {
    state.set(id, 1);
    stack.push(id);
    for (const next of out.get(id) ?? []) {
      if (state.get(next) === 1) return [...stack.slice(stack.indexOf(next)), next];
      if (!state.has(next)) {
        const found = visit(next);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(id, 2);
    return null;
  };
  for (const n of doc.nodes) {
    if (!state.has(n.id)) {
      const found = visit(n.id);
      if (found) return found;
    }
  }
  return null;
}

/** Parses JSON text and validates it; a JSON syntax error is reported as a problem too. */
export function parseDocumentText(text: string): ValidationResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { ok: false, problems: [{ message: `not valid JSON: ${(err as Error).message}` }] };
  }
  return validateDocument(json);
}

/**
 * BATCH runtime mode (Flink's RuntimeExecutionMode.BATCH) runs only bounded input: a generator
 * needs a count, a timeline script an `end` step. (File sources are bounded.)
 */
function batchProblems(doc: PipelineDocument): Problem[] {
  if (doc.settings.runtimeMode !== 'BATCH') return [];
  const out: Problem[] = [];
  for (const n of doc.nodes) {
    if (n.kind === 'generator' && n.config.count === null)
      out.push({
        nodeId: n.id,
        field: 'config.count',
        message: `${n.id}: config.count is empty (unbounded), but BATCH runtime mode needs bounded sources: give a number of events, or set settings.runtimeMode to STREAMING`,
      });
    if (n.kind === 'timeline' && !n.config.steps.some((st) => st.type === 'end'))
      out.push({
        nodeId: n.id,
        field: 'config.steps',
        message: `${n.id}: the script has no end step (unbounded), but BATCH runtime mode needs bounded sources: add an end step, or set settings.runtimeMode to STREAMING`,
      });
  }
  return out;
}
