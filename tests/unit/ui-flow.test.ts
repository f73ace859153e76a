import { describe, expect, it } from 'vitest';
import { exampleDocument } from '../../src/lib/pipeline';
import { toFlowEdges, toFlowNodes } from '../../src/lib/ui/editor/flow';

describe('canvas view of the document', () => {
  it('derives one node per document node, named by kind and name', () => {
    const doc = exampleDocument();
    const nodes = toFlowNodes(doc, new Map([['double', ['broken']]]));
    expect(nodes.map((n) => n.ariaLabel)).toEqual([
      'Generator source: Clicks',
      'Map: Double',
      'KeyBy: By user',
      'Tumbling window: 5 s window',
      'Table sink: Results',
    ]);
    expect(nodes[1].data.problems).toEqual(['broken']);
    expect(nodes[3].data.hasLateOutput).toBe(true);
    expect(nodes[4].data.hasOutput).toBe(false);
  });

  it('labels edges with their partitioning', () => {
    expect(toFlowEdges(exampleDocument()).map((e) => e.label)).toEqual([
      'forward',
      'forward',
      'hash',
      'forward',
    ]);
  });
});
