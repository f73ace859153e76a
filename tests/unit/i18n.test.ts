import { describe, expect, it } from 'vitest';
import { hasTranslation, locale, setLocale, t } from '../../src/lib/i18n';

describe('i18n', () => {
  it('shows English text as it is and fills placeholders', async () => {
    await setLocale('en');
    expect(locale()).toBe('en');
    expect(t('Language')).toBe('Language');
    expect(t('Step to {{time}}', { time: '5 s' })).toBe('Step to 5 s');
  });

  it('shows the Chinese entry when the language is Simplified Chinese', async () => {
    await setLocale('zh-CN');
    expect(t('Language')).toBe('语言');
    expect(hasTranslation('Language', 'zh-CN')).toBe(true);
    expect(hasTranslation('No such text', 'zh-CN')).toBe(false);
    await setLocale('en');
  });
});
