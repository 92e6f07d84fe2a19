/**
 * The report beside the images: template picker, findings and impression, the critical flag,
 * save (Ctrl+S), preliminary and final signatures, and addenda once final. The report's
 * version goes with every change so two editors cannot overwrite each other.
 */
import { CentreError, type CentreApi, type Report, type ReadingRequest, type ReportTemplate } from './centre-api';
import type { I18n, MessageKey } from './i18n';
import { code } from './worklist-model';

export interface ReportPanelDeps {
  readonly i18n: I18n;
  readonly api: CentreApi;
  readonly username: string;
}

/** Whether the text in the editor differs from the stored report. */
export function isDirty(report: Report | undefined, findings: string, impression: string, critical: boolean): boolean {
  return (
    (report?.findings ?? '') !== findings || (report?.impression ?? '') !== impression || (report?.critical ?? false) !== critical
  );
}

/** What may be done with a report in a given state. */
export function reportActions(report: Report | undefined): { edit: boolean; preliminary: boolean; final: boolean; addendum: boolean } {
  const status = code(report?.status) || 'none';
  const open = status === 'none' || status === 'draft';
  return {
    edit: open || status === 'preliminary',
    preliminary: open,
    final: open || status === 'preliminary',
    addendum: status === 'final' || status === 'amended',
  };
}

