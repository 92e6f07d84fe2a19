/**
 * Messages shown to people, in Simplified Chinese (the default) and English.
 *
 * zh-CN is the reference catalogue: its keys are the message keys, and any message
 * missing from another catalogue falls back to zh-CN. The locale comes from the
 * person's stored choice, else from the browser's languages, else zh-CN.
 */

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** Each language's own name for itself, shown in the language switch whatever the locale. */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = {
  'zh-CN': '中文',
  en: 'English',
};

const zhCN = {
  'app.title': '千里远程影像',
  'app.language': '语言',
  'nav.label': '主导航',
  'nav.worklist': '工作列表',
  'nav.clinic': '诊所',
  'nav.admin': '管理',
  'screen.worklist.purpose': '放射科医生的阅片队列。',
  'screen.clinic.purpose': '诊所查看已发送的检查和已签发的报告。',
  'screen.admin.purpose': '医院、网关、审计和服务覆盖统计。',
  'screen.notAvailable': '此功能尚未提供。',
} as const;

export type MessageKey = keyof typeof zhCN;
export type Catalogue = Readonly<Partial<Record<MessageKey, string>>>;
export type Catalogues = Readonly<Record<Locale, Catalogue>>;

const en: Catalogue = {
  'app.title': 'Qianli Remote Imaging',
  'app.language': 'Language',
  'nav.label': 'Main navigation',
  'nav.worklist': 'Worklist',
  'nav.clinic': 'Clinic',
  'nav.admin': 'Admin',
  'screen.worklist.purpose': 'The radiologists’ reading queue.',
  'screen.clinic.purpose': 'Studies a clinic has sent and the reports signed for them.',
  'screen.admin.purpose': 'Hospitals, gateways, the audit trail and coverage statistics.',
  'screen.notAvailable': 'Not available yet.',
};

export const CATALOGUES: Catalogues = { 'zh-CN': zhCN, en };

/** The message in the given locale, else in zh-CN, else the key itself (visible, never blank). */
export function translate(
  key: MessageKey,
  locale: Locale,
  catalogues: Catalogues = CATALOGUES,
): string {
  return catalogues[locale][key] ?? catalogues[DEFAULT_LOCALE][key] ?? key;
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * The locale to start with: a supported stored choice, else the first browser language
 * we have a catalogue for (any Chinese variant reads zh-CN, any English variant en),
 * else zh-CN.
 */
export function chooseLocale(stored: string | null | undefined, languages: readonly string[]): Locale {
  if (isLocale(stored)) {
    return stored;
  }
  for (const language of languages) {
    const primary = language.toLowerCase().split('-')[0];
    if (primary === 'zh') {
      return 'zh-CN';
    }
    if (primary === 'en') {
      return 'en';
    }
  }
  return DEFAULT_LOCALE;
}

export const LOCALE_STORAGE_KEY = 'qianli.locale';

/** Where the chosen locale is kept; window.localStorage in the browser. */
export interface LocaleStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

type Listener = (locale: Locale) => void;

/** The current locale and its translations; one per page. */
export class I18n {
  #locale: Locale;
  readonly #store: LocaleStore | undefined;
  readonly #listeners = new Set<Listener>();

  constructor(store: LocaleStore | undefined, languages: readonly string[]) {
    this.#store = store;
    this.#locale = chooseLocale(readStored(store), languages);
  }

  get locale(): Locale {
    return this.#locale;
  }

  t(key: MessageKey): string {
    return translate(key, this.#locale);
  }

  /** Switches the language, remembers the choice and tells every listener. */
  setLocale(locale: Locale): void {
    this.#locale = locale;
    try {
      this.#store?.setItem(LOCALE_STORAGE_KEY, locale);
    } catch {
      // Storage can be disabled (private mode, policy); the choice then lasts for this page only.
    }
    for (const listener of this.#listeners) {
      listener(locale);
    }
  }

  onChange(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

function readStored(store: LocaleStore | undefined): string | null {
  try {
    return store?.getItem(LOCALE_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

let page: I18n | undefined;

/** The page's one I18n, started from localStorage and navigator.languages. */
export function i18n(): I18n {
  page ??= new I18n(browserStore(), browserLanguages());
  return page;
}

/** The message for key in the page's current locale (falling back to zh-CN). */
export function t(key: MessageKey): string {
  return i18n().t(key);
}

function browserStore(): LocaleStore | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

function browserLanguages(): readonly string[] {
  const nav = globalThis.navigator;
  if (nav === undefined) {
    return [];
  }
  return nav.languages?.length ? nav.languages : [nav.language];
}
