/** The page's entry point: starts the application frame in #app. */
import './style.css';
import { i18n } from './i18n';
import { mountShell } from './shell';

const root = document.getElementById('app');
if (root === null) {
  throw new Error('index.html has no #app element');
}
mountShell(root, i18n(), window);
