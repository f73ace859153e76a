import { expressionSyntaxError } from '../engine/expressions';
import type { PipelineDocument, Problem } from './types';

/** settings.breakpoints: each names an existing node, and its expression compiles. */
export function breakpointProblems(doc: PipelineDocument): Problem[] {
  const problems: Problem[] = [];
  const ids = new Set<string>();
  (doc.settings.breakpoints ?? []).forEach((b, i) => {
    const field = `settings.breakpoints.${i}`;
    if (ids.has(b.id))
      problems.push({
        field: `${field}.id`,
        message: `${field}.id: another breakpoint is already called ${b.id}; ids must be unique`,
      });
    ids.add(b.id);
    if (b.node !== undefined && !doc.nodes.some((n) => n.id === b.node))
      problems.push({
        field: `${field}.node`,
        message: `${field}.node: there is no node ${b.node}; name one of the pipeline's node ids`,
      });
    if (b.type === 'record' && b.expression !== undefined && b.expression.trim() !== '') {
      const error = expressionSyntaxError(b.expression, ['value', 'key', 'timestamp']);
      if (error)
        problems.push({
          field: `${field}.expression`,
          message: `${field}.expression: the expression does not compile (${error}); write a JavaScript expression over value, key and timestamp`,
        });
    }
  });
  return problems;
}
