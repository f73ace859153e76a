import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The English texts of the UI, found in the sources: every `t('…')` literal, and the texts that
 * forms and tables keep as data (`label: '…'`, `help: '…'`, …) for the UI to translate when it
 * shows them. Shared by the unit test that every one has a Chinese entry and by the script that
 * lists missing entries.
 */
const CALL = /\bt\(\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1\s*[,)]/g;
const DATA =
  /\b(label|help|description|title|summary|empty|none|itemLabel|placeholder|unit|parallelism)\s*:\s*(['"`])((?:\\.|(?!\2)[^\\])*)\2/g;
/** Data texts are only collected where the UI translates them at display time. */
const DATA_DIRS = [
  'src/lib/ui/editor/forms',
  'src/lib/ui/editor/icons.ts',
  'src/lib/ui/run/format.ts',
  'src/lib/ui/run/RunPanel.svelte',
  'src/lib/ui/editor/EdgeInspector.svelte',
];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.(ts|svelte)$/.test(name) ? [path] : [];
  });
}

function unescape(s: string): string {
  return s.replace(/\\(['"`\\])/g, '$1').replace(/\\n/g, '\n');
}

export interface FoundText {
  text: string;
  file: string;
}

export function sourceTexts(root: string): FoundText[] {
  const out: FoundText[] = [];
  for (const path of files(join(root, 'src'))) {
    const file = relative(root, path);
    const src = readFileSync(path, 'utf8');
    for (const m of src.matchAll(CALL)) {
      if (m[1] === '`' && m[2].includes('${')) continue;
      out.push({ text: unescape(m[2]), file });
    }
    if (DATA_DIRS.some((d) => file.startsWith(d))) {
      for (const m of src.matchAll(DATA)) {
        if (m[2] === '`' && m[3].includes('${')) continue;
        out.push({ text: unescape(m[3]), file });
      }
    }
  }
  return out;
}
