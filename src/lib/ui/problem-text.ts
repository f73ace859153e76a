import { hasTranslation, t } from '../i18n';
import type { Problem } from '../pipeline';
import { sentenceTranslator } from './sentences';

/**
 * Problems come from the pipeline layer as English sentences (it stays language-free, and the CLI
 * and the tests read them). Their set is closed: "<where>: <what is wrong>", where <where> names
 * the node or edge and the field; the UI words them through the templates below (see sentences.ts).
 */

/** The part that says where: a node, an edge or a document field, then ": ". */
const WHERE: [RegExp, string][] = [
  [/^node (\S+), (\S+): /, 'node {{node}}, {{field}}: '],
  [/^node (\S+): /, 'node {{node}}: '],
  [/^node #(\d+), (\S+): /, 'node #{{node}}, {{field}}: '],
  [/^node #(\d+): /, 'node #{{node}}: '],
  [/^edge (\S+), (\S+): /, 'edge {{node}}, {{field}}: '],
  [/^edge (\S+): /, 'edge {{node}}: '],
  [/^edge #(\d+), (\S+): /, 'edge #{{node}}, {{field}}: '],
  [/^(settings\.failures\.\d+\.\w+|settings\.\w+|version|link|document|[\w.]+): /, '{{field}}: '],
];

/**
 * What is wrong, as templates. Placeholders named `kind`, `time`, `td`, `what` and `detail` hold
 * words that are translated themselves (operator labels, "event"/"processing", …); the others
 * (ids, numbers, code) are shown as they are.
 */
export const PROBLEM_TEMPLATES: readonly string[] = [
  'is not a known field',

  'id is used by more than one node; ids must be unique',
  '"{{id}}" is not an operator kind; allowed: {{list}}',
  'id is used by more than one edge',
  'no node "{{id}}" exists',
  '{{kind}} {{id}} has no output; a sink ends the pipeline',
  '{{kind}} {{id}} has no late-data side output; only time windows have one',
  '{{kind}} {{id}} is a source and takes no input',
  'the output of KeyBy {{id}} is partitioned by key; it must be hash, not {{part}}',
  'hash needs a key; put a KeyBy before {{id}} or choose forward, rebalance or broadcast',
  'forward connects subtask i to subtask i, so {{from}} (parallelism {{p}}) and {{to}} (parallelism {{q}}) must have the same parallelism; change one, or use rebalance',
  '{{kind}} needs an input; connect a source or an operator to it',
  '{{kind}} takes one input but has {{n}}; merge them with a Union first',
  '{{kind}} needs at least one input',
  'a {{kind}} replays one script or file, so it runs with parallelism 1',
  'a non-keyed window (windowAll) runs with parallelism 1 in Flink',
  'a keyed window needs a KeyBy before it; add one, or make it non-keyed (windowAll)',
  "there is no node {{id}}; name one of the pipeline's node ids",
  'node {{id}} has subtasks 0 to {{n}}, not {{m}}',
  'the graph has a cycle: {{cycle}}; a dataflow must be acyclic',
  'not valid JSON: {{error}}',
  'A pipeline document must be a JSON object.',
  'must be a whole number from 1 to {{n}}.',
  'this document is version {{n}}, made by a newer Streamlab; this one reads up to version {{m}}.',
  'no migration from version {{n}}.',
  'the pipeline in this link cannot be unpacked; the link is cut off or was changed. Ask for the link again.',
  "must be between −{{n}} and {{m}} ms (exclusive): Flink's TumblingEventTimeWindows.of(size, offset) requires |offset| < size",
  'must be at most the size ({{n}} ms): with a larger slide, elements that fall between two windows belong to none and are lost',
  "must be between −{{n}} and {{m}} ms (exclusive): Flink's SlidingEventTimeWindows.of(size, slide, offset) requires |offset| < slide",
  'must be at most the size ({{n}}): with a larger slide, elements between two firings are never in a window',
  'processing-time windows are never late, so they have no allowed lateness; use 0, or event time (time: event)',
  'a global window never ends, so nothing is late; use 0, or a time window',
  'a {{trigger}} trigger works in {{td}} time, but this window is in {{time}} time; use a {{time2}}-time trigger (default, purging, {{cont}}) or count',
  'the run is in processing time (settings.timeCharacteristic) and no Watermarks node gives records a timestamp, so event-time windows get none; use time: processing, or event or ingestion time',
  'records carry no event timestamps in a processing-time run without a Watermarks node, so a continuous event-time trigger has no interval to fire at; use continuousProcessingTime or count',
  'records carry no event timestamps in a processing-time run without a Watermarks node, so a time evictor keeps everything (Flink skips it); use a count evictor',
  '{{kind}} {{id}} has no {{port}} input; only Window join and Interval join have left and right inputs, so use main',
  '{{kind}} {{id}} has a left and a right input; connect {{from}} to one of them (left or right), not main',
  'a Process function is a KeyedProcessFunction: its state and timers are per key, so it needs a keyed input; put a KeyBy before it (edge {{id}} is {{part}})',
  '{{kind}} needs a {{side}} input; connect a KeyBy to its {{side2}} handle',
  '{{kind}} takes one {{side}} input but has {{n}}; merge them with a Union first',
  '{{kind}} joins two keyed streams, so its {{side}} input must come from a KeyBy (hash); edge {{id}} is {{part}}',
  "{{kind}} works in event time, but the pipeline's time characteristic is processing; choose event or ingestion time",
  'the slide ({{n}} ms) must not be larger than the size ({{m}} ms), or elements between windows are lost',
  'must be less than the {{what}} ({{n}} ms)',
  'must be at most the upper bound ({{n}} > {{m}} ms); Flink requires lowerBound <= upperBound',
  'with exclusive bounds the interval ({{n}}, {{m}}) ms is empty and nothing would ever join; make a bound inclusive or widen the interval',
  'the {{what}} does not compile ({{error}})',
];

const translator = sentenceTranslator(PROBLEM_TEMPLATES, {
  translated: new Set(['kind', 'time', 'time2', 'td', 'what', 'side', 'side2']),
  tokens: new Set(['id', 'from', 'to', 'n', 'm', 'p', 'q', 'part', 'port', 'side', 'side2']),
});

/** "What is wrong" in the UI's language, or as it is when no template matches. */
export function translateDetail(detail: string): string {
  // The schemas' own messages ("must be at least 1 ms", …) are translated whole.
  if (hasTranslation(detail, 'zh-CN')) return t(detail);
  return translator(detail) ?? detail;
}

/** The sentence a problem shows, in the UI's language; it still names the node and the field. */
export function problemText(problem: Pick<Problem, 'message'>): string {
  const message = problem.message;
  for (const [re, template] of WHERE) {
    const m = re.exec(message);
    if (!m) continue;
    const vars = { node: m[1], field: m[2] ?? m[1] };
    return t(template, vars) + translateDetail(message.slice(m[0].length));
  }
  return translateDetail(message);
}
