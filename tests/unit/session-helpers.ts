import { exampleJson, validateDocument, type PipelineDocument } from '../../src/lib/pipeline';

/** The main example with its Clicks source endless at 1000 records a second (as the UI benchmark plays it). */
export function endlessExample(): PipelineDocument {
  const json = structuredClone(exampleJson) as {
    nodes: { id: string; config: Record<string, unknown> }[];
  };
  const clicks = json.nodes.find((n) => n.id === 'clicks')!;
  clicks.config = { ...clicks.config, count: null, rate: 1000 };
  const r = validateDocument(json);
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return r.doc;
}
