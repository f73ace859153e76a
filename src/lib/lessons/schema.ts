import * as v from 'valibot';

/**
 * The lesson format, as data. A lesson is a folder under `src/lessons/` with a structure file
 * (`lesson.yaml`: what each step loads, changes, highlights and checks) and one text file per
 * language (`en.yaml`, `zh-CN.yaml`: what each step says). docs/lessons.md describes it.
 */

/** A run command, as the run bar's buttons give them (plus a few a lesson needs). */
export const RunCommandSchema = v.union([
  v.picklist(
    ['reset', 'step', 'watermark', 'firing', 'end'],
    'a run command is reset, step, watermark, firing, end, { to: ms } or { fail: node }',
  ),
  v.strictObject({ to: v.pipe(v.number(), v.minValue(0)) }),
  v.strictObject({ fail: v.string(), subtask: v.optional(v.number()) }),
]);
export type RunCommand = v.InferOutput<typeof RunCommandSchema>;

/** What part of the screen a step talks about. */
export const HighlightSchema = v.union([
  v.strictObject({ node: v.string() }),
  v.strictObject({
    area: v.picklist(
      ['canvas', 'palette', 'inspector', 'run-bar', 'run-panel', 'header'],
      'area is one of canvas, palette, inspector, run-bar, run-panel, header',
    ),
  }),
  /** A control by its English accessible name (translated when the UI is not in English). */
  v.strictObject({
    control: v.string(),
    role: v.optional(v.picklist(['button', 'tab', 'any'], 'role is button, tab or any'), 'any'),
  }),
  v.strictObject({ selector: v.string() }),
]);
export type Highlight = v.InferOutput<typeof HighlightSchema>;

const Num = v.number();

/** A state of the editor or of the run that the learner must bring about. */
export const GoalSchema = v.union([
  /** Press a control with this English accessible name. */
  v.strictObject({ press: v.string() }),
  /** The watermark of a node (the least of its subtasks) reached at least this value. */
  v.strictObject({ watermark: v.strictObject({ node: v.string(), atLeast: Num }) }),
  /** A window fired (at a node, at least `count` times) since the step began. */
  v.strictObject({
    fired: v.strictObject({ node: v.optional(v.string()), count: v.optional(Num, 1) }),
  }),
  /** A node of this kind was added since the step began. */
  v.strictObject({ added: v.strictObject({ kind: v.string() }) }),
  /** A field of a node (or of the document, without node) has this value. */
  v.strictObject({
    field: v.strictObject({ node: v.optional(v.string()), path: v.string(), equals: v.unknown() }),
  }),
  /** The run has finished (every bounded source ended and everything drained). */
  v.strictObject({ finished: v.literal(true) }),
  /** A sink has received at least this many records. */
  v.strictObject({ sinkTotal: v.strictObject({ sink: v.string(), atLeast: Num }) }),
  /** At least this many checkpoints completed. */
  v.strictObject({ checkpoints: v.strictObject({ atLeast: Num }) }),
  /** The job restarted from a checkpoint (or from the beginning) since the step began. */
  v.strictObject({ restored: v.literal(true) }),
]);
export type Goal = v.InferOutput<typeof GoalSchema>;

/** How the right answer of a prediction is read from the engine's real state. */
export const ProbeSchema = v.variant('probe', [
  /** The value of the last record a sink received (or one field of it). */
  v.strictObject({ probe: v.literal('sinkLast'), sink: v.string(), field: v.optional(v.string()) }),
  /** How many records a sink has received in all. */
  v.strictObject({ probe: v.literal('sinkTotal'), sink: v.string() }),
  /** The start of the first window that fired since the step began. */
  v.strictObject({ probe: v.literal('firedWindowStart'), node: v.optional(v.string()) }),
  /** The result of the first window that fired since the step began. */
  v.strictObject({ probe: v.literal('firedValue'), node: v.optional(v.string()) }),
  /** The processing time at which the window starting at `start` first fired since the step began. */
  v.strictObject({ probe: v.literal('firedAt'), node: v.string(), start: v.number() }),
  /** How many window firings happened since the step began. */
  v.strictObject({ probe: v.literal('firings'), node: v.optional(v.string()) }),
  /** The current watermark of a node (least of its subtasks); null before any. */
  v.strictObject({ probe: v.literal('watermark'), node: v.string() }),
  /** How many records were dropped (at a node) since the step began. */
  v.strictObject({ probe: v.literal('dropped'), node: v.optional(v.string()) }),
  /** How many records sources re-emitted after a recovery since the step began. */
  v.strictObject({ probe: v.literal('replayed'), node: v.optional(v.string()) }),
  /** Records a sink marks as replayed duplicates (at-least-once). */
  v.strictObject({ probe: v.literal('sinkDuplicates'), sink: v.string() }),
  /** The subtask of `node` that received the records of `key`. */
  v.strictObject({ probe: v.literal('subtaskOfKey'), node: v.string(), key: v.string() }),
  /** How many different subtasks of `node` received records of `key` since the step began. */
  v.strictObject({ probe: v.literal('subtasksOfKey'), node: v.string(), key: v.string() }),
  /** How many records a node has received in all (summed over its subtasks). */
  v.strictObject({ probe: v.literal('recordsIn'), node: v.string() }),
  /** How many checkpoints completed. */
  v.strictObject({ probe: v.literal('checkpoints') }),
  /**
   * The value of a process function's keyed state `name` for `key` now (null when unset), and
   * the time of the earliest timer `key` has pending (null: none). The player asks the run for
   * the node's state first, so the prediction needs a `reveal` (its snapshots carry the state).
   */
  v.strictObject({
    probe: v.literal('state'),
    node: v.string(),
    key: v.string(),
    name: v.string(),
  }),
  v.strictObject({ probe: v.literal('timer'), node: v.string(), key: v.string() }),
]);
export type Probe = v.InferOutput<typeof ProbeSchema>;

