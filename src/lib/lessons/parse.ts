import * as v from 'valibot';
import { LOCALES, type Locale } from '../i18n';
import { documentForStep } from './document';
import {
  StructureSchema,
  TextsSchema,
  type LessonStructure,
  type LessonTexts,
  type LessonStep,
} from './schema';

/** A lesson read from its folder and checked. */
export interface Lesson {
  /** The folder name, e.g. `05-watermarks`; lessons are listed in the order of these names. */
  id: string;
  structure: LessonStructure;
  /** Texts per language; English is always there. */
  texts: Partial<Record<Locale, LessonTexts>> & { en: LessonTexts };
}

export type ParseYaml = (text: string) => unknown;

function issuesText(file: string, issues: v.BaseIssue<unknown>[]): string[] {
  return issues.map((issue) => {
    const path = v.getDotPath(issue);
    return `${file}${path ? ` at ${path}` : ''}: ${issue.message}`;
  });
}

/** Every node id a step names (highlight, goals, probes), to check against its document. */
function namedNodes(step: LessonStep): string[] {
  const ids: (string | undefined)[] = [];
  if (step.highlight && 'node' in step.highlight) ids.push(step.highlight.node);
  for (const c of step.changes) ids.push(c.node);
  const goal = step.expect;
  if (goal) {
    if ('watermark' in goal) ids.push(goal.watermark.node);
    if ('fired' in goal) ids.push(goal.fired.node);
    if ('field' in goal) ids.push(goal.field.node);
    if ('sinkTotal' in goal) ids.push(goal.sinkTotal.sink);
  }
  const p = step.predict?.answer;
  if (p) {
    if ('node' in p) ids.push(p.node);
    if ('sink' in p) ids.push(p.sink);
  }
  for (const c of [...step.run, ...(step.predict?.reveal ?? [])])
    if (typeof c === 'object' && 'fail' in c) ids.push(c.fail);
  return ids.filter((id): id is string => id !== undefined);
}

/** The steps' texts in one language file agree with the structure. */
function textProblems(file: string, structure: LessonStructure, texts: LessonTexts): string[] {
  const out: string[] = [];
  const ids = new Set(structure.steps.map((s) => s.id));
  for (const id of Object.keys(texts.steps))
    if (!ids.has(id)) out.push(`${file}: step "${id}" is not a step of lesson.yaml`);
  for (const step of structure.steps) {
    const text = texts.steps[step.id];
    const at = `${file} at steps.${step.id}`;
    if (!text) {
      out.push(`${file}: step "${step.id}" has no text`);
      continue;
    }
    if (step.expect && !text.task) out.push(`${at}: a step with expect needs "task" (what to do)`);
    if (step.predict) {
      if (!text.question) out.push(`${at}: a prediction needs "question"`);
      if (!text.right || !text.wrong)
        out.push(`${at}: a prediction needs "right" and "wrong" (the explanations)`);
      for (const c of step.predict.choices ?? [])
        if (!text.choices?.[c.id]) out.push(`${at}: choice "${c.id}" has no text in "choices"`);
    }
  }
  return out;
}

/**
 * Reads one lesson from the raw text of its files (`lesson.yaml`, `en.yaml`, `zh-CN.yaml`).
 * Returns the lesson, or every problem found, each naming the file and the place in it.
 */
export function parseLesson(
  id: string,
  files: Record<string, string>,
  parseYaml: ParseYaml,
): { ok: true; lesson: Lesson } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const unreadable = Symbol('unreadable');
  const read = (file: string): unknown => {
    try {
      return parseYaml(files[file]);
    } catch (e) {
      problems.push(`${id}/${file}: not valid YAML: ${(e as Error).message.split('\n')[0]}`);
      return unreadable;
    }
  };
  if (!('lesson.yaml' in files)) return { ok: false, problems: [`${id}: lesson.yaml is missing`] };
  if (!('en.yaml' in files)) return { ok: false, problems: [`${id}: en.yaml is missing`] };
  const structureRaw = read('lesson.yaml');
  if (structureRaw === unreadable) return { ok: false, problems };
  const structure = v.safeParse(StructureSchema, structureRaw);
  if (!structure.success) problems.push(...issuesText(`${id}/lesson.yaml`, structure.issues));

  const texts: Partial<Record<Locale, LessonTexts>> = {};
  for (const { code } of LOCALES) {
    const file = `${code}.yaml`;
    if (!(file in files)) continue;
    const raw = read(file);
    if (raw === unreadable) continue;
    const parsed = v.safeParse(TextsSchema, raw);
    if (!parsed.success) problems.push(...issuesText(`${id}/${file}`, parsed.issues));
    else {
      texts[code] = parsed.output;
      if (structure.success)
        problems.push(...textProblems(`${id}/${file}`, structure.output, parsed.output));
    }
  }
  for (const file of Object.keys(files))
    if (file !== 'lesson.yaml' && !LOCALES.some((l) => `${l.code}.yaml` === file))
      problems.push(
        `${id}/${file}: unknown file; a lesson has lesson.yaml and ${LOCALES.map((l) => `${l.code}.yaml`).join(', ')}`,
      );

  if (structure.success) {
    const steps = structure.output.steps;
    const seen = new Set<string>();
    steps.forEach((step, i) => {
      if (seen.has(step.id))
        problems.push(`${id}/lesson.yaml at steps.${i}: step id "${step.id}" is used twice`);
      seen.add(step.id);
      try {
        const doc = documentForStep(steps, i);
        if (!doc) {
          problems.push(
            `${id}/lesson.yaml at steps.${i}: no step up to here loads a pipeline (add load)`,
          );
          return;
        }
        for (const node of namedNodes(step))
          if (!doc.nodes.some((n) => n.id === node))
            problems.push(
              `${id}/lesson.yaml at steps.${i} (${step.id}): node "${node}" is not in the pipeline; it has ${doc.nodes.map((n) => n.id).join(', ')}`,
            );
      } catch (e) {
        problems.push(`${id}/lesson.yaml at steps.${i} (${step.id}): ${(e as Error).message}`);
      }
    });
  }
  if (problems.length > 0 || !structure.success || !texts.en) return { ok: false, problems };
  return {
    ok: true,
    lesson: { id, structure: structure.output, texts: { ...texts, en: texts.en } },
  };
}

/** Groups `../../lessons/<id>/<file>` paths into lessons (in the order of their folder names). */
export function groupFiles(raw: Record<string, string>): [string, Record<string, string>][] {
  const byLesson = new Map<string, Record<string, string>>();
  for (const [path, text] of Object.entries(raw)) {
    const parts = path.split('/');
    const file = parts.at(-1)!;
    const lesson = parts.at(-2)!;
    byLesson.set(lesson, { ...byLesson.get(lesson), [file]: text });
  }
  return [...byLesson].sort(([a], [b]) => a.localeCompare(b));
}
