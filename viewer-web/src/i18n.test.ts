import { describe, expect, it } from 'vitest';
import {
  CATALOGUES,
  chooseLocale,
  I18n,
  LOCALE_STORAGE_KEY,
  LOCALES,
  translate,
  type Catalogues,
  type LocaleStore,
  type MessageKey,
} from './i18n';

class MemoryStore implements LocaleStore {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

describe('catalogues', () => {
  it('haveEveryKeyInEveryLocale', () => {
    const reference = Object.keys(CATALOGUES['zh-CN']).sort();
    expect(reference.length).toBeGreaterThan(0);
    for (const locale of LOCALES) {
      expect(Object.keys(CATALOGUES[locale]).sort(), locale).toEqual(reference);
    }
  });

  it('haveNoBlankMessages', () => {
    for (const locale of LOCALES) {
      for (const [key, message] of Object.entries(CATALOGUES[locale])) {
        expect(message.trim(), `${locale} ${key}`).not.toBe('');
      }
    }
  });
});

describe('translate', () => {
  it('usesTheRequestedLocale', () => {
    expect(translate('nav.worklist', 'zh-CN')).toBe('工作列表');
    expect(translate('nav.worklist', 'en')).toBe('Worklist');
  });

  it('fallsBackToChineseWhenAMessageIsMissing', () => {
    const catalogues: Catalogues = {
      'zh-CN': { 'nav.admin': '管理' },
      en: {},
    };
    expect(translate('nav.admin', 'en', catalogues)).toBe('管理');
  });

  it('showsTheKeyWhenNoCatalogueHasIt', () => {
    const catalogues: Catalogues = { 'zh-CN': {}, en: {} };
    expect(translate('nav.admin', 'en', catalogues)).toBe('nav.admin');
  });
});

describe('chooseLocale', () => {
  it('prefersTheStoredChoice', () => {
    expect(chooseLocale('en', ['zh-CN'])).toBe('en');
    expect(chooseLocale('zh-CN', ['en-US'])).toBe('zh-CN');
  });

  it('ignoresAStoredValueItDoesNotKnow', () => {
    expect(chooseLocale('fr', ['en-GB'])).toBe('en');
  });

  it('takesTheFirstBrowserLanguageItHasACatalogueFor', () => {
    expect(chooseLocale(null, ['fr-FR', 'en-US', 'zh-CN'])).toBe('en');
    expect(chooseLocale(null, ['zh-TW', 'en'])).toBe('zh-CN');
    expect(chooseLocale(undefined, ['ZH-hans-CN'])).toBe('zh-CN');
  });

  it('defaultsToChinese', () => {
    expect(chooseLocale(null, [])).toBe('zh-CN');
    expect(chooseLocale(null, ['de-DE', 'ja'])).toBe('zh-CN');
  });
});

describe('I18n', () => {
  it('startsFromTheStoredChoice', () => {
    const store = new MemoryStore();
    store.setItem(LOCALE_STORAGE_KEY, 'en');
    expect(new I18n(store, ['zh-CN']).t('nav.clinic')).toBe('Clinic');
  });

  it('remembersAndAnnouncesALanguageSwitch', () => {
    const store = new MemoryStore();
    const i18n = new I18n(store, []);
    const heard: string[] = [];
    i18n.onChange((locale) => heard.push(locale));

    i18n.setLocale('en');

    expect(i18n.t('nav.clinic' satisfies MessageKey)).toBe('Clinic');
    expect(store.getItem(LOCALE_STORAGE_KEY)).toBe('en');
    expect(heard).toEqual(['en']);
  });

  it('keepsWorkingWhenStorageRefuses', () => {
    const refusing: LocaleStore = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    const i18n = new I18n(refusing, ['en']);
    expect(i18n.locale).toBe('en');
    i18n.setLocale('zh-CN');
    expect(i18n.t('nav.clinic')).toBe('诊所');
  });
});
