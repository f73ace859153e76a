/** Bad window input is a validation problem naming the node and the field, saying what is allowed. */
import { describe, expect, it } from 'vitest';
import { validateDocument } from '../../src/lib/pipeline';

/** timeline → keyBy → window `w` (→ sink), validated. */
function check(
  win: { kind: string; parallelism?: number; config?: Record<string, unknown> },
  opts: { keyed?: boolean; settings?: Record<string, unknown>; watermarks?: boolean } = {},
) {
  const keyed = opts.keyed ?? true;
  const nodes: Record<string, unknown>[] = [{ id: 'src', kind: 'timeline' }];
  const edges: Record<string, unknown>[] = [];
  let last = 'src';
  if (opts.watermarks) {
    nodes.push({ id: 'wms', kind: 'watermarks' });
    edges.push({ id: 'e-wm', from: last, to: 'wms' });
    last = 'wms';
  }
  if (keyed) {
    nodes.push({ id: 'k', kind: 'keyBy' });
    edges.push({ id: 'e-k', from: last, to: 'k' });
    last = 'k';
  }
  nodes.push({ id: 'w', ...win }, { id: 'out', kind: 'tableSink' });
  edges.push(
    { id: 'e-w', from: last, to: 'w', partitioning: keyed ? 'hash' : 'forward' },
    { id: 'e-out', from: 'w', to: 'out' },
  );
  return validateDocument({ version: 1, settings: opts.settings ?? {}, nodes, edges }).problems;
}

const one = (nodeId: string, field: string | undefined, text: string) => [
  expect.objectContaining({ nodeId, field, message: expect.stringContaining(text) }),
];

describe('window validation', () => {
  it('a keyed window on an unkeyed stream needs a KeyBy or windowAll', () => {
    const problems = check({ kind: 'tumblingWindow' }, { keyed: false });
    expect(problems).toEqual(one('w', 'config.nonKeyed', 'needs a KeyBy before it'));
    expect(problems[0].message).toMatch(/^node w: /);
    expect(check({ kind: 'tumblingWindow', config: { nonKeyed: true } }, { keyed: false })).toEqual(
      [],
    );
  });

  it('windowAll runs with parallelism 1', () => {
    expect(
      check(
        { kind: 'tumblingWindow', parallelism: 2, config: { nonKeyed: true } },
        { keyed: false },
      ),
    ).toContainEqual(expect.objectContaining({ nodeId: 'w', field: 'parallelism' }));
  });

  it('a count window refuses time: a time domain, a trigger, an evictor, a lateness', () => {
    expect(check({ kind: 'countWindow', config: { time: 'event' } })).toEqual(
      one('w', 'config.time', 'a count window counts elements and has no time'),
    );
    expect(check({ kind: 'countWindow', config: { trigger: { type: 'default' } } })).toEqual(
      one('w', 'config.trigger', 'fires by its own count trigger'),
    );
    expect(
      check({ kind: 'countWindow', config: { evictor: { type: 'time', keep: 1000 } } }),
    ).toEqual(one('w', 'config.evictor', 'keeps the last size elements itself'));
    expect(check({ kind: 'countWindow', config: { allowedLateness: 1000 } })).toEqual(
      one('w', 'config.allowedLateness', 'nothing is late'),
    );
  });

  it('sizes, gaps and intervals must be positive', () => {
    expect(check({ kind: 'tumblingWindow', config: { size: -5 } })).toEqual(
      one('w', 'config.size', 'must be at least 1 ms'),
    );
    expect(check({ kind: 'sessionWindow', config: { gap: 0 } })).toEqual(
      one('w', 'config.gap', 'must be at least 1 ms'),
    );
    expect(check({ kind: 'countWindow', config: { size: 0 } })).toEqual(
      one('w', 'config.size', 'must be at least 1'),
    );
    expect(
      check({
        kind: 'tumblingWindow',
        config: { trigger: { type: 'continuousEventTime', interval: 0 } },
      }),
    ).toEqual(one('w', 'config.trigger.interval', 'must be at least 1 ms'));
    expect(
      check({
        kind: 'tumblingWindow',
        config: { time: 'processing', trigger: { type: 'continuousProcessingTime', interval: -1 } },
      }),
    ).toEqual(one('w', 'config.trigger.interval', 'must be at least 1 ms'));
  });

  it('a slide larger than the size', () => {
    expect(check({ kind: 'slidingWindow', config: { size: 1000, slide: 2000 } })).toEqual(
      one('w', 'config.slide', 'must be at most the size (1000 ms)'),
    );
    expect(check({ kind: 'countWindow', config: { size: 2, slide: 3 } })).toEqual(
      one('w', 'config.slide', 'must be at most the size (2)'),
    );
    expect(check({ kind: 'slidingWindow', config: { size: 2000, slide: 2000 } })).toEqual([]);
  });

  it('|offset| must be smaller than the size (tumbling) or the slide (sliding)', () => {
    expect(check({ kind: 'tumblingWindow', config: { size: 1000, offset: 1000 } })).toEqual(
      one('w', 'config.offset', 'must be between −1000 and 1000 ms (exclusive)'),
    );
    expect(
      check({ kind: 'slidingWindow', config: { size: 4000, slide: 1000, offset: 1500 } }),
    ).toEqual(one('w', 'config.offset', 'must be between −1000 and 1000 ms (exclusive)'));
  });

  it('allowed lateness only on event-time windows', () => {
    expect(
      check({ kind: 'tumblingWindow', config: { time: 'processing', allowedLateness: 1000 } }),
    ).toEqual(one('w', 'config.allowedLateness', 'processing-time windows are never late'));
    expect(check({ kind: 'globalWindow', config: { allowedLateness: 1000 } })).toEqual(
      one('w', 'config.allowedLateness', 'a global window never ends'),
    );
  });

  it("a trigger in the other time domain than the window's", () => {
    expect(
      check({
        kind: 'tumblingWindow',
        config: { trigger: { type: 'continuousProcessingTime', interval: 100 } },
      }),
    ).toEqual(
      one('w', 'config.trigger', 'works in processing time, but this window is in event time'),
    );
    expect(
      check({
        kind: 'sessionWindow',
        config: { time: 'processing', trigger: { type: 'purging', of: 'eventTime' } },
      }),
    ).toEqual(
      one('w', 'config.trigger', 'works in event time, but this window is in processing time'),
    );
  });

  it('without timestamps: no event-time window, no time evictor', () => {
    const processing = { settings: { timeCharacteristic: 'processing' } };
    expect(check({ kind: 'tumblingWindow' }, processing)).toEqual(
      one('w', 'config.time', 'no Watermarks node gives records a timestamp'),
    );
    expect(
      check(
        { kind: 'globalWindow', config: { evictor: { type: 'time', keep: 1000 } } },
        processing,
      ),
    ).toEqual(one('w', 'config.evictor', 'a time evictor keeps everything'));
    // A Watermarks node upstream assigns timestamps: fine.
    expect(check({ kind: 'tumblingWindow' }, { ...processing, watermarks: true })).toEqual([]);
    expect(check({ kind: 'tumblingWindow', config: { time: 'processing' } }, processing)).toEqual(
      [],
    );
  });

  it('a time evictor keeps at least 1 ms', () => {
    expect(
      check({ kind: 'tumblingWindow', config: { evictor: { type: 'time', keep: 0 } } }),
    ).toEqual(one('w', 'config.evictor.keep', 'must be at least 1 ms'));
  });
});
