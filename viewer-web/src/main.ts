/**
 * The page's entry point: reads the configuration, logs in through the realm, and starts the
 * frame with the screens the person's roles allow. The study viewer (Cornerstone3D, a large
 * bundle) is loaded only when a study is opened.
 */
import './style.css';
import { login } from './auth';
import { createCentreApi } from './centre-api';
import { mountClinic } from './clinic';
import { loadConfig } from './config';
import { createDicomWebSource } from './dicom-web';
import { i18n } from './i18n';
import { mountShell, type ScreenMount } from './shell';
import { mountWorklist } from './worklist';

const root = document.getElementById('app');
if (root === null) {
  throw new Error('index.html has no #app element');
}

const config = await loadConfig();
const session = await login(config);
const api = createCentreApi({ baseUrl: config.apiBase, token: session.token });
const source = createDicomWebSource({ baseUrl: config.dicomWebBase, token: session.token });
const lang = i18n();

const heading = (main: HTMLElement, key: Parameters<typeof lang.t>[0]) => {
  const h = document.createElement('h2');
  h.textContent = lang.t(key);
  const body = document.createElement('div');
  main.append(h, body);
  return body;
};

const study: ScreenMount = (main, route) => {
  if (route.screen !== 'study') return () => {};
  let stop: () => void = () => {};
  let stopped = false;
  performance.mark('qianli:study-route');
  void import('./viewer/study-screen').then(({ mountStudyScreen }) => {
    if (!stopped) {
      stop = mountStudyScreen(main, route.study, {
        i18n: lang,
        api,
        source,
        token: session.token,
        username: session.person.username,
        ...(route.series && route.instance ? { focus: { series: route.series, instance: route.instance } } : {}),
      });
    }
  });
  return () => {
    stopped = true;
    stop();
  };
};

// a radiologist opens studies all day: load the viewer and start its engine while the worklist
// is on screen, not on the first click
if (session.person.roles.includes('radiologist')) {
  const idle = window.requestIdleCallback ?? ((run: () => void) => window.setTimeout(run, 200));
  idle(() => {
    void import('./viewer/study-screen').then(({ warmUp }) => warmUp(session.token)).catch(() => undefined);
  });
}

mountShell(root, lang, window, {
  person: session.person,
  logout: () => void session.logout(),
  screens: {
    worklist: (main) => mountWorklist(heading(main, 'nav.worklist'), { i18n: lang, api, window }),
    study,
    clinic: (main) =>
      mountClinic(heading(main, 'nav.clinic'), {
        i18n: lang,
        api,
        ...(session.person.hospitalId ? { hospitalId: session.person.hospitalId } : {}),
      }),
  },
});
