import type * as v from 'valibot';
import { Expression } from './kinds/common';
import { kindInfo } from './kinds';
import type { PipelineDocument } from './types';

/** One piece of user logic in a document: code the engine compiles and runs during a run. */
export interface UserCode {
  nodeId: string;
  nodeName: string;
  /** The kind's label, e.g. "Map". */
  kindLabel: string;
  /** Dotted path inside the node, e.g. `config.function.expression`. */
  field: string;
  code: string;
}

/** Config field names that hold code in every kind so far, and in Flink's own API. */
const CODE_FIELD_NAMES = new Set([
  'expression',
  'code',
  'script',
  'body',
  'processElement',
  'onTimer',
  'create',
  'add',
  'merge',
  'result',
]);

/** The valibot schema shapes the walk below looks into (wrappers, objects, variants, arrays). */
type SchemaLike = v.GenericSchema & {
  wrapped?: SchemaLike;
  entries?: Record<string, SchemaLike>;
  options?: SchemaLike[];
  item?: SchemaLike;
};

/**
 * Every user expression in a document, found through the kinds' schemas: a config field is code
 * when its schema is `Expression`, so a new kind that takes code is covered by declaring its
 * fields with `Expression`. Used to show imported code before anything can run it.
 */
export function userCode(doc: PipelineDocument): UserCode[] {
  const found: UserCode[] = [];
  for (const node of doc.nodes) {
    const info = kindInfo(node.kind);
    if (!info) continue;
    const visit = (schema: SchemaLike | undefined, value: unknown, path: string) => {
      if (!schema || value === undefined || value === null) return;
      if (schema === (Expression as unknown)) {
        if (typeof value === 'string')
          found.push({
            nodeId: node.id,
            nodeName: node.name,
            kindLabel: info.label,
            field: path,
            code: value,
          });
        return;
      }
      if (schema.wrapped) return visit(schema.wrapped, value, path);
      if (schema.entries && typeof value === 'object') {
        for (const [key, entry] of Object.entries(schema.entries))
          visit(entry, (value as Record<string, unknown>)[key], `${path}.${key}`);
        return;
      }
      if (schema.options && typeof value === 'object') {
        // A variant (or union) of objects: look into every option that has this value's fields.
        for (const option of schema.options) visit(option, value, path);
        return;
      }
      if (schema.item && Array.isArray(value))
        value.forEach((item, i) => visit(schema.item, item, `${path}.${i}`));
    };
    visit(info.config as SchemaLike, node.config, 'config');
    // A safety net for kinds that declare code with a schema of their own: fields with the names code
    // usually has are shown too. Showing too much here is harmless; showing too little is not.
    const byName = (value: unknown, path: string) => {
      if (Array.isArray(value)) value.forEach((item, i) => byName(item, `${path}.${i}`));
      else if (value !== null && typeof value === 'object')
        for (const [key, inner] of Object.entries(value)) {
          if (typeof inner === 'string' && CODE_FIELD_NAMES.has(key))
            found.push({
              nodeId: node.id,
              nodeName: node.name,
              kindLabel: info.label,
              field: `${path}.${key}`,
              code: inner,
            });
          else byName(inner, `${path}.${key}`);
        }
    };
    byName(node.config, 'config');
  }
  // A variant's options can share a field: report each place once.
  const seen = new Set<string>();
  return found.filter((c) => {
    const id = `${c.nodeId}\u0000${c.field}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
