import { describe, expect, it } from 'vitest';
import { createSimulation, type TraceEvent } from '../../src/lib/engine';
import { canonical } from './checkpoints-helpers';
import { adv, end, makeDoc, rec } from './engine-helpers';

/**
 * Two inputs into a union: `a` sends a record every 100 ms; `b` sends a burst of 10 records at
 * 900–990 ms through `slow` (50 ms per record), so at the checkpoint at 1000 ms b's barrier waits
 * behind b's records while a's barrier reaches the union at once.
 */
function twoInputs(
  mode: { unaligned?: boolean; atLeastOnce?: boolean; timeout?: number },
  failAt?: number,
) {
  const aSteps = [];
  for (let t = 0; t <= 3000; t += 100) aSteps.push(rec(t, `a${t}`, 'a'), adv(100));
  aSteps.push(end);
  const bSteps: unknown[] = [adv(900)];
  for (let t = 900; t < 1000; t += 10) bSteps.push(rec(t, `b${t}`, 'b'), adv(10));
  bSteps.push(adv(2000), end);
  return makeDoc(
    [
      { id: 'a', kind: 'timeline', config: { steps: aSteps } },
      { id: 'b', kind: 'timeline', config: { steps: bSteps } },
      { id: 'slow', kind: 'map', config: { expression: 'value' } },
      { id: 'u', kind: 'union' },
      { id: 'out', kind: 'tableSink', config: { guarantee: 'exactly-once' } },
    ],
    [
      { from: 'a', to: 'u' },
      { from: 'b', to: 'slow' },
      { from: 'slow', to: 'u' },
      { from: 'u', to: 'out' },
    ],
    {
      checkpointing: {
        enabled: true,
        interval: 1000,
        unaligned: mode.unaligned ?? false,
        mode: mode.atLeastOnce ? 'AT_LEAST_ONCE' : 'EXACTLY_ONCE',
        timeout: mode.timeout ?? 600000,
      },
      failures: failAt === undefined ? [] : [{ at: failAt, node: 'u' }],
      restartStrategy: { type: 'fixedDelay', attempts: 1, delay: 100 },
    },
  );
}

function run(doc: ReturnType<typeof twoInputs>) {
  const sim = createSimulation(doc, { trace: true, costs: { slow: 50 } });
  sim.run();
  return sim;
}

const atUnion = (events: TraceEvent[]) => events.filter((e) => e.node === 'u');
function barrierTimes(events: TraceEvent[]) {
  const u = atUnion(events);
  const first = u.find(
    (e) => e.type === 'barrier' && e.checkpoint === 1 && e.action === 'receive',
  )!;
  const aligned = u.find(
    (e) => e.type === 'barrier' && e.checkpoint === 1 && e.action === 'aligned',
  )!;
  return { first, aligned };
}
const receivedFrom = (events: TraceEvent[], from: string, t0: number, t1: number) =>
  atUnion(events)
    .filter((e) => e.type === 'receive' && e.from.node === from && e.time > t0 && e.time < t1)
    .map((e) => (e.type === 'receive' ? e.value : null));

describe('barrier alignment on a two-input operator', () => {
  it('aligned: the channel that delivered the barrier first is blocked until the other delivers it', () => {
    const sim = run(twoInputs({}));
    const ev = sim.trace().events;
    const { first, aligned } = barrierTimes(ev);
    expect(first.type === 'barrier' && first.from).toEqual({ node: 'a', subtask: 0 });
    expect([first.time, aligned.time]).toEqual([1000, 1400]);
    expect(aligned.type === 'barrier' && aligned.alignment).toBe(400);
    // Nothing from a is processed while aligning; b's records go on.
    expect(receivedFrom(ev, 'a', 1000, 1400)).toEqual([]);
    expect(receivedFrom(ev, 'slow', 1000, 1400)).toEqual([
      'b920',
      'b930',
      'b940',
      'b950',
      'b960',
      'b970',
      'b980',
    ]);
    // The held records of a follow right after the alignment, in order.
    const after = atUnion(ev).filter((e) => e.type === 'receive' && e.time === 1400);
    expect(after.map((e) => (e.type === 'receive' ? e.value : null))).toEqual([
      'b990',
      'a1000',
      'a1100',
      'a1200',
      'a1300',
      'a1400',
    ]);
    const cp = sim.faultTolerance().checkpoints.find((c) => c.id === 1)!;
    expect(cp.alignment).toBe(400);
    expect(cp.subtasks.find((s) => s.node === 'u')!.inFlight).toBe(0);
  });

  it('unaligned: the first barrier snapshots at once; the overtaken records of the other input are stored', () => {
    const sim = run(twoInputs({ unaligned: true }));
    const ev = sim.trace().events;
    const { first, aligned } = barrierTimes(ev);
    expect([first.time, aligned.time]).toEqual([1000, 1400]);
    // b910 … b990 arrived after the snapshot but before b's barrier.
    expect(aligned.type === 'barrier' && aligned.inFlight).toBe(9);
    expect(receivedFrom(ev, 'a', 999, 1400)).toEqual(['a1000', 'a1100', 'a1200', 'a1300']);
    // The barrier went on downstream at once.
    const outBarrier = ev.find(
      (e) => e.type === 'barrier' && e.node === 'out' && e.checkpoint === 1,
    )!;
    expect(outBarrier.time).toBe(1000);
    expect(sim.faultTolerance().checkpoints[0].subtasks.find((s) => s.node === 'u')!.inFlight).toBe(
      9,
    );
  });

  it('at-least-once mode: nothing is blocked; the snapshot is taken when the last barrier arrives', () => {
    const sim = run(twoInputs({ atLeastOnce: true }));
    const ev = sim.trace().events;
    expect(receivedFrom(ev, 'a', 1000, 1400)).toEqual(['a1100', 'a1200', 'a1300']);
    expect(barrierTimes(ev).aligned.time).toBe(1400);
  });

  it('aligned and unaligned checkpoints restore to the same results after a failure', () => {
    const clean = canonical(run(twoInputs({})).sinkRecords().get('out')!);
    expect(clean).toHaveLength(41);
    for (const unaligned of [false, true]) {
      const sim = run(twoInputs({ unaligned }, 1700));
      expect(sim.faultTolerance().restores.map((r) => r.checkpoint)).toEqual([1]);
      expect(canonical(sim.sinkRecords().get('out')!)).toEqual(clean);
    }
  });

  it('a checkpoint that does not complete within its timeout is aborted; the blocked input is released', () => {
    const sim = run(twoInputs({ timeout: 200 }));
    const ft = sim.faultTolerance();
    const first = ft.checkpoints[0];
    expect([first.id, first.status, first.failure]).toEqual([
      1,
      'FAILED',
      'expired after the timeout of 200 ms',
    ]);
    expect(first.duration).toBe(200);
    const ev = sim.trace().events;
    // a's records, held since 1000, go on at 1200 when checkpoint 1 is aborted.
    expect(receivedFrom(ev, 'a', 1000, 1200)).toEqual([]);
    expect(receivedFrom(ev, 'a', 1199, 1201)).toEqual(['a1000', 'a1100', 'a1200']);
    // The stale barrier 1 from b is ignored; the next checkpoint (2, at 2000) completes.
    expect(ft.checkpoints[1]).toMatchObject({ id: 2, status: 'COMPLETED', triggerTime: 2000 });
    expect(ft.failedCheckpoints).toBe(1);
    // Without checkpoint 1, the output is still exactly the same.
    expect(canonical(sim.sinkRecords().get('out')!)).toEqual(
      canonical(run(twoInputs({})).sinkRecords().get('out')!),
    );
  });
});
