/**
 * Savepoints: a snapshot of the whole job taken by hand, kept apart from the checkpoints, from
 * which a run of the same or of an edited document can start (Flink's savepoints).
 *
 * A savepoint holds each subtask's state as the same checksummed bytes a checkpoint holds
 * (format.ts), plus what is needed to map it onto another document: each node's id, kind,
 * parallelism and the edges into it. State is matched by the node's stable id, as Flink matches
 * operator state by uid. State that cannot be mapped (its node was removed, its kind changed, or
 * its parallelism changed: the lab does not redistribute keyed state) is listed; a run refuses to
 * start unless the caller allows skipping it (Flink's allowNonRestoredState). A node that is new
 * starts empty. A node whose inputs changed keeps its operator state but not the state of its
 * input channels (their watermarks and the records in flight on them).
 *
 * The engine is synchronous, so a savepoint is taken between two events, with every queue as it
 * is: the records still waiting in a subtask's input channels are part of its state (as in-flight
 * records are in an unaligned checkpoint), so the run continues from exactly where it stood.
 */
import type { PipelineDocument } from '../../pipeline/types';
import { subtaskKey } from './store';

/** One node as a savepoint remembers it. */
export interface SavepointNode {
  id: string;
  kind: string;
  parallelism: number;
  /** The edges into the node, as a comparable text (see inputSignature). */
  inputs: string;
}

/** What the engine produces when asked for a savepoint (plain data, structured-cloneable). */
export interface SavepointData {
  /** Processing time when it was taken; a run started from it goes on from this time. */
  time: number;
  /** Events processed before it was taken. */
  eventCount: number;
  nodes: SavepointNode[];
  /** Subtask states (format.ts bytes), keyed `${node}#${subtask}`. */
  subtasks: Record<string, Uint8Array>;
}

export type UnmappedReason = 'removed' | 'kindChanged' | 'parallelismChanged';

/** A piece of savepoint state that the document cannot take (plain data; the UI words it). */
export interface UnmappedState {
  node: string;
  kind: string;
  reason: UnmappedReason;
  /** kindChanged: the node's kind in the document now. */
  newKind?: string;
  parallelism: number;
  /** parallelismChanged: the node's parallelism in the document now. */
  newParallelism?: number;
  /** Bytes of state that would be lost. */
  bytes: number;
}

/** How a savepoint maps onto a document. */
export interface SavepointMapping {
  unmapped: UnmappedState[];
  /** Nodes of the document that the savepoint has no state for (they start empty). */
  added: string[];
  /** Nodes whose inputs changed: operator state restored, channel state dropped. */
  inputsChanged: string[];
}

/** The edges into `node`, in document order, as text: equal texts mean equal input channels. */
export function inputSignature(doc: PipelineDocument, node: string): string {
  const par = new Map(doc.nodes.map((n) => [n.id, n.parallelism]));
  return doc.edges
    .filter((e) => e.to === node)
    .map(
      (e) => `${e.from}/${par.get(e.from)}:${e.fromPort ?? ''}>${e.toPort ?? ''}:${e.partitioning}`,
    )
    .join(',');
}

export function savepointNodes(doc: PipelineDocument): SavepointNode[] {
  return doc.nodes.map((n) => ({
    id: n.id,
    kind: n.kind,
    parallelism: n.parallelism,
    inputs: inputSignature(doc, n.id),
  }));
}

function bytesOf(sp: SavepointData, n: SavepointNode): number {
  let b = 0;
  for (let i = 0; i < n.parallelism; i++) b += sp.subtasks[subtaskKey(n.id, i)]?.byteLength ?? 0;
  return b;
}

/** Matches a savepoint's state to a document's nodes by node id. */
export function mapSavepoint(sp: SavepointData, doc: PipelineDocument): SavepointMapping {
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const saved = new Set(sp.nodes.map((n) => n.id));
  const unmapped: UnmappedState[] = [];
  const inputsChanged: string[] = [];
  for (const n of sp.nodes) {
    const now = byId.get(n.id);
    const base = { node: n.id, kind: n.kind, parallelism: n.parallelism, bytes: bytesOf(sp, n) };
    if (!now) unmapped.push({ ...base, reason: 'removed' });
    else if (now.kind !== n.kind)
      unmapped.push({ ...base, reason: 'kindChanged', newKind: now.kind });
    else if (now.parallelism !== n.parallelism)
      unmapped.push({ ...base, reason: 'parallelismChanged', newParallelism: now.parallelism });
    else if (inputSignature(doc, n.id) !== n.inputs) inputsChanged.push(n.id);
  }
  const added = doc.nodes.filter((n) => !saved.has(n.id)).map((n) => n.id);
  return { unmapped, added, inputsChanged };
}

/** Thrown when a run is asked to start from a savepoint with unmapped state, not allowed to skip it. */
export class SavepointMismatchError extends Error {
  constructor(readonly unmapped: UnmappedState[]) {
    super(
      'the savepoint has state that the document cannot take: ' +
        unmapped
          .map((u) =>
            u.reason === 'removed'
              ? `node ${u.node} (${u.kind}) was removed`
              : u.reason === 'kindChanged'
                ? `node ${u.node} changed kind from ${u.kind} to ${u.newKind}`
                : `node ${u.node} changed parallelism from ${u.parallelism} to ${u.newParallelism}`,
          )
          .join('; ') +
        ' (allow skipping unmapped state to start anyway)',
    );
  }
}

/** Why a savepoint cannot be taken now: BATCH mode, or the job is not running. */
export class SavepointRefusedError extends Error {
  constructor(readonly code: 'batch' | 'RESTARTING' | 'FAILED' | 'FINISHED') {
    super(
      code === 'batch'
        ? 'savepoints are not taken in BATCH mode'
        : `a savepoint needs a running job (the job is ${code})`,
    );
  }
}
