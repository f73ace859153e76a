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
// English needs only its plural forms, so it comes with the page; the Chinese tables (about
// 40 KB gzipped) are fetched when that language is first chosen, which keeps the first load small.
const english = import.meta.glob<Catalog>('./en/*.json', { eager: true, import: 'default' });
const lazy: Record<Exclude<Locale, 'en'>, Record<string, () => Promise<Catalog>>> = {
  'zh-CN': import.meta.glob<Catalog>('./zh-CN/*.json', { import: 'default' }),
};

const tables: Record<Locale, Catalog> = {
  en: Object.assign({}, ...Object.values(english)),
  'zh-CN': {},
};
const loaded = new Map<Locale, Promise<void>>([['en', Promise.resolve()]]);

void i18next.init({
  lng: 'en',
  resources: { en: { translation: tables.en } },
  keySeparator: false,
  nsSeparator: false,
  fallbackLng: false,
  // Svelte escapes text itself.
  interpolation: { escapeValue: false },
  initAsync: false,
});

/** Fetch a language's tables once (every area's file merged into one). */
export function loadLocale(code: Locale): Promise<void> {
  let done = loaded.get(code);
  if (!done) {
    const files = Object.values(lazy[code as Exclude<Locale, 'en'>]);
    done = Promise.all(files.map((load) => load())).then((parts) => {
      Object.assign(tables[code], ...parts);
      i18next.addResourceBundle(code, 'translation', tables[code], true, true);
    });
    loaded.set(code, done);
  }
  return done;
}

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

const initial = initialLocale();
let current = $state<Locale>('en');

/** Resolves once the remembered (or the browser's) language can be shown; mount after it. */
export const localeReady: Promise<void> = loadLocale(initial).then(() => {
  current = initial;
});

export function locale(): Locale {
  return current;
}

/** Switch language once its tables are in, so no view shows half of each. */
export async function setLocale(code: Locale): Promise<void> {
  try {
    localStorage.setItem(KEY, code);
  } catch {
    // The choice then lasts for this page only.
  }
  await loadLocale(code);
  current = code;
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
