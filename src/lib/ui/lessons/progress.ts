import { getSetting, openStreamlabDb, setSetting, type StreamlabDatabase } from '../../storage/db';

/** Where a learner is in one lesson. */
export interface LessonProgress {
  /** The step shown last (index). */
  step: number;
  /** Ids of the steps whose task or prediction is done. */
  done: string[];
  /** Prediction results by step id: right (true) or wrong (false). */
  answers: Record<string, boolean>;
  /** Every step was reached and the lesson was finished. */
  finished: boolean;
  /** The library id of the document the lesson works on. */
  docId?: string | null;
}

export interface Progress {
  /** The lesson open when the page was left. */
  current: string | null;
  lessons: Record<string, LessonProgress>;
}

/** One settings entry of the app's database: no new object store, no version bump. */
const KEY = 'lessonProgress';

export function emptyProgress(): Progress {
  return { current: null, lessons: {} };
}

let db: Promise<StreamlabDatabase> | null = null;
function database(): Promise<StreamlabDatabase> {
  db ??= openStreamlabDb();
  return db;
}

export async function readProgress(): Promise<Progress> {
  try {
    const stored = await getSetting<Progress>(await database(), KEY);
    return stored && typeof stored === 'object' && stored.lessons ? stored : emptyProgress();
  } catch {
    return emptyProgress();
  }
}

export async function writeProgress(progress: Progress): Promise<void> {
  try {
    await setSetting(await database(), KEY, JSON.parse(JSON.stringify(progress)));
  } catch {
    // Without IndexedDB progress lasts for this page only.
  }
}
