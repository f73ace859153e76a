import { kindInfo } from './kinds';
import type { Chaining, PipelineDocument, Problem } from './types';

/**
 * The chaining values a kind accepts, as Flink's DataStream API offers the calls: operators
 * (SingleOutputStreamOperator) have startNewChain() and disableChaining(); a sink
 * (DataStreamSink) has only disableChaining(); keyBy and union are no operators (they return a
 * KeyedStream or a DataStream) and have neither. A source could call startNewChain() in Java,
 * but with no predecessor it changes nothing, so a document does not offer it.
 */
export function chainingChoices(kind: string): readonly Chaining[] {
  if (kind === 'keyBy' || kind === 'union') return ['default'];
  const group = kindInfo(kind)?.group;
  if (group === 'source' || group === 'sink') return ['default', 'disableChaining'];
  return ['default', 'startNewChain', 'disableChaining'];
}

/** Why a kind refuses a chaining value (a fixed sentence per case, so the UI can word it). */
function refusal(kind: string): string {
  if (kind === 'keyBy')
    return 'keyBy is a partitioning in Flink, not an operator, so it has no chaining of its own; set chaining on the operator before or after the KeyBy';
  if (kind === 'union')
    return 'union is not an operator in Flink (it returns a DataStream), so it has no chaining of its own; set chaining on the operators around the Union';
  if (kindInfo(kind)?.group === 'sink')
    return "a sink (Flink's DataStreamSink) has no startNewChain(); use disableChaining to keep it out of its predecessor's chain, or default";
  return 'a source has no predecessor, so it always starts a chain and startNewChain() would change nothing; use default, or disableChaining to keep the next operators out of its chain';
}

/** Each node's `chaining` is one its kind accepts. */
export function chainingProblems(doc: PipelineDocument): Problem[] {
  const problems: Problem[] = [];
  for (const node of doc.nodes) {
    const c = node.chaining;
    if (c === undefined || chainingChoices(node.kind).includes(c)) continue;
    problems.push({
      nodeId: node.id,
      field: 'chaining',
      message: `node ${node.id}, chaining: ${refusal(node.kind)}`,
    });
  }
  return problems;
}
