import { t } from '../i18n';

/**
 * Sentences made by the pure-TypeScript layers (validation, the engine) are English with values
 * in them. Their set is closed, so the UI translates them by matching a sentence against English
 * templates (`{{name}}` placeholders) and showing the template's translation with the matched
 * values. A sentence that no template matches is shown as it is.
 */
export interface SentenceTable {
  /** Placeholders whose values are words or sentences to translate too. */
  translated?: ReadonlySet<string>;
  /** Placeholders that hold one token (an id, a number, a code word): no spaces. */
  tokens?: ReadonlySet<string>;
}

interface Compiled {
  template: string;
  names: string[];
  re: RegExp;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const literalLength = (s: string) => s.replace(/\{\{\w+\}\}/g, '').length;

/** A translator for one family of sentences. */
export function sentenceTranslator(
  templates: readonly string[],
  table: SentenceTable,
  word: (value: string) => string = t,
): (sentence: string) => string | null {
  const compiled: Compiled[] = [...templates]
    // The most specific (most literal text) first.
    .sort((a, b) => literalLength(b) - literalLength(a))
    .map((template) => {
      const names: string[] = [];
      const source = template
        .split(/(\{\{\w+\}\})/)
        .map((part) => {
          const m = /^\{\{(\w+)\}\}$/.exec(part);
          if (!m) return escape(part);
          names.push(m[1]);
          return table.tokens?.has(m[1]) ? '(\\S+?)' : '(.+?)';
        })
        .join('');
      return { template, names, re: new RegExp(`^${source}$`, 's') };
    });
  return (sentence) => {
    for (const { template, names, re } of compiled) {
      const m = re.exec(sentence);
      if (!m) continue;
      const vars: Record<string, string> = {};
      names.forEach((name, i) => {
        vars[name] = table.translated?.has(name) ? word(m[i + 1]) : m[i + 1];
      });
      return t(template, vars);
    }
    return null;
  };
}
