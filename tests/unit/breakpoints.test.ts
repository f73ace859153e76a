import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../src/lib/pipeline/examples';
import { validateDocument, type Breakpoint, type PipelineDocument } from '../../src/lib/pipeline';
import { RunSession } from '../../src/lib/worker/session';

function lateness(breakpoints: unknown[]): PipelineDocument {
  const json = structuredClone(EXAMPLES.find((e) => e.id === 'watermarks-lateness')!.json) as {
    settings: Record<string, unknown>;
  };
  json.settings.breakpoints = breakpoints;
  const r = validateDocument(json);
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return r.doc;
}

/** Plays until a breakpoint pauses the run (or it finishes); returns the pause's snapshot. */
function playToPause(session: RunSession) {
  for (let i = 0; i < 1000 && !session.simulation.finished; i++)
    if (session.advance(16)) return session.snapshot(false);
  return null;
}

describe('breakpoints', () => {
  it('a late record at the window pauses the run on it; the snapshot names the record and its fate', () => {
    const session = new RunSession(
      lateness([{ id: 'late', type: 'record', node: 'window', late: true }]),
    );
    let snap = playToPause(session)!;
    expect(snap.breakpointHit).toMatchObject({
      id: 'late',
      type: 'record',
      node: 'window',
      time: 3000,
      key: 'k',
      timestamp: 2000,
      late: true,
      watermark: 5500,
    });
    expect(snap.now).toBe(3000);
    expect(snap.record).toMatchObject({ value: 'd@2s (late, allowed)', fate: 'late-fired' });
    snap = playToPause(session)!;
    expect(snap.breakpointHit).toMatchObject({ time: 5000, timestamp: 4000, watermark: 7500 });
    expect(snap.record).toMatchObject({ value: 'e@4s (too late)', fate: 'side-output' });
    expect(playToPause(session)).toBeNull();
    expect(session.simulation.finished).toBe(true);
  });

  it('key and value conditions, a window firing and a watermark passing a time', () => {
    const bps: Breakpoint[] = [
      {
        id: 'f',
        enabled: true,
        type: 'record',
        node: 'byKey',
        key: 'k',
        expression: "value.startsWith('f')",
        late: false,
      },
      { id: 'fire', enabled: true, type: 'window', node: 'window', start: 5000 },
      { id: 'wm', enabled: true, type: 'watermark', node: 'window', time: 7000 },
    ];
    const session = new RunSession(lateness(bps));
    const hits: string[] = [];
    for (let snap = playToPause(session); snap; snap = playToPause(session)) {
      const h = snap.breakpointHit!;
      hits.push(`${h.id}@${h.time}${h.watermark !== null ? ` wm ${h.watermark}` : ''}`);
    }
    expect(hits).toEqual(['wm@4000 wm 7500', 'f@6000 wm 7500', 'fire@6000']);
  });

  it('a disabled breakpoint does not pause; breakpoints set during the run apply from then on', () => {
    const session = new RunSession(
      lateness([{ id: 'off', type: 'record', node: 'window', enabled: false }]),
    );
    expect(playToPause(session)).toBeNull();
    session.reset();
    session.runTo(2500);
    session.setBreakpoints([
      { id: 'any', enabled: true, type: 'record', node: 'window', late: false },
    ]);
    const snap = playToPause(session)!;
    expect(snap.breakpointHit).toMatchObject({ id: 'any', time: 3000, timestamp: 2000 });
  });

  it('validation names a breakpoint whose node does not exist or whose expression does not compile', () => {
    const json = structuredClone(EXAMPLES.find((e) => e.id === 'watermarks-lateness')!.json) as {
      settings: Record<string, unknown>;
    };
    json.settings.breakpoints = [
      { id: 'a', type: 'watermark', node: 'nope', time: 5 },
      { id: 'b', type: 'record', expression: 'value >' },
    ];
    const r = validateDocument(json);
    expect(r.ok).toBe(false);
    const messages = r.ok ? [] : r.problems.map((p) => p.message);
    expect(messages[0]).toBe(
      "settings.breakpoints.0.node: there is no node nope; name one of the pipeline's node ids",
    );
    expect(messages[1]).toMatch(
      /^settings\.breakpoints\.1\.expression: the expression does not compile/,
    );
  });
});
