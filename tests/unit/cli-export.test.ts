import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FlinkSQL } from 'dt-sql-parser';
import { parse as parseJava } from 'java-parser';
import { describe, expect, it } from 'vitest';
import { parseExportArgs, runExport } from '../../src/cli/export';

/** Runs `export` in-process and collects what it prints. */
function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = runExport(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  return { code, stdout, stderr };
}

describe('sim export command line', () => {
  it('parses --to and --out and rejects a missing or unknown target', () => {
    expect(parseExportArgs(['p.json', '--to', 'sql'])).toEqual({
      ok: true,
      args: { file: 'p.json', to: 'sql', out: null },
    });
    expect(parseExportArgs(['p.json', '--to', 'java', '--out', 'dir'])).toEqual({
      ok: true,
      args: { file: 'p.json', to: 'java', out: 'dir' },
    });
    expect(parseExportArgs(['p.json'])).toMatchObject({ ok: false });
    expect(parseExportArgs(['p.json', '--to', 'python'])).toMatchObject({
      ok: false,
      message: expect.stringContaining('--to must be sql or java, got "python"'),
    });
    expect(parseExportArgs(['--to', 'sql']).ok).toBe(false);
  });

  it('prints the SQL script to stdout and the notes to stderr', () => {
    const r = run(['docs/examples/late-data.json', '--to', 'sql']);
    expect(r.code).toBe(0);
    expect(new FlinkSQL().validate(r.stdout)).toEqual([]);
    expect(r.stdout).toContain("TUMBLE(TABLE `script`, DESCRIPTOR(ts), INTERVAL '5' SECOND)");
    expect(r.stderr).toBe(
      [
        'Flink SQL: 3 place(s) where the export is not an exact mapping:',
        '  - Timeline source "Script" (node script): a scripted timeline has no SQL source: exported as a filesystem CSV table (write the rows listed in the comment to the path); its scripted watermarks and clock advances are not exported, the table declares ascending timestamps instead',
        '  - Tumbling window "5 s sum" (node window): the late-data side output is not exported (SQL drops late rows), nor what reads it (late)',
        '  - Table sink "Late data" (node late): not exported: it follows the late-data side output of window, which SQL does not have',
        '',
      ].join('\n'),
    );
  });

  it('writes the Java job as a Maven project with --out', () => {
    const out = mkdtempSync(join(tmpdir(), 'export-'));
    const r = run(['docs/examples/parallel.json', '--to', 'java', '--out', out]);
    expect(r.code).toBe(0);
    const javaPath = join(out, 'src/main/java/streamlab/Job.java');
    expect(r.stdout).toBe(`${javaPath}\n${join(out, 'pom.xml')}\n`);
    const java = readFileSync(javaPath, 'utf8');
    expect(() => parseJava(java)).not.toThrow();
    expect(java).toContain('.uid("counts")');
    expect(readFileSync(join(out, 'pom.xml'), 'utf8')).toContain('<flink.version>');
    expect(r.stderr).toContain('Flink DataStream (Java): 1 place(s)');
    expect(r.stderr).toContain('node events');
  });

  it('without --out, several files are printed one after another with their paths', () => {
    const r = run(['docs/examples/clicks.json', '--to', 'java']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^==> src\/main\/java\/streamlab\/Job\.java <==\npackage streamlab;/);
    expect(r.stdout).toContain('\n==> pom.xml <==\n<?xml');
  });

  it('an invalid document exits 1 with its validation messages and writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'export-'));
    const doc = JSON.parse(readFileSync('docs/examples/late-data.json', 'utf8'));
    doc.nodes[2].config.size = -5;
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(doc));
    const r = run([join(dir, 'bad.json'), '--to', 'sql', '--out', join(dir, 'out')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('bad.json: node window, config.size: must be at least 1 ms');
    expect(existsSync(join(dir, 'out'))).toBe(false);
    expect(run(['does-not-exist.json', '--to', 'sql']).code).toBe(2);
  });

  it('npm run sim -- export goes through the sim entry point', { timeout: 30_000 }, () => {
    const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
    const r = spawnSync(
      tsx,
      ['src/cli/sim.ts', 'export', 'docs/examples/clicks.json', '--to', 'sql'],
      { encoding: 'utf8' },
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("WATERMARK FOR ts AS ts - INTERVAL '2.001' SECOND");
    expect(r.stderr).toContain('Flink SQL: ');
    const bad = spawnSync(tsx, ['src/cli/sim.ts', 'export', 'docs/examples/clicks.json'], {
      encoding: 'utf8',
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--to is required');
  });
});
