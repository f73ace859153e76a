import { parseArgs } from 'node:util';

export interface SimArgs {
  file: string;
  seed: number | undefined;
  until: number | undefined;
  out: string;
  trace: boolean;
}

export const USAGE =
  'usage: npm run sim -- <pipeline.json> [--seed N] [--until ms] [--out dir] [--trace]\n' +
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
  return {
    ok: true,
    args: { file: positionals[0], seed, until, out: values.out as string, trace: !!values.trace },
  };
}
