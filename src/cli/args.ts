import { parseArgs } from 'node:util';

export interface SimArgs {
  file: string;
  seed: number | undefined;
  until: number | undefined;
  out: string;
  trace: boolean;
  /** --fail-at <ms>[:node[:subtask]], repeatable: scheduled failures. */
  failAt: { at: number; node?: string; subtask?: number }[];
  /** --checkpoint-interval <ms>: enables checkpointing with this interval. */
  checkpointInterval: number | undefined;
  /** --explain <node>: explain each open window of this window operator at the end. */
  explain: string | undefined;
  /** --savepoint-at <ms>, repeatable: take a savepoint at this processing time, write it to --out. */
  savepointAt: number[];
  /** --from-savepoint <file>: start from a savepoint file (state matched by node id). */
  fromSavepoint: string | undefined;
  /** --allow-non-restored-state: start even if some savepoint state has no node to go to. */
  allowNonRestoredState: boolean;
}

export const USAGE =
  'usage: npm run sim -- <pipeline.json> [--seed N] [--until ms] [--out dir] [--trace] [--checkpoint-interval ms] [--fail-at ms[:node[:subtask]]]... [--explain node]\n' +
  '         [--savepoint-at ms]... [--from-savepoint file [--allow-non-restored-state]]\n' +
  '       npm run sim -- export <pipeline.json> --to sql|java [--out dir]';

/** Parses the command line of `npm run sim`; returns an error message instead of throwing. */
export function parseSimArgs(
  argv: string[],
): { ok: true; args: SimArgs } | { ok: false; message: string } {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        seed: { type: 'string' },
        until: { type: 'string' },
        out: { type: 'string', default: 'out' },
        trace: { type: 'boolean', default: false },
        'fail-at': { type: 'string', multiple: true },
        'checkpoint-interval': { type: 'string' },
        explain: { type: 'string' },
        'savepoint-at': { type: 'string', multiple: true },
        'from-savepoint': { type: 'string' },
        'allow-non-restored-state': { type: 'boolean', default: false },
      },
    });
  } catch (e) {
    return { ok: false, message: `${(e as Error).message}\n${USAGE}` };
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1)
    return { ok: false, message: `expected one pipeline file\n${USAGE}` };
  const int = (name: string, v: string | undefined): number | undefined | string => {
    if (v === undefined) return undefined;
    const n = Number(v);
    return Number.isInteger(n) && n >= 0
      ? n
      : `--${name} must be a whole number of 0 or more, got "${v}"`;
  };
  const seed = int('seed', values.seed);
  const until = int('until', values.until);
  if (typeof seed === 'string') return { ok: false, message: seed };
  if (typeof until === 'string') return { ok: false, message: until };
  const interval = int('checkpoint-interval', values['checkpoint-interval']);
  if (typeof interval === 'string') return { ok: false, message: interval };
  if (interval === 0) return { ok: false, message: '--checkpoint-interval must be at least 1 ms' };
  const failAt: SimArgs['failAt'] = [];
  for (const f of values['fail-at'] ?? []) {
    const m = /^(\d+)(?::([A-Za-z][\w-]*)(?::(\d+))?)?$/.exec(f);
    if (!m)
      return {
        ok: false,
        message: `--fail-at must be <ms>, <ms>:<node> or <ms>:<node>:<subtask>, got "${f}"`,
      };
    failAt.push({
      at: Number(m[1]),
      ...(m[2] ? { node: m[2] } : {}),
      ...(m[3] ? { subtask: Number(m[3]) } : {}),
    });
  }
  const savepointAt: number[] = [];
  for (const text of values['savepoint-at'] ?? []) {
    const at = int('savepoint-at', text);
    if (typeof at === 'string') return { ok: false, message: at };
    if (at !== undefined) savepointAt.push(at);
  }
  if (values['allow-non-restored-state'] && values['from-savepoint'] === undefined)
    return { ok: false, message: '--allow-non-restored-state needs --from-savepoint <file>' };
  return {
    ok: true,
    args: {
      file: positionals[0],
      seed,
      until,
      out: values.out as string,
      trace: !!values.trace,
      failAt,
      checkpointInterval: interval,
      explain: values.explain,
      savepointAt: [...new Set(savepointAt)].sort((a, b) => a - b),
      fromSavepoint: values['from-savepoint'],
      allowNonRestoredState: !!values['allow-non-restored-state'],
    },
  };
}
