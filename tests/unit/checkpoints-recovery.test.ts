import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../src/lib/engine';
import { canonical, keyedSum, runAll } from './checkpoints-helpers';

describe('checkpoints and recovery of a keyed window sum', () => {
  const clean = runAll(keyedSum({ guarantee: 'exactly-once', interval: 1000 }));
  const expected = canonical(clean.sinkRecords().get('out')!);

  it('takes a checkpoint every interval and commits exactly-once output at each', () => {
    const ft = clean.faultTolerance();
    expect(ft.job).toBe('FINISHED');
    expect(ft.completed).toBeGreaterThanOrEqual(19);
    expect(ft.checkpoints.every((c) => c.status === 'COMPLETED')).toBe(true);
    expect(ft.checkpoints.at(-1)!.final).toBe(true);
    expect(expected.length).toBe(30);
    expect(clean.pendingSinkRecords().get('out')).toEqual([]);
  });

  it('exactly-once: a failure at 7300 ms gives the same window results as the run without failure', () => {
    const sim = runAll(
      keyedSum({ guarantee: 'exactly-once', interval: 1000, failures: [{ at: 7300, node: 'w' }] }),
    );
    const ft = sim.faultTolerance();
    expect(ft.restarts).toBe(1);
    expect(ft.failures.map((f) => [f.time, f.node])).toEqual([[7300, 'w']]);
    expect(ft.restores[0].checkpoint).toBe(7);
    expect(ft.restores[0].message).toBe('restored checkpoint 7');
    const rows = sim.sinkRecords().get('out')!;
    expect(canonical(rows)).toEqual(expected);
    expect(rows.some((r) => r.replayed)).toBe(false);
  });

  it('at-least-once: the same failure writes the windows fired since checkpoint 7 twice, marked replayed', () => {
    const sim = createSimulation(
      keyedSum({ guarantee: 'at-least-once', interval: 1000, failures: [{ at: 7300, node: 'w' }] }),
      { trace: true },
    );
    sim.run();
    const events = sim.trace().events;
    // What the sink wrote after its snapshot for checkpoint 7 and before the failure.
    const snap = events.findIndex(
      (e) =>
        e.type === 'barrier' && e.node === 'out' && e.checkpoint === 7 && e.action === 'aligned',
    );
    const failure = events.findIndex((e) => e.type === 'failure');
    const atRisk = events
      .slice(snap, failure)
      .filter((e) => e.type === 'sink')
      .map((e) => `${String(e.key)}@${e.timestamp}=${JSON.stringify(e.value)}`)
      .sort();
    expect(atRisk).toEqual(['k1@5999=52', 'k2@5999=33', 'k3@5999=31']);
    const rows = sim.sinkRecords().get('out')!;
    expect(canonical(rows.filter((r) => r.replayed))).toEqual(atRisk);
    expect(canonical(rows.filter((r) => !r.replayed))).toEqual(expected);
    // The replays reach the sink after the restore at 7800, when the watermark passes 5999 again.
    expect(rows.filter((r) => r.replayed).map((r) => r.processingTime)).toEqual([8000, 8000, 8000]);
    // Sources mark what they emit again below their high-water mark.
    expect(events.some((e) => e.type === 'emit' && e.node === 'src' && e.replayed)).toBe(true);
  });

  it('at-least-once: a second failure before the next checkpoint duplicates the replays again', () => {
    const sim = runAll(
      keyedSum({
        guarantee: 'at-least-once',
        interval: 1000,
        failures: [
          { at: 7300, node: 'w' },
          { at: 8100, node: 'w' },
        ],
      }),
    );
    const ft = sim.faultTolerance();
    expect(ft.restores.map((r) => [r.time, r.checkpoint])).toEqual([
      [7800, 7],
      [8600, 7],
    ]);
    const rows = sim.sinkRecords().get('out')!;
    expect(canonical(rows.filter((r) => !r.replayed))).toEqual(expected);
    expect(canonical(rows.filter((r) => r.replayed))).toEqual([
      'k1@5999=52',
      'k1@5999=52',
      'k2@5999=33',
      'k2@5999=33',
      'k3@5999=31',
      'k3@5999=31',
    ]);
  });

  it('a failure before the first checkpoint restarts from the beginning; the sources replay everything', () => {
    const sim = runAll(
      keyedSum({ guarantee: 'exactly-once', interval: 5000, failures: [{ at: 3000 }] }),
    );
    expect(sim.faultTolerance().restores[0]).toEqual({
      time: 3500,
      checkpoint: null,
      message: 'no completed checkpoint: restarted from the beginning',
    });
    expect(canonical(sim.sinkRecords().get('out')!)).toEqual(expected);
  });
});

describe('restart strategies', () => {
  it('none: the first failure fails the job', () => {
    const sim = runAll(
      keyedSum({
        guarantee: 'exactly-once',
        interval: 1000,
        failures: [{ at: 4000, node: 'key' }],
        restartStrategy: { type: 'none' },
      }),
    );
    const ft = sim.faultTolerance();
    expect(sim.finished).toBe(true);
    expect(ft.job).toBe('FAILED');
    expect(ft.restarts).toBe(0);
    expect(ft.failureCause).toBe(
      'scheduled failure of key[0] at 4000 ms; the restart strategy is none',
    );
    expect(sim.now).toBe(4000);
    expect(new Set(sim.status().map((s) => s.state))).toEqual(new Set(['failed']));
  });

  it('fixed delay with 2 attempts: the third failure fails the job after 2 restarts', () => {
    const sim = runAll(
      keyedSum({
        guarantee: 'exactly-once',
        interval: 1000,
        failures: [{ at: 3000 }, { at: 6000 }, { at: 9000 }],
        restartStrategy: { type: 'fixedDelay', attempts: 2, delay: 200 },
      }),
    );
    const ft = sim.faultTolerance();
    expect(ft.job).toBe('FAILED');
    expect(ft.restarts).toBe(2);
    expect(ft.restores.map((r) => r.time)).toEqual([3200, 6200]);
    expect(ft.failureCause).toMatch(/2 restart attempts used up/);
  });

  it('failure rate: 2 failures within the interval fail the job, 2 further apart do not', () => {
    const rate = { type: 'failureRate', maxFailures: 2, interval: 2000, delay: 100 };
    const close = runAll(
      keyedSum({
        guarantee: 'exactly-once',
        interval: 1000,
        failures: [{ at: 3000 }, { at: 4000 }],
        restartStrategy: rate,
      }),
    );
    expect(close.faultTolerance().job).toBe('FAILED');
    const apart = runAll(
      keyedSum({
        guarantee: 'exactly-once',
        interval: 1000,
        failures: [{ at: 3000 }, { at: 9000 }],
        restartStrategy: rate,
      }),
    );
    expect(apart.faultTolerance().job).toBe('FINISHED');
    expect(apart.faultTolerance().restarts).toBe(2);
  });

  it('status shows the failing subtask and the restarting others during the restart delay', () => {
    const sim = createSimulation(
      keyedSum({ guarantee: 'exactly-once', interval: 1000, failures: [{ at: 4000, node: 'w' }] }),
    );
    sim.runUntil(4200);
    expect(sim.faultTolerance().job).toBe('RESTARTING');
    expect(sim.faultTolerance().restartAt).toBe(4500);
    expect(sim.status().map((s) => [s.node, s.state])).toEqual([
      ['src', 'restarting'],
      ['key', 'restarting'],
      ['w', 'failing'],
      ['out', 'restarting'],
    ]);
    sim.runUntil(4600);
    expect(sim.status().every((s) => s.state === 'running')).toBe(true);
  });
});
