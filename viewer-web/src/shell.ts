/**
 * The application frame: title, language switch, navigation between the screens,
 * and the current screen. Screens that are not built yet say so plainly.
 * Routes are URL hashes (#/worklist) so the page works from any path it is served under.
 */
import { LOCALE_NAMES, LOCALES, type I18n, type MessageKey } from './i18n';

export const SCREENS = ['worklist', 'clinic', 'admin'] as const;
export type Screen = (typeof SCREENS)[number];
export const DEFAULT_SCREEN: Screen = 'worklist';

const SCREEN_MESSAGES: Readonly<Record<Screen, { name: MessageKey; purpose: MessageKey }>> = {
  worklist: { name: 'nav.worklist', purpose: 'screen.worklist.purpose' },
  clinic: { name: 'nav.clinic', purpose: 'screen.clinic.purpose' },
  admin: { name: 'nav.admin', purpose: 'screen.admin.purpose' },
};

/** The screen a location hash names; the worklist for anything else. */
export function screenFromHash(hash: string): Screen {
  const name = hash.replace(/^#\/?/, '');
  return (SCREENS as readonly string[]).includes(name) ? (name as Screen) : DEFAULT_SCREEN;
}

/** Draws the frame into root and keeps it current; returns a function that stops it. */
export function mountShell(root: HTMLElement, i18n: I18n, window: Window): () => void {
  const doc = root.ownerDocument;
  const render = () => {
    const screen = screenFromHash(window.location.hash);
    doc.documentElement.lang = i18n.locale;
    doc.title = i18n.t('app.title');
    root.replaceChildren(header(doc, i18n), navigation(doc, i18n, screen), screenView(doc, i18n, screen));
  };
  const stopListening = i18n.onChange(render);
  window.addEventListener('hashchange', render);
  render();
  return () => {
    stopListening();
    window.removeEventListener('hashchange', render);
  };
}

function header(doc: Document, i18n: I18n): HTMLElement {
  const title = element(doc, 'h1', i18n.t('app.title'));
  title.append(' ', element(doc, 'span', 'Qianli', 'brand'));

  const switcher = element(doc, 'div', '', 'language');
  switcher.setAttribute('role', 'group');
  switcher.setAttribute('aria-label', i18n.t('app.language'));
  for (const locale of LOCALES) {
    const button = element(doc, 'button', LOCALE_NAMES[locale]);
    button.setAttribute('type', 'button');
    button.setAttribute('lang', locale);
    button.setAttribute('aria-pressed', String(locale === i18n.locale));
    button.addEventListener('click', () => i18n.setLocale(locale));
    switcher.append(button);
  }

  const bar = element(doc, 'header', '', 'app-header');
  bar.append(title, switcher);
  return bar;
}

function navigation(doc: Document, i18n: I18n, current: Screen): HTMLElement {
  const nav = element(doc, 'nav', '', 'app-nav');
  nav.setAttribute('aria-label', i18n.t('nav.label'));
  const list = element(doc, 'ul', '');
  for (const screen of SCREENS) {
    const link = element(doc, 'a', i18n.t(SCREEN_MESSAGES[screen].name));
    link.setAttribute('href', `#/${screen}`);
    if (screen === current) {
      link.setAttribute('aria-current', 'page');
    }
    const item = element(doc, 'li', '');
    item.append(link);
    list.append(item);
  }
  nav.append(list);
  return nav;
}

function screenView(doc: Document, i18n: I18n, screen: Screen): HTMLElement {
  const main = element(doc, 'main', '', 'app-screen');
  main.dataset.screen = screen;
  const status = element(doc, 'p', i18n.t('screen.notAvailable'), 'not-available');
  status.setAttribute('role', 'status');
  main.append(
    element(doc, 'h2', i18n.t(SCREEN_MESSAGES[screen].name)),
    element(doc, 'p', i18n.t(SCREEN_MESSAGES[screen].purpose)),
    status,
  );
  return main;
}

function element<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  text: string,
  className?: string,
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  if (text !== '') {
    node.textContent = text;
  }
  if (className !== undefined) {
    node.className = className;
  }
  return node;
}
