import { describe, expect, it } from 'vitest';
import { compressToEncodedURIComponent } from 'lz-string';
import { EXAMPLES, exampleDocument, exampleDocumentOf } from '../../src/lib/pipeline';
import {
  exportFileName,
  readDocument,
  readShareFragment,
  shareFragment,
  shareLink,
} from '../../src/lib/ui/documents/transfer';

describe('share links', () => {
  it('carry every example through the URL fragment unchanged', () => {
    for (const example of EXAMPLES) {
      const doc = exampleDocumentOf(example);
      const link = shareLink('http://127.0.0.1:4173/app/#old', doc);
      expect(link.startsWith('http://127.0.0.1:4173/app/#doc=')).toBe(true);
      // Only characters that survive in a URL fragment without escaping.
      expect(link.split('#')[1]).toMatch(/^doc=[A-Za-z0-9+\-$]*$/);
      const back = readShareFragment(new URL(link).hash);
      expect(back?.ok && back.doc).toEqual(doc);
    }
  });

  it('are shorter than the JSON', () => {
    const doc = exampleDocumentOf(EXAMPLES.find((e) => e.id === 'count-windows')!);
    expect(shareFragment(doc).length).toBeLessThan(JSON.stringify(doc).length * 0.8);
  });

  it('report the code they carry', () => {
    const back = readShareFragment(shareFragment(exampleDocument()));
    expect(back?.ok && back.code.map((c) => `${c.nodeId}: ${c.code}`)).toEqual([
      'double: value * 2',
      'byUser: key',
    ]);
  });

  it('ignore fragments without a document', () => {
    expect(readShareFragment('')).toBeNull();
    expect(readShareFragment('#section')).toBeNull();
  });

  it('refuse a cut-off link, saying so', () => {
    const fragment = shareFragment(exampleDocument());
    const result = readShareFragment(fragment.slice(0, 40));
    expect(result?.ok).toBe(false);
    expect(result?.problems[0].message).toMatch(/cannot be unpacked|not valid JSON/);
  });

  it('refuse a document of a future version with the version named', () => {
    const future = { ...exampleDocument(), version: 9 };
    const result = readShareFragment(
      `#doc=${compressToEncodedURIComponent(JSON.stringify(future))}`,
    );
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          field: 'version',
          message:
            'version: this document is version 9, made by a newer Streamlab; this one reads up to version 1.',
        },
      ],
    });
  });
});

describe('reading a document file', () => {
  it('refuses malformed JSON', () => {
    const result = readDocument('{"version": 1, "nodes": [');
    expect(result.ok).toBe(false);
    expect(result.problems[0].message).toMatch(/^not valid JSON/);
  });

  it('refuses a schema error, naming the node and the field', () => {
    const doc = JSON.parse(JSON.stringify(exampleDocument()));
    doc.nodes[3].config.size = -5;
    const result = readDocument(JSON.stringify(doc));
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => p.message)).toEqual([
      'node perFiveSeconds, config.size: must be at least 1 ms',
    ]);
  });

  it('opens a draft whose only problems are in the graph, with those problems', () => {
    const doc = exampleDocument();
    const draft = { ...doc, edges: doc.edges.slice(0, 3) };
    const result = readDocument(JSON.stringify(draft));
    expect(result.ok).toBe(true);
    expect(result.problems.map((p) => p.nodeId)).toEqual(['results']);
  });

  it('names exported files after the document', () => {
    expect(exportFileName({ ...exampleDocument(), name: 'Clicks / per: user?' })).toBe(
      'Clicks-per-user.streamlab.json',
    );
    expect(exportFileName({ ...exampleDocument(), name: '  ' })).toBe('pipeline.streamlab.json');
  });
});