const Answer = v.union([v.number(), v.string(), v.null()]);

export const PredictionSchema = v.pipe(
  v.strictObject({
    /** Choices (their texts are in the language files); absent: the learner types a number. */
    choices: v.optional(
      v.array(
        v.strictObject({ id: v.string(), value: Answer }),
        'choices is a list of { id, value }',
      ),
    ),
    /** Run commands performed after the learner answered, before the answer is read. */
    reveal: v.optional(v.array(RunCommandSchema), []),
    answer: ProbeSchema,
    /** The answer the texts are written for; the lesson test checks the engine agrees. */
    expected: Answer,
  }),
  v.check(
    (p) => !p.choices || p.choices.some((c) => c.value === p.expected),
    'expected must be the value of one of the choices',
  ),
  v.check(
    (p) => !['state', 'timer'].includes(p.answer.probe) || p.reveal.length > 0,
    'a state or timer probe needs a reveal (the run then sends the state)',
  ),
);
export type Prediction = v.InferOutput<typeof PredictionSchema>;

/** One change to the document: a field of a node (or of the document itself) set to a value. */
export const ChangeSchema = v.strictObject({
  node: v.optional(v.string()),
  path: v.string(),
  value: v.unknown(),
});
export type Change = v.InferOutput<typeof ChangeSchema>;

export const StepSchema = v.pipe(
  v.strictObject({
    id: v.pipe(
      v.string(),
      v.regex(/^[a-z0-9-]+$/, 'a step id is lower-case letters, digits and -'),
    ),
    load: v.optional(
      v.union(
        [
          v.strictObject({ example: v.string() }),
          v.strictObject({ document: v.record(v.string(), v.unknown()) }),
        ],
        'load is { example: id } or { document: { …pipeline document… } }',
      ),
    ),
    changes: v.optional(v.array(ChangeSchema), []),
    /** Run commands performed when the step is entered (start with reset for a fresh run). */
    run: v.optional(v.array(RunCommandSchema), []),
    highlight: v.optional(HighlightSchema),
    expect: v.optional(GoalSchema),
    predict: v.optional(PredictionSchema),
  }),
  v.check((s) => !(s.expect && s.predict), 'a step has expect or predict, not both'),
);
export type LessonStep = v.InferOutput<typeof StepSchema>;

export const StructureSchema = v.strictObject({
  steps: v.pipe(
    v.array(StepSchema),
    v.minLength(1, 'a lesson has at least one step'),
    v.maxLength(12, 'a lesson has at most 12 steps'),
  ),
});
export type LessonStructure = v.InferOutput<typeof StructureSchema>;

const Text = v.pipe(v.string(), v.trim(), v.minLength(1, 'text must not be empty'));

export const StepTextSchema = v.strictObject({
  text: Text,
  /** For a task: what to do, shown with the task. */
  task: v.optional(Text),
  /** For a prediction: the question. */
  question: v.optional(Text),
  /** Texts of the choices, by choice id. */
  choices: v.optional(v.record(v.string(), Text)),
  /** After a right answer, or after the task is done. */
  right: v.optional(Text),
  /** After a wrong answer. */
  wrong: v.optional(Text),
});
export type StepText = v.InferOutput<typeof StepTextSchema>;

export const TextsSchema = v.strictObject({
  title: Text,
  summary: Text,
  steps: v.record(v.string(), StepTextSchema),
});
export type LessonTexts = v.InferOutput<typeof TextsSchema>;
