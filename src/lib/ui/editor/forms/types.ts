import type { OperatorKind } from '../../../pipeline';

/**
 * How the inspector shows a kind's config: data, not markup. Each field names the key it edits
 * in its parent object (the node's config, or a nested object for `group` and `variant`), how a
 * person sees it (label, unit, help) and the control that edits it. The renderer is generic
 * (FormFields.svelte); a kind's form is one file beside this one.
 */
export type FormField =
  | DurationField
  | NumberField
  | TextField
  | TextAreaField
  | SelectField
  | CheckboxField
  | CodeField
  | GroupField
  | VariantField
  | ListField
  | TimelineField;

interface Base {
  /** The key in the parent object. */
  key: string;
  label: string;
  /** One or two sentences explaining the concept, shown under the control. */
  help?: string;
}

/** A duration stored in ms, edited as a number and a unit (ms, s, min). */
export interface DurationField extends Base {
  type: 'duration';
  /** Negative durations allowed (a window offset, e.g. −8 h). */
  signed?: boolean;
  /** When set, an empty input stores null; the text says what null means (e.g. "off"). */
  empty?: string;
}

export interface NumberField extends Base {
  type: 'number';
  /** The unit shown after the input, e.g. "events/s". */
  unit?: string;
  min?: number;
  max?: number;
  step?: number | 'any';
  /** When set, an empty input stores null; the text says what null means (e.g. "unbounded"). */
  empty?: string;
}

export interface TextField extends Base {
  type: 'text';
  placeholder?: string;
  /** When set, an empty input stores null; the text says what null means. */
  empty?: string;
}

export interface TextAreaField extends Base {
  type: 'textarea';
  rows: number;
  /** Offers a file picker that fills this field with a text file's content (and `nameKey`). */
  upload?: { accept: string; nameKey: string };
}

export interface SelectField extends Base {
  type: 'select';
  options: readonly { value: string; label: string }[];
}

export interface CheckboxField extends Base {
  type: 'checkbox';
}

/** User logic: a JavaScript expression, compiled by the engine as a function of `params`. */
export interface CodeField extends Base {
  type: 'code';
  params: readonly string[];
  /** JavaScript statements (a function body) rather than one expression. */
  statements?: boolean;
}

/** A nested object edited as a group of fields. */
export interface GroupField extends Base {
  type: 'group';
  fields: readonly FormField[];
}

/** One choice among objects told apart by their `type` (a watermark strategy, a trigger, …). */
export interface VariantField extends Base {
  type: 'variant';
  options: readonly VariantOption[];
  /** When set, a first option stores null; the text names it (e.g. "No evictor"). */
  none?: string;
}

export interface VariantOption {
  /** The value of `type`. */
  value: string;
  label: string;
  help?: string;
  /** The object stored when this option is chosen (fields already set are kept). */
  defaults: Record<string, unknown>;
  fields: readonly FormField[];
}

/** A list of small objects (e.g. idle periods), one row per item. */
export interface ListField extends Base {
  type: 'list';
  itemLabel: string;
  item: readonly FormField[];
  newItem: (items: readonly Record<string, unknown>[]) => Record<string, unknown>;
}

/** A timeline source's script: records, watermarks and clock advances as rows. */
export interface TimelineField extends Base {
  type: 'timeline';
}

export interface KindForm {
  kind: OperatorKind;
  fields: readonly FormField[];
  /** What parallelism means for this kind, when it is special (e.g. must be 1). */
  parallelism?: string;
}
