import i18next from 'i18next';

/**
 * The UI's language. English text is its own key (gettext style): `t('Play')` shows "Play" in
 * English and the entry for "Play" in a translation. Translations live in one JSON file per area
 * (`zh-CN/run.json`, `zh-CN/editor.json`, …) so that people working on different views do not
 * edit the same file. English files hold only plural forms (`"{{count}} records_one"`).
 */
export const LOCALES = [
  { code: 'en', label: 'English' },
  { code: 'zh-CN', label: '简体中文' },
] as const;
export type Locale = (typeof LOCALES)[number]['code'];

type Catalog = Record<string, string>;
const files = import.meta.glob<Catalog>('./*/*.json', { eager: true, import: 'default' });

/** Every file of a language folder merged into one table. */
function catalogs(): Record<Locale, Catalog> {
  const out: Record<Locale, Catalog> = { en: {}, 'zh-CN': {} };
  for (const [path, table] of Object.entries(files)) {
    const code = path.split('/')[1] as Locale;
    if (code in out) Object.assign(out[code], table);
  }
  return out;
}

const tables = catalogs();
void i18next.init({
  lng: 'en',
  resources: Object.fromEntries(
    Object.entries(tables).map(([code, table]) => [code, { translation: table }]),
  ),
  keySeparator: false,
  nsSeparator: false,
  fallbackLng: false,
  // Svelte escapes text itself.
  interpolation: { escapeValue: false },
  initAsync: false,
});

const KEY = 'streamlab.locale';

/** The remembered choice, else the browser's language. */
function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(KEY);
    if (saved && LOCALES.some((l) => l.code === saved)) return saved as Locale;
  } catch {
    // Storage may be blocked; fall through to the browser's language.
  }
  const langs = typeof navigator === 'undefined' ? [] : navigator.languages;
  return langs.some((l) => l.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en';
}

let current = $state<Locale>(initialLocale());

export function locale(): Locale {
  return current;
}

export function setLocale(code: Locale) {
  current = code;
  try {
    localStorage.setItem(KEY, code);
  } catch {
    // The choice then lasts for this page only.
  }
}

/**
 * Translate an English text. Reading `current` makes every template that calls `t` follow the
 * language switch. `{{name}}` placeholders are filled from `vars`; `count` selects plural forms.
 */
export function t(text: string, vars?: Record<string, unknown>): string {
  return i18next.t(text, { ...vars, lng: current }) as string;
}

/** Whether a translation exists (tests use it to find texts that leak untranslated). */
export function hasTranslation(text: string, code: Locale): boolean {
  return text in tables[code];
}
