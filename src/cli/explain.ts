/**
 * `npm run sim -- <p.json> --explain <node>`: the explanation of each open window of a window
 * operator at the end of the run (or at --until), in plain English. The facts come from
 * src/lib/engine/explain.ts, as the UI's do; only the words are the CLI's own.
 */
import type { Place } from '../lib/engine/api';
import type {
  Cause,
  LaneRef,
  Need,
  OperatorExplanation,
  WindowExplanation,
} from '../lib/engine/explain';
import { MAX_WATERMARK } from '../lib/engine/time';

const at = (p: Place) => `${p.node}[${p.subtask}]`;
const wm = (w: number | null) =>
  w === null ? 'no watermark yet' : w >= MAX_WATERMARK ? 'max (input ended)' : String(w);
const lane = (l: LaneRef) =>
  `the lane ${at(l.from)} → ${at(l.to)}${l.port === 'main' ? '' : ` (${l.port} input)`}`;

function need(n: Need): string {
  switch (n.type) {
    case 'watermark':
      return `a watermark of ${n.watermark} (end − 1)`;
    case 'processingTime':
      return `the processing-time clock to reach ${n.time} ms (end − 1)`;
    case 'count':
      return `${n.count} elements (it has ${n.have})`;
    case 'never':
      return 'a trigger that fires (the default trigger of a global window never does)';
  }
}

export function describeCause(c: Cause): string {
  switch (c.type) {
    case 'noWatermarkStrategy':
      return c.action === 'addWatermarksNode'
        ? `${c.source} generates no watermarks: add a Watermarks node after ${c.fix}.`
        : `${c.source} has no watermark strategy: set one on ${c.fix}.`;
    case 'noWatermarkYet':
      return `${lane(c.lane)} has sent no watermark yet${c.source ? ` (it comes from ${at(c.source)})` : ''}, so the minimum over the lanes is "none".`;
    case 'slowestLane':
      return `${lane(c.lane)} is the slowest, at watermark ${c.watermark}${c.source ? ` (it comes from ${at(c.source)})` : ''}; the subtask takes the minimum over its lanes.`;
    case 'idleWithoutIdleness':
      return `source partition ${at(c.source)} has sent no record ${c.since === null ? 'at all' : `since ${c.since} ms`} while the others moved on, and its watermark strategy has no idleness: set idleness on ${c.fix}.`;
    case 'idlenessPending':
      return `source partition ${at(c.source)} is quiet ${c.since === null ? 'from the start' : `since ${c.since} ms`}; with idleness ${c.idleness} ms it will be marked idle at ${c.at} ms and stop holding the watermark.`;
    case 'quietSource':
      return `${c.sources.map(at).join(', ')} ${c.sources.length > 1 ? 'are' : 'is'} quiet: the watermark follows the records${c.needsTimestamp === null ? '' : `, so it needs a record with timestamp ≥ ${c.needsTimestamp}`}. ${c.bounded ? 'The input is bounded and still open: its end sends the max watermark and fires every window.' : 'The input is unbounded: it waits for the next record.'}`;
    case 'waitingForRecord':
      return `records keep coming from ${at(c.source)}; the watermark reaches the window's end once a record${c.needsTimestamp === null ? '' : ` with timestamp ≥ ${c.needsTimestamp}`} is read. Nothing to fix.`;
    case 'noPartition':
      return `${at(c.source)} has no partition to read (${c.fix} has parallelism ${c.parallelism} but ${c.partitions} partition${c.partitions === 1 ? '' : 's'}): it sends no record and no watermark. Lower the parallelism of ${c.fix} or set idleness on it.`;
    case 'countNeeded':
      return `the count trigger needs ${c.more} more element${c.more === 1 ? '' : 's'} of this key (${c.have} of ${c.count}).`;
    case 'clock':
      return `it fires when the processing-time clock reaches ${c.time} ms (now ${c.now} ms).`;
    case 'neverTrigger':
      return `a global window with the default trigger never fires: give ${c.fix} a trigger.`;
    case 'firedKeptForLateness':
      return `it has fired; it is kept for allowed lateness until the watermark reaches ${c.cleanup}.`;
    case 'inputEnded':
      return 'its input has ended: processing-time windows are not fired at the end of input.';
    case 'batchEndOfKey':
      return "BATCH mode, no watermarks: the input is read sorted by key; a key's windows fire once its records are read.";
  }
}

export function describeWindow(e: WindowExplanation): string[] {
  const bounds =
    e.window === null ? 'global window' : `window [${e.window.start}, ${e.window.end})`;
  const lines = [
    `${at(e)} key ${e.key === null ? '(no key)' : String(e.key)}, ${bounds}: watermark ${wm(e.watermark)}, needs ${need(e.needs)}.`,
  ];
  for (const c of e.causes) lines.push(`  - ${describeCause(c)}`);
  return lines;
}

export function describeOperator(e: OperatorExplanation): string[] {
  if (e.windows.length === 0) return [`${e.node}: no open windows.`];
  const lines = [`${e.node}: ${e.windows.length} open window${e.windows.length === 1 ? '' : 's'}`];
  for (const w of e.windows) lines.push(...describeWindow(w));
  return lines;
}
