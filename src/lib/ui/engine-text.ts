import { t } from '../i18n';
import { sentenceTranslator } from './sentences';

/**
 * Sentences of the engine (pure TypeScript, language-free): why a record was dropped, why a task
 * failed or a checkpoint was aborted, how the job restarted. A closed set, translated through
 * these templates (see sentences.ts); several of them can be joined by "; ".
 */
export const ENGINE_TEMPLATES: readonly string[] = [
  'filtered out',
  'error',
  'the restart strategy is none',
  'fixed-delay restart strategy: {{n}} restart attempts used up',
  'fixed-delay restart strategy: {{n}} restart attempt used up',
  'failure-rate restart strategy: {{n}} failures within {{m}} ms',
  'failure injected into {{task}} at {{n}} ms',
  'scheduled failure of {{task}} at {{n}} ms',
  'random failure of {{task}} at {{n}} ms',
  'the job fails: {{reason}}',
  'the job failed',
  'expired after the timeout of {{n}} ms',
  'restored checkpoint {{n}}',
  'no usable checkpoint: restarted from the beginning',
  'no completed checkpoint: restarted from the beginning',
  'checkpoint {{n}} is unusable ({{error}})',
  'not a Streamlab snapshot (bad header)',
  'the checksum does not match (the stored value is damaged)',
  'the payload does not parse: {{detail}}',
  'it has no state for {{task}}',
  "late: the {{side}} element's timestamp {{n}} is behind the watermark {{m}}",
  'late: the watermark {{n}} had passed the end − 1 of every window of this {{side}} element',
  'late: watermark {{n}} had passed the window [{{start}}, {{end}}) end − 1 + allowed lateness {{m}}',
  'record dropped',
  'onTimer keeps registering event-time timers that are already due: stopped after {{n}} of them, the due ones left are dropped (Flink would loop here forever)',
  'onTimer keeps registering processing-time timers that are already due: stopped after {{n}} of them, the due ones left are dropped (Flink would loop here forever)',
];

const translator = sentenceTranslator(
  ENGINE_TEMPLATES,
  {
    translated: new Set(['side', 'reason', 'error']),
    tokens: new Set(['n', 'm', 'task', 'side', 'start', 'end']),
  },
  // A value is a word ("left") or itself an engine sentence (a restart strategy's reason).
  (value) => translator(value) ?? t(value),
);

/** An engine sentence (or several joined by "; ") in the UI's language. */
export function engineText(text: string): string {
  return text
    .split('; ')
    .map((part) => translator(part) ?? part)
    .join('; ');
}
