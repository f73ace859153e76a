import { describe, expect, it } from 'vitest';
import { Runtime } from '../../src/lib/engine/runtime';
import {
  EXAMPLES,
  exampleDocument,
  exampleDocumentOf,
  exampleJson,
  validateDocument,
} from '../../src/lib/pipeline';

function sinkOutput(id: string) {
  const example = EXAMPLES.find((e) => e.id === id)!;
  const runtime = new Runtime(exampleDocumentOf(example));
  runtime.run();
  return runtime.sinkRecords();
}

describe('example gallery', () => {
  it('has at least 9 examples with unique ids, titles and an explanation', () => {
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(9);
    expect(new Set(EXAMPLES.map((e) => e.id)).size).toBe(EXAMPLES.length);
    expect(new Set(EXAMPLES.map((e) => e.title)).size).toBe(EXAMPLES.length);
    for (const e of EXAMPLES) expect(e.summary.length).toBeGreaterThan(80);
  });

  it.each(EXAMPLES.map((e) => [e.id, e] as const))(
    '%s validates and its run reaches every sink',
    (_id, example) => {
      const result = validateDocument(structuredClone(example.json));
      expect(result.problems).toEqual([]);
      const doc = exampleDocumentOf(example);
      const runtime = new Runtime(doc);
      runtime.run();
      expect(runtime.errors()).toEqual([]);
      const records = runtime.sinkRecords();
      const sinks = doc.nodes.filter((n) => n.kind.endsWith('Sink'));
      expect(sinks.length).toBeGreaterThan(0);
      for (const sink of sinks) expect(records.get(sink.id)?.length ?? 0).toBeGreaterThan(0);
    },
  );

  it('keeps exampleDocument() as the clicks-per-user starter', () => {
    expect(exampleDocument().name).toBe(exampleJson.name);
    expect(exampleDocument().nodes.map((n) => n.id)).toEqual([
      'clicks',
      'double',
      'byUser',
      'perFiveSeconds',
      'results',
    ]);
  });

  it('keyed state and timers: the process function counts every click once, by key', () => {
    const out = sinkOutput('keyed-state-timers');
    const counts = out.get('counts')!;
    // A process function drops nothing as late: each of the 45 clicks is counted exactly once.
    expect(counts.reduce((sum, r) => sum + (r.value as number), 0)).toBe(45);
    // Each count is emitted by an event-time timer, with the timer's timestamp.
    for (const r of counts) expect(r.timestamp).not.toBeNull();
    // The session window splits at least one user's clicks where the process function did not.
    expect(out.get('results')!.length).toBeGreaterThan(counts.length);
  });

  it('watermarks and lateness: a late firing, then a too-late record in the side output', () => {
    const out = sinkOutput('watermarks-lateness');
    expect(out.get('results')!.map((r) => [r.value, r.timestamp])).toEqual([
      [2, 4999],
      [3, 4999],
      [2, 9999],
    ]);
    expect(out.get('late')!.map((r) => r.value)).toEqual(['e@4s (too late)']);
  });

  it('count windows: every third order per shop, and the last four every second', () => {
    const out = sinkOutput('count-windows');
    expect(out.get('threeOut')!.map((r) => [r.key, r.value])).toEqual([
      ['shop-a', 60],
      ['shop-b', 45],
      ['shop-a', 150],
    ]);
    expect(out.get('fourOut')!.map((r) => [r.key, r.value])).toEqual([
      ['shop-a', 30],
      ['shop-b', 20],
      ['shop-a', 100],
      ['shop-b', 80],
      ['shop-a', 180],
    ]);
  });

  it('parallelism and keyBy: each key stays on one subtask, and every subtask gets keys', () => {
    const rows = sinkOutput('parallelism-keyby').get('results')!;
    const subtaskOf = new Map<unknown, Set<number>>();
    for (const r of rows) subtaskOf.set(r.key, (subtaskOf.get(r.key) ?? new Set()).add(r.subtask));
    expect([...subtaskOf.values()].every((s) => s.size === 1)).toBe(true);
    expect(new Set(rows.map((r) => r.subtask))).toEqual(new Set([0, 1, 2]));
  });

  it('bounded input: no record is late, so the sums are the final, complete ones', () => {
    const example = EXAMPLES.find((e) => e.id === 'bounded-batch')!;
    const runtime = new Runtime(exampleDocumentOf(example), { trace: true });
    runtime.run();
    expect(runtime.trace().events.filter((e) => e.type === 'drop')).toEqual([]);
    const rows = runtime.sinkRecords().get('report')!;
    expect(new Set(rows.map((r) => r.timestamp))).toEqual(new Set([9999, 19999]));
    expect(rows).toHaveLength(8);
  });

  it('time windows: sliding windows count each record twice, sessions split at the pauses', () => {
    const out = sinkOutput('time-windows');
    const total = (sink: string) => out.get(sink)!.reduce((sum, r) => sum + (r.value as number), 0);
    expect(total('tumblingOut')).toBe(50);
    expect(total('slidingOut')).toBe(100);
    expect(total('sessionOut')).toBe(50);
    expect(out.get('sessionOut')!.length).toBe(6);
  });
});
