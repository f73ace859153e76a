import { expressionSyntaxError } from '../../../engine/expressions';
import type { PipelineDocument, Problem } from '../../../pipeline';
import { formOf } from '.';
import type { FormField } from './types';

/**
 * Expressions that will not compile, found before a run: the engine compiles each one when a run
 * starts and fails there with the same message. The forms say which fields are expressions and
 * which variables each gets.
 */
export function expressionProblems(doc: PipelineDocument): Problem[] {
  const problems: Problem[] = [];
  for (const node of doc.nodes) {
    const form = formOf(node.kind);
    if (!form) continue;
    const visit = (fields: readonly FormField[], value: unknown, path: (string | number)[]) => {
      if (value === null || typeof value !== 'object') return;
      const obj = value as Record<string, unknown>;
      for (const f of fields) {
        const v = obj[f.key];
        const p = [...path, f.key];
        if (f.type === 'code' && typeof v === 'string' && v.trim() !== '') {
          const error = expressionSyntaxError(v, f.params, f.statements);
          const field = p.join('.');
          if (error)
            problems.push({
              nodeId: node.id,
              field,
              message: `node ${node.id}, ${field}: the ${f.statements ? 'code' : 'expression'} does not compile (${error})`,
            });
        } else if (f.type === 'group') visit(f.fields, v, p);
        else if (f.type === 'variant') {
          const option = f.options.find((o) => o.value === (v as { type?: unknown } | null)?.type);
          if (option) visit(option.fields, v, p);
        } else if (f.type === 'list' && Array.isArray(v))
          v.forEach((item, i) => visit(f.item, item, [...p, i]));
      }
    };
    visit(form.fields, node.config, ['config']);
  }
  return problems;
}
