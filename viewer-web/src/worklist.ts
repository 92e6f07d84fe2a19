/**
 * The radiologist's worklist: most urgent first, due-time countdowns (red once overdue), the
 * pre-screen's flag and reason, hospital, modality, state and who holds the claim. Filters go to
 * the server (state, modality, hospital, priority, mine) or stay local (free text). One click
 * opens the study. The list refreshes every few seconds and the countdowns every second.
 */
import type { CentreApi, ReadingRequest, WorklistFilter } from './centre-api';
import type { I18n, MessageKey } from './i18n';
import { aiFlagged, code, countdown, dicomDate, matchesClientFilter, personName, readingPriority, sortForReading } from './worklist-model';

export const OPEN_STATES = ['arriving', 'ready', 'in_progress', 'preliminary'] as const;
const ALL_STATES = ['arriving', 'ready', 'in_progress', 'preliminary', 'final', 'amended'] as const;
export const REFRESH_MS = 5000;

export function studyHash(studyInstanceUid: string): string {
  return `#/study/${encodeURIComponent(studyInstanceUid)}`;
}

export function mountWorklist(container: HTMLElement, deps: { i18n: I18n; api: CentreApi; window: Window }): () => void {
  const { i18n, api } = deps;
  const t = (k: MessageKey) => i18n.t(k);
  const doc = container.ownerDocument;
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string) => {
    const n = doc.createElement(tag);
    if (cls) n.className = cls;
    if (text !== undefined) n.textContent = text;
    return n;
  };

  const filters = el('form', 'filters');
  filters.setAttribute('role', 'search');
  const select = (name: string, label: MessageKey, options: [string, string][]) => {
    const s = el('select');
    s.name = name;
    options.forEach(([v, text]) => s.append(Object.assign(el('option', undefined, text), { value: v })));
    const l = el('label', undefined, t(label));
    l.append(s);
    filters.append(l);
    return s;
  };
  const stateSelect = select('state', 'worklist.state', [
    ['open', t('worklist.openStates')],
    ['', t('worklist.all')],
    ...ALL_STATES.map((s): [string, string] => [s, t(`state.${s}` as MessageKey)]),
  ]);
  const modalitySelect = select('modality', 'worklist.modality', [['', t('worklist.all')], ...['CT', 'MR', 'DX', 'CR', 'US', 'MG'].map((m): [string, string] => [m, m])]);
  const prioritySelect = select('priority', 'worklist.priority', [
    ['', t('worklist.all')],
    ...(['stat', 'urgent', 'routine'] as const).map((p): [string, string] => [p, t(`priority.${p}`)]),
  ]);
  const hospital = el('input');
  hospital.name = 'hospital';
  hospital.placeholder = 'H001';
  hospital.size = 6;
  const text = el('input');
  text.type = 'search';
  text.name = 'text';
  text.placeholder = t('worklist.search');
  const mine = el('input');
  mine.type = 'checkbox';
  mine.name = 'mine';
  const labelled = (key: MessageKey, input: HTMLElement) => {
    const l = el('label', undefined, t(key));
    l.append(input);
    filters.append(l);
  };
  labelled('worklist.hospital', hospital);
  labelled('worklist.mine', mine);
  filters.append(text);

  const table = el('table', 'worklist');
  const head = el('tr');
  for (const key of ['priority', 'due', 'ai', 'patient', 'study', 'hospital', 'arrived', 'images', 'state', 'claim'] as const) {
    head.append(el('th', undefined, t(`worklist.col.${key}`)));
  }
  table.append(Object.assign(el('thead'), {}), el('tbody'));
  table.tHead!.append(head);
  const status = el('p', 'worklist-status');
  status.setAttribute('role', 'status');
  container.replaceChildren(filters, table, status);

  let list: ReadingRequest[] = [];
  let lastError = '';
  const dueCells = new Map<HTMLElement, string | null | undefined>();

  const serverFilter = (): WorklistFilter => {
    const state = stateSelect.value === 'open' ? [...OPEN_STATES] : stateSelect.value ? [stateSelect.value] : [];
    return { state, modality: modalitySelect.value, priority: prioritySelect.value, hospital: hospital.value, assigned: mine.checked, limit: 200 };
  };
  const open = (r: ReadingRequest) => {
    deps.window.location.hash = studyHash(r.studyInstanceUid);
  };
  const tickCountdowns = () => {
    const now = Date.now();
    for (const [cell, due] of dueCells) {
      const c = countdown(due, now);
      cell.textContent = c?.text ?? '—';
      cell.classList.toggle('overdue', c?.overdue ?? false);
      cell.classList.toggle('soon', c?.soon ?? false);
    }
  };
  const render = () => {
    const body = table.tBodies[0]!;
    dueCells.clear();
    const shown = sortForReading(list).filter((r) => matchesClientFilter(r, { text: text.value }));
    body.replaceChildren(
      ...shown.map((r) => {
        const row = el('tr');
        row.tabIndex = 0;
        row.dataset.study = r.studyInstanceUid;
        row.dataset.request = String(r.id);
        const p = readingPriority(r);
        const pri = el('td');
        pri.append(el('span', `badge priority-${p}`, t(`priority.${p}` as MessageKey)));
        const due = el('td', 'due');
        dueCells.set(due, r.dueAt);
        const ai = el('td', 'ai');
        if (aiFlagged(r)) {
          ai.append(el('span', 'ai-flag', 'AI'), ' ', r.aiReason ?? '');
          row.classList.add('ai-flagged');
        }
        const claim = r.claimedBy ? `${r.claimedBy}${r.claimExpired ? ' (' + t('worklist.expired') + ')' : ''}` : '';
        row.append(
          pri,
          due,
          ai,
          el('td', undefined, [personName(r.patientName), r.patientId, r.patientSex].filter(Boolean).join(' · ')),
          el('td', undefined, [r.modality, r.bodyPart, r.studyDescription, dicomDate(r.studyDate)].filter(Boolean).join(' · ')),
          el('td', undefined, r.hospitalName ?? r.hospitalId),
          el('td', undefined, new Date(r.arrivedAt).toLocaleString(i18n.locale)),
          el('td', undefined, r.expectedInstances ? `${r.numberOfInstances}/${r.expectedInstances}` : String(r.numberOfInstances)),
          el('td', `state state-${code(r.state)}`, t(`state.${code(r.state)}` as MessageKey)),
          el('td', undefined, claim),
        );
        row.addEventListener('click', () => open(r));
        row.addEventListener('keydown', (e) => {
          if (e.key === 'Enter') open(r);
        });
        return row;
      }),
    );
    tickCountdowns();
    status.textContent = lastError || `${shown.length} ${t('worklist.studies')}`;
    status.classList.toggle('error', lastError !== '');
  };
  let inFlight = false;
  const refresh = async () => {
    if (inFlight) return;
    inFlight = true;
    try {
      list = await api.worklist(serverFilter());
      lastError = '';
    } catch (e) {
      lastError = `${t('worklist.failed')}: ${String(e)}`;
    } finally {
      inFlight = false;
    }
    render();
  };
  filters.addEventListener('change', () => void refresh());
  text.addEventListener('input', render);
  filters.addEventListener('submit', (e) => e.preventDefault());
  const poll = setInterval(() => void refresh(), REFRESH_MS);
  const tick = setInterval(tickCountdowns, 1000);
  void refresh();
  return () => {
    clearInterval(poll);
    clearInterval(tick);
  };
}
