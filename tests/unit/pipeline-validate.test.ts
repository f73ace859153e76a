import { describe, expect, it } from 'vitest';
import { exampleDocument, exampleJson, validateDocument } from '../../src/lib/pipeline';

const clone = () => structuredClone(exampleJson) as typeof exampleJson & Record<string, unknown>;

describe('pipeline document validation', () => {
  it('accepts the example and fills defaults', () => {
    const doc = exampleDocument();
    expect(doc.settings.maxParallelism).toBe(128);
    const win = doc.nodes.find((n) => n.kind === 'tumblingWindow')!;
    expect(win.config).toMatchObject({
      size: 5000,
      offset: 0,
      allowedLateness: 0,
      trigger: { type: 'default' },
    });
    expect(doc.nodes[0].parallelism).toBe(1);
  });

  it('names the node and field of a bad config value', () => {
    const doc = clone();
    (doc.nodes[3].config as Record<string, unknown>).size = -5;
    const r = validateDocument(doc);
    expect(r.ok).toBe(false);
    expect(r.problems[0]).toMatchObject({ nodeId: 'perFiveSeconds', field: 'config.size' });
    expect(r.problems[0].message).toContain('at least 1 ms');
  });

  it('rejects unknown kinds and lists the allowed ones', () => {
    const doc = clone();
    doc.nodes[1].kind = 'mapp';
    const r = validateDocument(doc);
    expect(r.problems[0]).toMatchObject({ nodeId: 'double', field: 'kind' });
    expect(r.problems[0].message).toContain('allowed: generator');
  });

  it('rejects dangling edges', () => {
    const doc = clone();
    doc.edges[3].to = 'nowhere';
    const r = validateDocument(doc);
    expect(
      r.problems.some(
        (p) => p.edgeId === 'e4' && p.field === 'to' && p.message.includes('nowhere'),
      ),
    ).toBe(true);
  });

  it('rejects cycles', () => {
    const doc = clone();
    doc.edges.push({ id: 'back', from: 'byUser', to: 'double', partitioning: 'hash' } as never);
    const r = validateDocument(doc);
    expect(r.problems.some((p) => p.message.includes('cycle'))).toBe(true);
  });

  it('rejects forward edges between different parallelisms', () => {
    const doc = clone();
    (doc.nodes[1] as Record<string, unknown>).parallelism = 2;
    const r = validateDocument(doc);
    expect(r.problems.some((p) => p.edgeId === 'e1' && p.field === 'partitioning')).toBe(true);
  });

  it('rejects a newer version and migrates nothing silently', () => {
    const r = validateDocument({ ...clone(), version: 2 });
    expect(r.ok).toBe(false);
    expect(r.problems[0].message).toContain('newer Streamlab');
  });

  it('a timeline source runs with parallelism 1', () => {
    const r = validateDocument({
      version: 1,
      nodes: [
        { id: 's', kind: 'timeline', parallelism: 2 },
        { id: 'out', kind: 'tableSink', parallelism: 2 },
      ],
      edges: [{ id: 'e', from: 's', to: 'out' }],
    });
    expect(r.problems).toEqual([expect.objectContaining({ nodeId: 's', field: 'parallelism' })]);
  });
});