export function mountReportPanel(container: HTMLElement, request: ReadingRequest, deps: ReportPanelDeps): () => void {
  const { i18n, api } = deps;
  const t = (k: MessageKey) => i18n.t(k);
  const doc = container.ownerDocument;
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string) => {
    const n = doc.createElement(tag);
    if (cls) n.className = cls;
    if (text !== undefined) n.textContent = text;
    return n;
  };
  let report: Report | undefined;
  let templates: ReportTemplate[] = [];

  const form = el('form', 'report-panel');
  form.setAttribute('aria-label', t('report.title'));
  const heading = el('h3', undefined, t('report.title'));
  const templateSelect = el('select');
  templateSelect.name = 'template';
  const findings = el('textarea');
  findings.name = 'findings';
  findings.rows = 10;
  const impression = el('textarea');
  impression.name = 'impression';
  impression.rows = 4;
  const critical = el('input');
  critical.type = 'checkbox';
  critical.name = 'critical';
  const label = (text: string, control: HTMLElement) => {
    const l = el('label', undefined, text);
    l.append(control);
    return l;
  };
  const criticalLabel = el('label', 'critical-flag');
  criticalLabel.append(critical, ' ', t('report.critical'));
  const buttons = el('div', 'report-buttons');
  const action = (key: MessageKey, name: string, run: () => Promise<void>) => {
    const b = el('button', 'tool', t(key));
    b.type = 'button';
    b.dataset.action = name;
    b.addEventListener('click', () => void guard(run));
    buttons.append(b);
    return b;
  };
  const saveButton = action('report.save', 'save', save);
  const prelimButton = action('report.signPreliminary', 'sign-preliminary', () => sign('preliminary'));
  const finalButton = action('report.signFinal', 'sign-final', () => sign('final'));
  const addendum = el('textarea');
  addendum.name = 'addendum';
  addendum.rows = 3;
  const addendumBox = el('div', 'addendum-box');
  const addendumButton = el('button', 'tool', t('report.signAddendum'));
  addendumButton.type = 'button';
  addendumButton.dataset.action = 'sign-addendum';
  addendumButton.addEventListener('click', () =>
    void guard(async () => {
      if (addendum.value.trim() === '') return;
      show(await api.addAddendum(request.id, addendum.value.trim()));
      addendum.value = '';
      say(t('report.addendumSigned'));
    }),
  );
  addendumBox.append(label(t('report.addendum'), addendum), addendumButton);
  const addenda = el('ol', 'addenda');
  const statusLine = el('p', 'report-status');
  statusLine.setAttribute('role', 'status');
  statusLine.setAttribute('aria-live', 'polite');
  form.append(
    heading,
    label(t('report.template'), templateSelect),
    label(t('report.findings'), findings),
    label(t('report.impression'), impression),
    criticalLabel,
    buttons,
    addenda,
    addendumBox,
    statusLine,
  );
  form.addEventListener('submit', (e) => e.preventDefault());
  container.replaceChildren(form);

  const say = (text: string, error = false) => {
    statusLine.textContent = text;
    statusLine.classList.toggle('error', error);
  };
  async function guard(run: () => Promise<void>) {
    try {
      form.classList.add('busy');
      await run();
    } catch (e) {
      say(e instanceof CentreError ? `${t('report.failed')}: ${e.detail || e.status}` : String(e), true);
    } finally {
      form.classList.remove('busy');
    }
  }
  function show(r: Report | undefined) {
    report = r;
    findings.value = r?.findings ?? findings.value;
    impression.value = r?.impression ?? impression.value;
    critical.checked = r?.critical ?? critical.checked;
    const can = reportActions(r);
    findings.readOnly = impression.readOnly = !can.edit;
    critical.disabled = !can.edit;
    templateSelect.disabled = !can.edit;
    saveButton.disabled = !can.edit;
    prelimButton.disabled = !can.preliminary;
    finalButton.disabled = !can.final;
    addendumBox.hidden = !can.addendum;
    form.dataset.status = code(r?.status) || 'none';
    const signed = [
      r?.preliminarySignedBy ? `${t('report.preliminaryBy')} ${r.preliminarySignedBy}` : '',
      r?.finalSignedBy ? `${t('report.finalBy')} ${r.finalSignedBy}` : '',
    ].filter(Boolean);
    heading.textContent = `${t('report.title')} · ${t(`reportStatus.${code(r?.status) || 'none'}` as MessageKey)}${signed.length ? ' · ' + signed.join(', ') : ''}`;
    addenda.replaceChildren(...(r?.addenda ?? []).map((a) => el('li', undefined, `${a.text} — ${a.signedBy}`)));
  }
  async function save() {
    const r = await api.saveDraft(request.id, {
      findings: findings.value,
      impression: impression.value,
      language: i18n.locale === 'en' ? 'en' : 'zh',
      critical: critical.checked,
      version: report?.version ?? 0,
    });
    show(r);
    say(t('report.saved'));
  }
  async function sign(kind: 'preliminary' | 'final') {
    if (!report || isDirty(report, findings.value, impression.value, critical.checked)) {
      await save();
    }
    const r = kind === 'final' ? await api.signFinal(request.id, report!.version) : await api.signPreliminary(request.id, report!.version);
    show(r);
    say(t(kind === 'final' ? 'report.signedFinal' : 'report.signedPreliminary'));
  }
  templateSelect.addEventListener('change', () => {
    const tpl = templates[Number(templateSelect.value)];
    if (tpl) {
      findings.value = tpl.findings;
      impression.value = tpl.impression;
    }
  });
  const onKey = (e: KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
      e.preventDefault();
      if (!saveButton.disabled) void guard(save);
    }
  };
  doc.addEventListener('keydown', onKey);

  void (async () => {
    try {
      show(await api.report(request.id));
    } catch (e) {
      if (!(e instanceof CentreError && e.status === 404)) say(String(e), true);
      show(undefined);
    }
    try {
      templates = await api.templates(request.modality, request.bodyPart, i18n.locale === 'en' ? 'en' : 'zh');
    } catch {
      templates = [];
    }
    templateSelect.replaceChildren(Object.assign(el('option', undefined, t('report.chooseTemplate')), { value: '' }));
    templates.forEach((tpl, i) => templateSelect.append(Object.assign(el('option', undefined, tpl.name), { value: String(i) })));
  })();
  return () => doc.removeEventListener('keydown', onKey);
}
