import type { TimelineStep } from '../../../pipeline/kinds';

export type StepType = TimelineStep['type'];

export const STEP_TYPES: readonly { value: StepType; label: string }[] = [
  { value: 'record', label: 'Record' },
  { value: 'watermark', label: 'Watermark' },
  { value: 'advance', label: 'Advance clock' },
  { value: 'end', label: 'End of stream' },
];

/** A record's value as typed: JSON when it parses (5, {"a": 1}, "x"), plain text otherwise. */
export function parseValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The text a value is edited as; the inverse of parseValue for everything but texts that look like JSON. */
export function formatValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value ?? null);
}

function lastTimestamp(steps: readonly TimelineStep[]): number | null {
  let t: number | null = null;
  for (const s of steps) if (s.type === 'record' || s.type === 'watermark') t = s.timestamp;
  return t;
}

/** A new step of a type, continuing the script: a record 1 s after the last time, and so on. */
export function newStep(type: StepType, steps: readonly TimelineStep[]): TimelineStep {
  const last = lastTimestamp(steps);
  switch (type) {
    case 'record': {
      const prev = [...steps].reverse().find((s) => s.type === 'record');
      return {
        type: 'record',
        key: prev?.type === 'record' ? prev.key : 'a',
        value: prev?.type === 'record' ? prev.value : 1,
        timestamp: (last ?? 0) + 1000,
      };
    }
    case 'watermark':
      return { type: 'watermark', timestamp: last ?? 0 };
    case 'advance':
      return { type: 'advance', by: 1000 };
    case 'end':
      return { type: 'end' };
  }
}

/** A step changed to another type, keeping its time where both have one. */
export function changeStepType(
  step: TimelineStep,
  type: StepType,
  steps: readonly TimelineStep[],
): TimelineStep {
  const next = newStep(type, steps);
  if ('timestamp' in step && 'timestamp' in next) return { ...next, timestamp: step.timestamp };
  return next;
}
