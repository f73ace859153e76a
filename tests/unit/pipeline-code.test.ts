import { describe, expect, it } from 'vitest';
import { EXAMPLES, exampleDocumentOf, userCode, validateDocument } from '../../src/lib/pipeline';

describe('userCode', () => {
  it('lists every expression of the starter per node and field', () => {
    const doc = exampleDocumentOf(EXAMPLES.find((e) => e.id === 'clicks-per-user')!);
    expect(userCode(doc).map((c) => [c.nodeId, c.kindLabel, c.field, c.code])).toEqual([
      ['double', 'Map', 'config.expression', 'value * 2'],
      ['byUser', 'KeyBy', 'config.expression', 'key'],
    ]);
  });

  it('finds code nested in a window function, once, and nothing in plain settings', () => {
    const r = validateDocument({
      version: 1,
      nodes: [
        { id: 'src', kind: 'generator', config: { keys: { prefix: 'value * 2' } } },
        { id: 'wm', kind: 'watermarks', config: { timestamp: 'value.ts' } },
        { id: 'k', kind: 'keyBy' },
        {
          id: 'w',
          kind: 'sessionWindow',
          config: { function: { type: 'process', expression: 'elements.length' } },
        },
        { id: 'out', kind: 'tableSink' },
      ],
      edges: [
        { id: 'e1', from: 'src', to: 'wm' },
        { id: 'e2', from: 'wm', to: 'k' },
        { id: 'e3', from: 'k', to: 'w', partitioning: 'hash' },
        { id: 'e4', from: 'w', to: 'out' },
      ],
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(userCode(r.doc).map((c) => `${c.nodeId} ${c.field}: ${c.code}`)).toEqual([
      'wm config.timestamp: value.ts',
      'k config.expression: key',
      'w config.function.expression: elements.length',
    ]);
  });
});

describe('userCode safety net', () => {
  it('also shows strings in fields named like code, once each', () => {
    const doc = exampleDocumentOf(EXAMPLES.find((e) => e.id === 'clicks-per-user')!);
    const map = doc.nodes.find((n) => n.id === 'double')!;
    // As a kind declared with a schema of its own would carry it.
    const odd = { ...map, config: { ...map.config, handlers: { onTimer: 'out(key)' } } };
    const found = userCode({ ...doc, nodes: [odd] } as typeof doc);
    expect(found.map((c) => `${c.field}: ${c.code}`)).toEqual([
      'config.expression: value * 2',
      'config.handlers.onTimer: out(key)',
    ]);
  });
});
