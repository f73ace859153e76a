/**
 * A savepoint as a file (docs/pipeline-format.md, "Savepoint files"): the CLI writes one with
 * `--savepoint-at` and starts from one with `--from-savepoint`. JSON, with each subtask's
 * checksummed state bytes (format.ts) in base64, so the file is plain text that diff and git take.
 */
import * as v from 'valibot';
import type { SavepointData } from './savepoint';

/** Version of the savepoint file; a change that old readers cannot take bumps it. */
export const SAVEPOINT_FILE_FORMAT = 1;

const NodeSchema = v.object({
  id: v.string(),
  kind: v.string(),
  parallelism: v.pipe(v.number(), v.integer(), v.minValue(1)),
  inputs: v.string(),
});

const FileSchema = v.object({
  streamlabSavepoint: v.literal(SAVEPOINT_FILE_FORMAT, 'must be 1 (the only savepoint format)'),
  time: v.pipe(v.number(), v.minValue(0)),
  eventCount: v.pipe(v.number(), v.integer(), v.minValue(0)),
  nodes: v.array(NodeSchema),
  subtasks: v.record(
    v.pipe(v.string(), v.regex(/^.+#\d+$/, 'must be <node>#<subtask>')),
    v.pipe(v.string(), v.base64('must be base64 text')),
  ),
});

function toBase64(bytes: Uint8Array): string {
  let text = '';
  // In pieces: String.fromCharCode takes its arguments on the stack.
  for (let i = 0; i < bytes.length; i += 0x8000)
    text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

function fromBase64(text: string): Uint8Array {
  const raw = atob(text);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

/** The file's text for a savepoint. */
export function savepointFileText(sp: SavepointData): string {
  const subtasks: Record<string, string> = {};
  for (const [key, bytes] of Object.entries(sp.subtasks)) subtasks[key] = toBase64(bytes);
  const file: v.InferOutput<typeof FileSchema> = {
    streamlabSavepoint: SAVEPOINT_FILE_FORMAT,
    time: sp.time,
    eventCount: sp.eventCount,
    nodes: sp.nodes,
    subtasks,
  };
  return JSON.stringify(file, null, 1) + '\n';
}

/**
 * Reads a savepoint file; on bad input, the problems, each naming where in the file it is. The
 * state bytes themselves are checked later, by their checksums, when a run restores them.
 */
export function parseSavepointFile(
  text: string,
): { ok: true; savepoint: SavepointData } | { ok: false; problems: string[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, problems: [`not JSON: ${(e as Error).message}`] };
  }
  const parsed = v.safeParse(FileSchema, raw);
  if (!parsed.success)
    return {
      ok: false,
      problems: parsed.issues.map((issue) => {
        const path = v.getDotPath(issue);
        return `${path ? `at ${path}: ` : ''}${issue.message}`;
      }),
    };
  const f = parsed.output;
  const subtasks: Record<string, Uint8Array> = {};
  for (const [key, b64] of Object.entries(f.subtasks)) subtasks[key] = fromBase64(b64);
  return {
    ok: true,
    savepoint: { time: f.time, eventCount: f.eventCount, nodes: f.nodes, subtasks },
  };
}
