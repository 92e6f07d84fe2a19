/**
 * The application frame: title, the person and logout, language switch, navigation between the
 * screens their roles allow, and the current screen. Routes are URL hashes (#/worklist,
 * #/study/{StudyInstanceUID}, #/clinic, #/admin) so the page works under any path prefix.
 * Screens not built yet say so plainly.
 */
import type { Person, Role } from './auth';
import { LOCALE_NAMES, LOCALES, type I18n, type MessageKey } from './i18n';

export const SCREENS = ['worklist', 'clinic', 'admin'] as const;
export type Screen = (typeof SCREENS)[number];
export const DEFAULT_SCREEN: Screen = 'worklist';

/** A route: a screen of the navigation, or one study opened for reading. */
export type Route =
  | { readonly screen: Screen }
  | { readonly screen: 'study'; readonly study: string; readonly series?: string; readonly instance?: string };

/** Draws a screen into main; returns the function that tears it down. */
export type ScreenMount = (main: HTMLElement, route: Route) => () => void;

export interface App {
  readonly person?: Person;
  readonly logout?: () => void;
  readonly screens?: Partial<Record<Route['screen'], ScreenMount>>;
}

const SCREEN_MESSAGES: Readonly<Record<Screen, { name: MessageKey; purpose: MessageKey }>> = {
  worklist: { name: 'nav.worklist', purpose: 'screen.worklist.purpose' },
  clinic: { name: 'nav.clinic', purpose: 'screen.clinic.purpose' },
  admin: { name: 'nav.admin', purpose: 'screen.admin.purpose' },
};

const SCREEN_ROLES: Readonly<Record<Screen, Role>> = { worklist: 'radiologist', clinic: 'clinic', admin: 'auditor' };

/** The screens a person may see (all of them when nobody is logged in, as in tests of the frame). */
export function allowedScreens(person: Person | undefined): Screen[] {
  return person === undefined ? [...SCREENS] : SCREENS.filter((s) => person.roles.includes(SCREEN_ROLES[s]));
}

/** The screen a location hash names; the worklist for anything else. */
export function screenFromHash(hash: string): Screen {
  const name = hash.replace(/^#\/?/, '');
  return (SCREENS as readonly string[]).includes(name) ? (name as Screen) : DEFAULT_SCREEN;
}

/** The route a hash names, limited to what the person may see. */
export function routeFromHash(hash: string, person?: Person): Route {
  const allowed = allowedScreens(person);
  // #/study/{study}[/{series}/{instance}]: a study, or one image of it
  const study = /^#\/?study\/([^/?#]+)(?:\/([^/?#]+)\/([^/?#]+))?$/.exec(hash);
  if (study && allowed.includes('worklist')) {
    const uid = decodeURIComponent(study[1]!);
    return study[2] && study[3]
      ? { screen: 'study', study: uid, series: decodeURIComponent(study[2]), instance: decodeURIComponent(study[3]) }
      : { screen: 'study', study: uid };
  }
  const screen = screenFromHash(hash);
  if (allowed.includes(screen) && hash.replace(/^#\/?/, '') === screen) {
    return { screen };
  }
  return { screen: allowed[0] ?? DEFAULT_SCREEN };
}

/** Draws the frame into root and keeps it current; returns a function that stops it. */
export function mountShell(root: HTMLElement, i18n: I18n, window: Window, app: App = {}): () => void {
  const doc = root.ownerDocument;
  let unmountScreen: () => void = () => {};
  const render = () => {
    unmountScreen();
    const route = routeFromHash(window.location.hash, app.person);
    doc.documentElement.lang = i18n.locale;
    doc.title = i18n.t('app.title');
    const main = element(doc, 'main', '', 'app-screen');
    main.dataset.screen = route.screen;
    root.replaceChildren(header(doc, i18n, app), navigation(doc, i18n, route.screen, allowedScreens(app.person)), main);
    root.classList.toggle('reading', route.screen === 'study');
    const mount = app.screens?.[route.screen];
    if (mount === undefined) {
      unmountScreen = () => {};
      notAvailable(doc, i18n, main, route.screen === 'study' ? 'worklist' : route.screen);
    } else {
      unmountScreen = mount(main, route);
    }
  };
  const stopListening = i18n.onChange(render);
  window.addEventListener('hashchange', render);
  render();
  return () => {
    unmountScreen();
    stopListening();
    window.removeEventListener('hashchange', render);
  };
}

function header(doc: Document, i18n: I18n, app: App): HTMLElement {
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
  const right = element(doc, 'div', '', 'header-right');
  if (app.person !== undefined) {
    const who = element(doc, 'span', app.person.name, 'person');
    who.dataset.username = app.person.username;
    right.append(who);
    if (app.person.hospitalId) right.append(element(doc, 'span', app.person.hospitalId, 'muted'));
  }
  right.append(switcher);
  if (app.logout !== undefined) {
    const out = element(doc, 'button', i18n.t('app.logout'), 'logout');
    out.setAttribute('type', 'button');
    out.addEventListener('click', () => app.logout?.());
    right.append(out);
  }
  bar.append(title, right);
  return bar;
}

function navigation(doc: Document, i18n: I18n, current: Route['screen'], allowed: readonly Screen[]): HTMLElement {
  const nav = element(doc, 'nav', '', 'app-nav');
  nav.setAttribute('aria-label', i18n.t('nav.label'));
  const list = element(doc, 'ul', '');
  for (const screen of allowed) {
    const link = element(doc, 'a', i18n.t(SCREEN_MESSAGES[screen].name));
    link.setAttribute('href', `#/${screen}`);
    if (screen === current || (current === 'study' && screen === 'worklist')) {
      link.setAttribute('aria-current', 'page');
    }
    const item = element(doc, 'li', '');
    item.append(link);
    list.append(item);
  }
  nav.append(list);
  return nav;
}

function notAvailable(doc: Document, i18n: I18n, main: HTMLElement, screen: Screen): void {
  const status = element(doc, 'p', i18n.t('screen.notAvailable'), 'not-available');
  status.setAttribute('role', 'status');
  main.append(
    element(doc, 'h2', i18n.t(SCREEN_MESSAGES[screen].name)),
    element(doc, 'p', i18n.t(SCREEN_MESSAGES[screen].purpose)),
    status,
  );
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
