// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { I18n, LOCALE_STORAGE_KEY } from './i18n';
import { mountShell, screenFromHash } from './shell';

describe('screenFromHash', () => {
  it('namesTheScreenOrFallsBackToTheWorklist', () => {
    expect(screenFromHash('#/clinic')).toBe('clinic');
    expect(screenFromHash('#admin')).toBe('admin');
    expect(screenFromHash('')).toBe('worklist');
    expect(screenFromHash('#/studies/1.2.3')).toBe('worklist');
  });
});

describe('shell', () => {
  let root: HTMLElement;
  let unmount: () => void;

  beforeEach(() => {
    window.localStorage.clear();
    window.location.hash = '';
    root = document.createElement('div');
    document.body.append(root);
  });

  afterEach(() => {
    unmount();
    root.remove();
  });

  const mount = (languages: readonly string[] = []) => {
    const i18n = new I18n(window.localStorage, languages);
    unmount = mountShell(root, i18n, window);
    return i18n;
  };
  const text = (selector: string) => root.querySelector(selector)?.textContent;
  const navLabels = () => [...root.querySelectorAll('nav a')].map((a) => a.textContent);

  it('startsInChineseWithTheWorklist', () => {
    mount();
    expect(text('h1')).toContain('千里远程影像');
    expect(text('h1')).toContain('Qianli');
    expect(navLabels()).toEqual(['工作列表', '诊所', '管理']);
    expect(text('main h2')).toBe('工作列表');
    expect(root.querySelector('nav a[aria-current="page"]')?.getAttribute('href')).toBe('#/worklist');
    expect(document.documentElement.lang).toBe('zh-CN');
  });

  it('saysPlainlyThatAScreenIsNotAvailableYet', () => {
    mount(['en-US']);
    expect(text('main [role="status"]')).toBe('Not available yet.');
    expect(root.querySelectorAll('main table, main li')).toHaveLength(0);
  });

  it('switchesLanguageAndRemembersIt', () => {
    mount();
    const english = [...root.querySelectorAll<HTMLButtonElement>('.language button')].find(
      (b) => b.textContent === 'English',
    );
    english!.click();

    expect(navLabels()).toEqual(['Worklist', 'Clinic', 'Admin']);
    expect(document.title).toBe('Qianli Remote Imaging');
    expect(document.documentElement.lang).toBe('en');
    expect(window.localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('en');
    expect(root.querySelector('.language button[aria-pressed="true"]')?.textContent).toBe('English');
  });

  it('followsNavigationBetweenScreens', async () => {
    mount();
    const navigated = new Promise((resolve) => window.addEventListener('hashchange', resolve, { once: true }));
    window.location.hash = '#/admin';
    await navigated;

    expect(text('main h2')).toBe('管理');
    expect(root.querySelector('nav a[aria-current="page"]')?.getAttribute('href')).toBe('#/admin');
  });
});
