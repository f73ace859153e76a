import { openStreamlabDb, loadSavepoint, saveSavepoint } from '../../storage/db';
import { parseSavepointFile, savepointFileText } from '../../engine/checkpoints/savepointFile';
import { downloadText } from '../shared/download';

/**
 * Savepoints as files, so that one taken in the browser can start a run of the CLI
 * (`--from-savepoint`) and one the CLI wrote (`--savepoint-at`) can start a run here. The format
 * is docs/pipeline-format.md, "Savepoint files".
 */

/** Offers a stored savepoint as a download; false if it is no longer stored. */
export async function downloadSavepoint(id: number): Promise<boolean> {
  const sp = await loadSavepoint(await openStreamlabDb(), id);
  if (!sp) return false;
  const { id: _id, createdAt: _at, docName: _name, bytes: _bytes, ...data } = sp;
  downloadText(`savepoint-${id}.json`, savepointFileText(data), 'application/json');
  return true;
}

/** Keeps a savepoint file in the browser's list; the problems if the file is not one. */
export async function importSavepoint(
  file: File,
  createdAt: number,
): Promise<{ ok: true; id: number } | { ok: false; problems: string[] }> {
  const parsed = parseSavepointFile(await file.text());
  if (!parsed.ok) return parsed;
  const sp = parsed.savepoint;
  const bytes = Object.values(sp.subtasks).reduce((a, b) => a + b.byteLength, 0);
  const id = await saveSavepoint(await openStreamlabDb(), {
    ...sp,
    createdAt,
    docName: file.name,
    bytes,
  });
  return { ok: true, id };
}
