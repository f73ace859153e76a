export {
  LOCALES,
  hasTranslation,
  loadLocale,
  locale,
  localeReady,
  setLocale,
  t,
} from './i18n.svelte';
export type { Locale } from './i18n.svelte';
