export { LOCALES, hasTranslation, locale, setLocale, t } from './i18n.svelte';
export type { Locale } from './i18n.svelte';
