/**
 * Lessons as data: every folder under src/lessons/ is a lesson (see docs/lessons.md). They are
 * loaded on demand (the YAML parser and the texts stay out of the first load).
 */
import { groupFiles, parseLesson, type Lesson } from './parse';

export type { Lesson } from './parse';
export type * from './schema';
export {
  probe,
  goalReached,
  sameAnswer,
  type RunView,
  type Answer,
  type GoalContext,
} from './checks';
export { documentForStep, applyChanges, loadedDocument, readField } from './document';

const files = import.meta.glob<string>('../../lessons/*/*.yaml', {
  query: '?raw',
  import: 'default',
});

/** Reads and checks every lesson. A broken lesson is left out and its problems are returned. */
export async function loadLessons(): Promise<{ lessons: Lesson[]; problems: string[] }> {
  const [{ parse }, texts] = await Promise.all([
    import('yaml'),
    Promise.all(Object.entries(files).map(async ([path, load]) => [path, await load()] as const)),
  ]);
  const lessons: Lesson[] = [];
  const problems: string[] = [];
  for (const [id, lessonFiles] of groupFiles(Object.fromEntries(texts))) {
    const result = parseLesson(id, lessonFiles, parse);
    if (result.ok) lessons.push(result.lesson);
    else problems.push(...result.problems);
  }
  return { lessons, problems };
}
