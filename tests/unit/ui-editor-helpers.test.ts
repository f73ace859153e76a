import { describe, expect, it } from 'vitest';
import { exampleDocument, validateDocument } from '../../src/lib/pipeline';
import { copySelection, defaultPartitioning, pasteClip } from '../../src/lib/ui/editor/clipboard';
import { autoLayout } from '../../src/lib/ui/editor/layout';
import { runBadges } from '../../src/lib/ui/editor/flow';
import { addToTimeline, emptyTimeline } from '../../src/lib/ui/run/timeline';
import { formatWatermark } from '../../src/lib/ui/run/format';

describe('copy and paste', () => {
  it('pastes copies with fresh ids and their inner edges, keeping the document valid', () => {
    const doc = exampleDocument();
    const clip = copySelection(doc, ['double', 'byUser'])!;
    expect(clip.edges.map((e) => e.id)).toEqual(['e2']);
    const { doc: next, ids } = pasteClip(doc, clip);
    expect(ids).toEqual(['double1', 'byUser1']);
    expect(next.edges.at(-1)).toMatchObject({ from: 'double1', to: 'byUser1' });
    expect(new Set(next.edges.map((e) => e.id)).size).toBe(next.edges.length);
    // The pasted map has no input yet: that is the only new problem.
    const problems = validateDocument(next).problems.map((p) => p.nodeId);
    expect(problems).toEqual(['double1']);
  });

  it('chooses hash after a KeyBy, forward for equal parallelism, rebalance otherwise', () => {
    const doc = exampleDocument();
    const [src, map, keyBy, win] = doc.nodes;
    expect(defaultPartitioning(keyBy, win)).toBe('hash');
    expect(defaultPartitioning(src, map)).toBe('forward');
    expect(defaultPartitioning(src, { ...map, parallelism: 3 })).toBe('rebalance');
  });
});

describe('auto layout', () => {
  it('lays the dataflow out left to right', () => {
    const doc = exampleDocument();
    const xs = autoLayout(doc).map((p) => p.position.x);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
  });
});

describe('run figures', () => {
  it('an operator has no watermark until every subtask has one; counts add up', () => {
    const base = { inputWatermarks: [], finished: false };
    const badges = runBadges([
      { ...base, node: 'w', subtask: 0, watermark: 100, recordsIn: 2, recordsOut: 1, buffered: 0 },
      { ...base, node: 'w', subtask: 1, watermark: null, recordsIn: 3, recordsOut: 0, buffered: 4 },
    ]);
    expect(badges.get('w')).toEqual({ watermark: null, recordsIn: 5, recordsOut: 1, buffered: 4 });
    expect(formatWatermark(null)).toBe('no watermark yet');
  });

  it('the timeline takes the minimum watermark over subtasks and collects panes', () => {
    const data = emptyTimeline('w', false);
    addToTimeline(
      data,
      [
        {
          type: 'receive',
          time: 5,
          node: 'w',
          subtask: 0,
          from: { node: 'k', subtask: 0 },
          key: 'a',
          value: 1,
          timestamp: 1000,
        },
        { type: 'watermark', time: 10, node: 'w', subtask: 0, watermark: 500 },
        { type: 'watermark', time: 12, node: 'w', subtask: 1, watermark: 300 },
        {
          type: 'window',
          time: 5,
          node: 'w',
          subtask: 0,
          key: 'a',
          action: 'create',
          start: 0,
          end: 5000,
        },
        {
          type: 'window',
          time: 20,
          node: 'w',
          subtask: 0,
          key: 'a',
          action: 'fire',
          start: 0,
          end: 5000,
        },
        { type: 'watermark', time: 9, node: 'other', subtask: 0, watermark: 1 },
      ],
      new Map(),
    );
    expect(data.dots).toHaveLength(1);
    expect(data.watermark).toEqual([
      { t: 10, wm: 500 },
      { t: 12, wm: 300 },
    ]);
    expect(data.panes).toEqual([{ key: 'a', start: 0, end: 5000, opened: 5, fired: [20] }]);
  });
});
