/**
 * The clinic's page: its hospital's studies with arrival progress, waiting or reported; the
 * signed reports (view, print as PDF); critical results to acknowledge. Live through the
 * centre's event stream for the hospital, which names what changed (the page then asks).
 */
import { CentreError, type CentreApi, type ClinicStudy, type Report } from './centre-api';
import type { I18n, MessageKey } from './i18n';
import { followEvents } from './sse';
import { code, dicomDate, personName } from './worklist-model';

export function mountClinic(container: HTMLElement, deps: { i18n: I18n; api: CentreApi; hospitalId?: string }): () => void {
  const { i18n, api } = deps;
  const t = (k: MessageKey) => i18n.t(k);
  const doc = container.ownerDocument;
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string) => {
    const n = doc.createElement(tag);
    if (cls) n.className = cls;
    if (text !== undefined) n.textContent = text;
    return n;
  };
  const critical = el('section', 'critical-results');
  const table = el('table', 'clinic-studies');
  const head = el('tr');
  for (const key of ['patient', 'study', 'arrived', 'progress', 'report'] as const) head.append(el('th', undefined, t(`clinic.col.${key}`)));
  table.append(el('thead'), el('tbody'));
  table.tHead!.append(head);
  const reportView = el('section', 'report-view');
  reportView.hidden = true;
  const status = el('p', 'clinic-status');
  status.setAttribute('role', 'status');
  container.replaceChildren(el('p', 'muted', `${t('clinic.hospital')} ${deps.hospitalId ?? ''}`), critical, table, reportView, status);

  const button = (key: MessageKey, action: string, run: () => Promise<void>) => {
    const b = el('button', 'tool', t(key));
    b.type = 'button';
    b.dataset.action = action;
    b.addEventListener('click', () =>
      void run().catch((e: unknown) => {
        status.textContent = e instanceof CentreError ? `${e.status} ${e.detail}` : String(e);
      }),
    );
    return b;
  };

  async function viewReport(s: ClinicStudy) {
    const r = await api.report(s.requestId);
    reportView.hidden = false;
    reportView.dataset.request = String(s.requestId);
    reportView.replaceChildren(
      el('h3', undefined, `${t('clinic.report')} · ${personName(s.patientName)} · ${t(`reportStatus.${code(r.status)}` as MessageKey)}`),
      el('h4', undefined, t('report.findings')),
      el('p', 'report-text findings', r.findings ?? ''),
      el('h4', undefined, t('report.impression')),
      el('p', 'report-text impression', r.impression ?? ''),
      ...(r.critical ? [el('p', 'critical-flag', t('report.critical'))] : []),
      ...r.addenda.map((a) => el('p', 'report-text addendum', `${t('report.addendum')}: ${a.text} — ${a.signedBy}`)),
      el('p', 'muted', [r.preliminarySignedBy && `${t('report.preliminaryBy')} ${r.preliminarySignedBy}`, r.finalSignedBy && `${t('report.finalBy')} ${r.finalSignedBy}`].filter(Boolean).join(' · ')),
      button('clinic.printPdf', 'pdf', async () => {
        const blob = await api.reportPdf(s.requestId);
        const url = URL.createObjectURL(blob);
        window.open(url, '_blank');
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
      }),
    );
  }

  function renderCritical(list: readonly Report[], studies: readonly ClinicStudy[]) {
    critical.replaceChildren();
    if (list.length === 0) return;
    critical.append(el('h3', undefined, t('clinic.criticalResults')));
    for (const r of list) {
      const s = studies.find((x) => x.requestId === r.requestId);
      const item = el('div', `critical-item${r.criticalEscalated ? ' escalated' : ''}`);
      item.dataset.request = String(r.requestId);
      item.append(
        el('strong', undefined, `${personName(s?.patientName)} ${s?.patientId ?? ''}`),
        el('p', undefined, r.impression ?? ''),
        button('clinic.acknowledge', 'acknowledge', async () => {
          await api.acknowledgeCritical(r.requestId);
          status.textContent = t('clinic.acknowledged');
          await refresh();
        }),
      );
      critical.append(item);
    }
  }

  function renderStudies(studies: readonly ClinicStudy[]) {
    table.tBodies[0]!.replaceChildren(
      ...studies.map((s) => {
        const row = el('tr');
        row.dataset.study = s.studyInstanceUid;
        row.dataset.request = String(s.requestId);
        const progress = el('td', `progress progress-${s.progress}`);
        const label = s.progress === 'arriving'
          ? `${t('clinic.arriving')} ${s.numberOfInstances}${s.expectedInstances ? '/' + s.expectedInstances : ''}`
          : t(`clinic.${s.progress}` as MessageKey);
        progress.append(el('span', undefined, label));
        if (s.progress === 'arriving' && s.expectedInstances) {
          const bar = el('progress');
          bar.max = s.expectedInstances;
          bar.value = s.numberOfInstances;
          progress.append(bar);
        }
        if (s.criticalToAcknowledge) progress.append(' ', el('span', 'badge priority-stat', t('report.critical')));
        const reportCell = el('td');
        if (s.progress === 'reported') reportCell.append(button('clinic.view', 'view-report', () => viewReport(s)));
        row.append(
          el('td', undefined, [personName(s.patientName), s.patientId].filter(Boolean).join(' · ')),
          el('td', undefined, [s.modality, s.bodyPart, s.studyDescription, dicomDate(s.studyDate)].filter(Boolean).join(' · ')),
          el('td', undefined, new Date(s.arrivedAt).toLocaleString(i18n.locale)),
          progress,
          reportCell,
        );
        return row;
      }),
    );
  }

  async function refresh() {
    try {
      const [studies, criticals] = await Promise.all([api.clinicStudies(), api.clinicCriticalResults()]);
      renderStudies(studies);
      renderCritical(criticals, studies);
      status.textContent = `${studies.length} ${t('worklist.studies')}`;
    } catch (e) {
      status.textContent = `${t('worklist.failed')}: ${String(e)}`;
    }
  }
  let pending: ReturnType<typeof setTimeout> | undefined;
  const stop = followEvents(
    (signal) => api.clinicEvents(signal),
    (event) => {
      if (event.event === 'reading') {
        clearTimeout(pending);
        pending = setTimeout(() => void refresh(), 300);
      }
    },
    (connected) => container.classList.toggle('live', connected),
  );
  void refresh();
  return () => {
    stop();
    clearTimeout(pending);
  };
}
