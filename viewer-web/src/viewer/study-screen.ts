/**
 * The reading screen of one study: series thumbnails, the tool bar, one to four image panes,
 * the measurements, the pre-screen's findings and the report panel. Keyboard:
 * ↑/↓ PgUp/PgDn Home/End scroll · 1–6 CT presets · W window · P pan · Z zoom · L length ·
 * A angle · R rectangle · E ellipse · I invert · F fit · Esc reset · C cine · G layout.
 */
import { eventTarget, utilities } from '@cornerstonejs/core';
import { annotation as annotations, Enums as ToolEnums } from '@cornerstonejs/tools';
import type { CentreApi, ReadingRequest } from '../centre-api';
import { value, type DicomJsonDataset, type DicomWebSource } from '../dicom-web';
import type { I18n, MessageKey } from '../i18n';
import { personName, dicomDate, code } from '../worklist-model';
import { mountReportPanel } from '../report-panel';
import {
  registerFrames,
  rehearseRendering,
  RENDERING_ENGINE_ID,
  selectPrimaryTool,
  startEngine,
  type PrimaryTool,
} from './engine';
import { describeMeasurement, type MeasurementAnnotation } from './measurements';
import { Pane } from './pane';
import { controlRenderScale, renderScale } from './render-scale';
import { CT_PRESETS, PRESET_ORDER, presetForKey, type CtPreset } from './presets';
import { withPaletteData } from './palette';
import { firstPart, stackFrames } from './stack';
import { priorStudies, type PriorStudy } from './priors';

export const LAYOUTS = { '1x1': [1, 1], '1x2': [1, 2], '2x2': [2, 2] } as const;
export type Layout = keyof typeof LAYOUTS;

interface Series {
  readonly uid: string;
  readonly description: string;
  readonly modality: string;
  readonly number: number;
  imageIds: string[];
  sopIndex: Map<string, number>;
  /** Set for a series of another study of the patient, shown to compare. */
  readonly prior?: PriorStudy;
}

export interface StudyScreenDeps {
  readonly i18n: I18n;
  readonly api: CentreApi;
  readonly source: DicomWebSource;
  readonly token: () => Promise<string | undefined>;
  readonly username: string;
  /** the image to show first (a deep link); else the largest series from its first image */
  readonly focus?: { readonly series: string; readonly instance: string };
}

const TOOL_KEYS: Readonly<Record<string, PrimaryTool>> = {
  w: 'windowLevel', p: 'pan', z: 'zoom', l: 'length', a: 'angle', r: 'rectangle', e: 'ellipse',
};

/** Mounts the study screen into container; returns the function that tears it down. */
/**
 * Starts the image engine (Cornerstone3D, its decoder workers, the tool group) ahead of the first
 * study, so opening one from the worklist only fetches and draws.
 */
export async function warmUp(token: StudyScreenDeps['token']): Promise<void> {
  const { engine } = await startEngine(token);
  await rehearseRendering(engine, document);
}

export function mountStudyScreen(container: HTMLElement, studyUid: string, deps: StudyScreenDeps): () => void {
  const { i18n } = deps;
  const doc = container.ownerDocument;
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string) => {
    const n = doc.createElement(tag);
    if (cls) n.className = cls;
    if (text !== undefined) n.textContent = text;
    return n;
  };
  const t = (k: MessageKey) => i18n.t(k);
  const opened = performance.now();
  // User Timing marks of the way to the first image, for the performance tools and the browser test
  const mark = (step: string) => performance.mark(`qianli:study-${step}`);
  mark('opened');

  const screen = el('div', 'study-screen');
  const thumbs = el('aside', 'series-list');
  thumbs.setAttribute('aria-label', t('viewer.series'));
  const centre = el('section', 'image-area');
  const toolbar = el('div', 'toolbar');
  toolbar.setAttribute('role', 'toolbar');
  const grid = el('div', 'pane-grid');
  const status = el('div', 'viewer-status');
  status.setAttribute('role', 'status');
  centre.append(toolbar, grid, status);
  const side = el('aside', 'side-panel');
  const info = el('div', 'study-info');
  const aiBox = el('div', 'ai-findings');
  const measureBox = el('div', 'measurements');
  const reportBox = el('div', 'report-box');
  side.append(info, aiBox, measureBox, reportBox);
  screen.append(thumbs, centre, side);
  container.replaceChildren(screen);

  let disposed = false;
  let panes: Pane[] = [];
  let active: Pane | undefined;
  let layout: Layout = '1x1';
  let series: Series[] = [];
  let tool: PrimaryTool = 'windowLevel';
  let request: ReadingRequest | undefined;
  let stopReport: () => void = () => {};
  const cleanups: (() => void)[] = [];

  const setStatus = (text: string) => (status.textContent = text);

  // ---- tool bar ----
  const toolButtons = new Map<PrimaryTool, HTMLButtonElement>();
  const button = (label: string, title: string, action: () => void, name?: string) => {
    const b = el('button', 'tool', label);
    b.type = 'button';
    b.title = title;
    if (name) b.dataset.action = name;
    b.addEventListener('click', () => {
      action();
      active?.element.focus();
    });
    toolbar.append(b);
    return b;
  };
  const toolNames: Record<PrimaryTool, MessageKey> = {
    windowLevel: 'tool.windowLevel', pan: 'tool.pan', zoom: 'tool.zoom', length: 'tool.length',
    angle: 'tool.angle', rectangle: 'tool.rectangle', ellipse: 'tool.ellipse',
  };
  const keyOf = (p: PrimaryTool) => Object.entries(TOOL_KEYS).find(([, v]) => v === p)![0].toUpperCase();
  for (const p of Object.keys(toolNames) as PrimaryTool[]) {
    toolButtons.set(p, button(t(toolNames[p]), `${t(toolNames[p])} (${keyOf(p)})`, () => chooseTool(p), `tool-${p}`));
  }
  const presetSelect = el('select', 'presets');
  presetSelect.dataset.action = 'preset';
  presetSelect.append(Object.assign(el('option', undefined, t('viewer.preset')), { value: '' }));
  PRESET_ORDER.forEach((p, i) => presetSelect.append(Object.assign(el('option', undefined, `${i + 1} ${t(`preset.${p}` as MessageKey)}`), { value: p })));
  presetSelect.addEventListener('change', () => {
    if (presetSelect.value) applyPreset(presetSelect.value as CtPreset);
    presetSelect.value = '';
  });
  toolbar.append(presetSelect);
  button(t('tool.invert'), `${t('tool.invert')} (I)`, () => active?.toggleInvert(), 'invert');
  button(t('tool.fit'), `${t('tool.fit')} (F)`, () => active?.fit(), 'fit');
  button(t('tool.reset'), `${t('tool.reset')} (Esc)`, () => active?.reset(), 'reset');
  const cineButton = button(t('tool.cine'), `${t('tool.cine')} (C)`, () => active?.toggleCine(), 'cine');
  for (const l of Object.keys(LAYOUTS) as Layout[]) {
    button(l, `${t('viewer.layout')} ${l} (G)`, () => void setLayout(l), `layout-${l}`);
  }

  // ---- panes ----
  // the panes draw at the resolution their images need, not more (see render-scale.ts)
  const scale = controlRenderScale(doc.defaultView ?? window);
  cleanups.push(() => scale.set(undefined));
  /** Sets the render scale for the panes as they are, or with one pane about to show other ids; true if it changed. */
  const fitRenderScale = (next?: { pane: Pane; imageIds: readonly string[]; index: number }): boolean =>
    scale.set(renderScale(scale.screen(), panes.flatMap((p) => (p === next?.pane ? p.extent(next.imageIds, next.index) : p.extent()) ?? [])));
  const onPaneChange = (pane: Pane) => {
    if (pane.firstImageShownAt !== undefined && screen.dataset.firstImageMs === undefined) {
      screen.dataset.firstImageMs = String(Math.round(pane.firstImageShownAt - opened));
    }
    if (pane === active) {
      const s = pane.state;
      cineButton.setAttribute('aria-pressed', String(pane.cine));
      grid.dataset.index = String(s.index);
    }
  };
  async function setLayout(next: Layout) {
    layout = next;
    const [rows, cols] = LAYOUTS[next];
    const wanted = rows * cols;
    const { engine, tools } = await startEngine(deps.token);
    while (panes.length > wanted) {
      const gone = panes.pop()!;
      tools.removeViewports(RENDERING_ENGINE_ID, gone.viewportId);
      gone.dispose();
    }
    while (panes.length < wanted) {
      const pane = new Pane(doc, engine, onPaneChange);
      pane.root.addEventListener('pointerdown', () => activate(pane));
      panes.push(pane);
    }
    grid.style.gridTemplateRows = `repeat(${rows}, 1fr)`;
    grid.style.gridTemplateColumns = `repeat(${cols}, 1fr)`;
    grid.dataset.layout = next;
    grid.replaceChildren(...panes.map((p) => p.root));
    panes.forEach((p) => {
      p.enable();
      // the tools act on a viewport only once it is in their group
      if (!tools.getViewportIds().includes(p.viewportId)) tools.addViewport(p.viewportId, RENDERING_ENGINE_ID);
    });
    fitRenderScale();
    // another layout gives every pane another shape: each image fits its pane again
    engine.resize(true, false);
    // new panes show the next series
    panes.forEach((p, i) => {
      if (p.imageIds.length === 0 && series.length > 0) void showSeries(series[Math.min(i, series.length - 1)]!, p);
    });
    activate(active && panes.includes(active) ? active : panes[0]!);
  }
  function activate(pane: Pane) {
    active = pane;
    panes.forEach((p) => p.root.classList.toggle('active', p === pane));
    onPaneChange(pane);
  }
  function chooseTool(p: PrimaryTool) {
    tool = p;
    void startEngine(deps.token).then(({ tools }) => selectPrimaryTool(tools, p));
    toolButtons.forEach((b, name) => b.setAttribute('aria-pressed', String(name === tool)));
  }
  function applyPreset(p: CtPreset) {
    active?.setWindow(CT_PRESETS[p]);
  }
  async function showSeries(s: Series, pane: Pane | undefined = active, index = 0) {
    if (!pane || s.imageIds.length === 0) return;
    thumbs.querySelectorAll('.thumb').forEach((th) => th.classList.toggle('shown', (th as HTMLElement).dataset.series === s.uid));
    const patient = request
      ? [personName(request.patientName), request.patientId ?? '', [request.patientSex, request.patientBirthDate].filter(Boolean).join(' '), dicomDate(request.studyDate), request.hospitalName ?? request.hospitalId]
      : [];
    const seriesText = [s.description, `${s.modality} #${s.number}`];
    if (s.prior) seriesText.unshift(`${t('viewer.prior')} ${dicomDate(s.prior.studyDate)}`);
    if (fitRenderScale({ pane, imageIds: s.imageIds, index })) {
      // the canvases take the new size now; the stack's first render draws them
      (await startEngine(deps.token)).engine.resize(false, true);
    }
    await pane.load(s.imageIds, { patient: patient.map((x) => x ?? ''), series: seriesText }, index);
  }

  // ---- keyboard ----
  const onKey = (e: KeyboardEvent) => {
    const target = e.target as HTMLElement | null;
    if (target && (target.tagName === 'TEXTAREA' || target.tagName === 'INPUT' || target.tagName === 'SELECT')) return;
    if (e.ctrlKey || e.metaKey || e.altKey || !active) return;
    const key = e.key.toLowerCase();
    const preset = presetForKey(e.key);
    const steps: Record<string, number> = { arrowup: -1, arrowdown: 1, arrowleft: -1, arrowright: 1, pageup: -10, pagedown: 10 };
    if (key in steps) void active.scroll(steps[key]!);
    else if (key === 'home') void active.show(0);
    else if (key === 'end') void active.show(active.imageIds.length - 1);
    else if (preset) applyPreset(preset);
    else if (TOOL_KEYS[key]) chooseTool(TOOL_KEYS[key]);
    else if (key === 'i') active.toggleInvert();
    else if (key === 'f') active.fit();
    else if (key === 'escape') active.reset();
    else if (key === 'c') active.toggleCine();
    else if (key === 'g') void setLayout(layout === '1x1' ? '1x2' : layout === '1x2' ? '2x2' : '1x1');
    else return;
    e.preventDefault();
  };
  doc.addEventListener('keydown', onKey);
  cleanups.push(() => doc.removeEventListener('keydown', onKey));
  const onResize = () => void startEngine(deps.token).then(({ engine }) => {
    fitRenderScale();
    engine.resize(true, true);
  });
  window.addEventListener('resize', onResize);
  cleanups.push(() => window.removeEventListener('resize', onResize));

  // ---- measurements ----
  const renderMeasurements = () => {
    const list = el('ul', 'measurement-list');
    const all = (annotations.state.getAllAnnotations() ?? []) as unknown as MeasurementAnnotation[];
    for (const a of all) {
      const text = describeMeasurement(a);
      if (text === undefined) continue;
      const item = el('li', undefined, `${t(`measure.${a.metadata.toolName}` as MessageKey)}: ${text}`);
      item.dataset.tool = a.metadata.toolName;
      list.append(item);
    }
    measureBox.replaceChildren(el('h3', undefined, t('viewer.measurements')), list);
  };
  const measureEvents = [ToolEnums.Events.ANNOTATION_COMPLETED, ToolEnums.Events.ANNOTATION_MODIFIED, ToolEnums.Events.ANNOTATION_REMOVED];
  measureEvents.forEach((ev) => eventTarget.addEventListener(ev, renderMeasurements));
  cleanups.push(() => measureEvents.forEach((ev) => eventTarget.removeEventListener(ev, renderMeasurements)));
  renderMeasurements();

  // ---- loading ----
  const jumpTo = (sop: string, frame = 1) => {
    for (const s of series) {
      const index = s.sopIndex.get(`${sop}/${frame}`);
      if (index !== undefined) {
        if (active?.imageIds !== s.imageIds) void showSeries(s, active, index);
        else void active.show(index);
        return;
      }
    }
  };
  const renderInfo = () => {
    if (!request) return;
    info.replaceChildren(
      el('h2', undefined, `${personName(request.patientName)} ${request.patientId ?? ''}`),
      el('p', undefined, [request.studyDescription, request.modality, request.bodyPart, dicomDate(request.studyDate)].filter(Boolean).join(' · ')),
      el('p', 'muted', [request.hospitalName ?? request.hospitalId, t(`state.${code(request.state)}` as MessageKey), request.claimedBy ? `${t('worklist.claimedBy')} ${request.claimedBy}` : ''].filter(Boolean).join(' · ')),
      ...(request.question ? [el('p', undefined, `${t('study.question')}: ${request.question}`)] : []),
      ...(request.history ? [el('p', undefined, `${t('study.history')}: ${request.history}`)] : []),
    );
    aiBox.replaceChildren();
    if (request.aiReason || (request.aiPriority && code(request.aiPriority) !== 'routine')) {
      aiBox.append(el('h3', undefined, t('viewer.aiFindings')));
      const finding = el('div', 'ai-finding', `${t(`priority.${code(request.aiPriority) || 'routine'}` as MessageKey)} — ${request.aiReason ?? ''}`);
      // the pre-screen may name the image as "sop=<SOP Instance UID>[ frame=<n>]" in its reason
      const ref = /sop=([0-9.]+)(?:\s+frame=(\d+))?/.exec(request.aiReason ?? '');
      if (ref) {
        const jump = el('button', 'tool', t('viewer.jumpToImage'));
        jump.type = 'button';
        jump.dataset.action = 'jump';
        jump.addEventListener('click', () => jumpTo(ref[1]!, Number(ref[2] ?? 1)));
        finding.append(' ', jump);
      }
      aiBox.append(finding);
    }
  };

  /** Retrieve Bulk Data (PS3.18 10.4.1.1.5) with the token; the first part's bytes. */
  async function fetchBulkData(uri: string): Promise<Uint8Array> {
    const bearer = await deps.token();
    const response = await fetch(uri, {
      headers: {
        Accept: 'multipart/related; type="application/octet-stream"',
        ...(bearer === undefined ? {} : { Authorization: `Bearer ${bearer}` }),
      },
    });
    if (!response.ok) throw new Error(`bulk data: HTTP ${response.status}`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    return firstPart(bytes, response.headers.get('Content-Type') ?? '') ?? bytes;
  }

  async function loadSeries(ds: DicomJsonDataset, prior?: PriorStudy): Promise<Series | undefined> {
    const uid = value(ds, 'SeriesInstanceUID');
    if (!uid) return undefined;
    const study = prior?.studyInstanceUid ?? studyUid;
    let instances: DicomJsonDataset[];
    try {
      instances = await deps.source.retrieveSeriesMetadata(study, uid);
    } catch {
      // an archive without Retrieve Metadata: the instance-level search with all attributes
      instances = await deps.source.searchForInstances(study, uid, { includefield: 'all' });
    }
    instances = await withPaletteData(instances, fetchBulkData);
    const frames = stackFrames(deps.source, study, uid, instances);
    const imageIds = registerFrames(frames, doc.baseURI);
    const sopIndex = new Map(frames.map((f, i) => [`${f.sopInstanceUID}/${f.frameNumber}`, i]));
    return {
      uid,
      description: value(ds, 'SeriesDescription') ?? '',
      modality: value(ds, 'Modality') ?? '',
      number: Number(value(ds, 'SeriesNumber') ?? 0),
      imageIds,
      sopIndex,
      ...(prior ? { prior } : {}),
    };
  }

  // ---- prior studies of the same patient, to compare side by side ----
  const priorBox = el('div', 'priors');
  async function offerPriors() {
    const here = await deps.source.searchForStudies({ match: { StudyInstanceUID: studyUid } });
    const patientId = here[0] ? value(here[0], 'PatientID') : undefined;
    if (!patientId || disposed) return;
    const priors = priorStudies(await deps.source.searchForStudies({ match: { PatientID: patientId }, limit: 50 }), studyUid);
    if (priors.length === 0 || disposed) return;
    priorBox.replaceChildren(el('h3', undefined, t('viewer.priors')));
    for (const prior of priors) {
      const b = el('button', 'prior', `${dicomDate(prior.studyDate)} ${prior.modalities} ${prior.description}`.trim());
      b.type = 'button';
      b.dataset.prior = prior.studyInstanceUid;
      b.title = t('viewer.comparePrior');
      b.addEventListener('click', () => void comparePrior(prior, b));
      priorBox.append(b);
    }
    thumbs.append(priorBox);
  }

  /** Loads the prior's series as thumbnails and shows its largest beside the current image. */
  async function comparePrior(prior: PriorStudy, button: HTMLButtonElement) {
    button.disabled = true;
    const found = await deps.source.searchForSeries(prior.studyInstanceUid);
    const loaded: Series[] = [];
    for (const ds of found) {
      const s = await loadSeries(ds, prior).catch(() => undefined);
      if (s && s.imageIds.length > 0) loaded.push(s);
    }
    if (disposed || loaded.length === 0) return;
    loaded.sort((a, b) => a.number - b.number);
    series.push(...loaded);
    loaded.forEach((s) => {
      thumbnail(s);
      thumbs.lastElementChild?.classList.add('prior');
    });
    if (layout === '1x1') await setLayout('1x2');
    const largest = [...loaded].sort((a, b) => b.imageIds.length - a.imageIds.length)[0]!;
    await showSeries(largest, panes[1] ?? active);
  }

  function thumbnail(s: Series) {
    const item = el('button', 'thumb');
    item.type = 'button';
    item.dataset.series = s.uid;
    const canvas = el('canvas');
    canvas.width = 96;
    canvas.height = 96;
    item.append(canvas, el('span', undefined, `#${s.number} ${s.modality} ${s.description}`), el('span', 'muted', `${s.imageIds.length} ${t('viewer.images')}`));
    item.addEventListener('click', () => void showSeries(s));
    thumbs.append(item);
    const middle = s.imageIds[Math.floor(s.imageIds.length / 2)];
    if (middle) {
      void utilities.loadImageToCanvas({ canvas, imageId: middle, thumbnail: true }).catch(() => item.classList.add('failed'));
    }
  }

  (async () => {
    setStatus(t('viewer.loading'));
    chooseTool('windowLevel');
    const requestLoad = deps.api.readingOfStudy(studyUid).then(async (r) => {
      request = r;
      if (code(r.state) === 'ready' || (code(r.state) === 'in_progress' && (r.claimExpired || !r.claimedBy))) {
        try {
          request = await deps.api.claim(r.id);
        } catch {
          // someone else holds it: read only
        }
      }
      renderInfo();
      if (!disposed && request) stopReport = mountReportPanel(reportBox, request, deps);
    }).catch((e: unknown) => {
      info.replaceChildren(el('p', 'error', `${t('viewer.noRequest')} (${String(e)})`));
    });
    // the pane, the series search and the reading request go out together; the first image
    // does not wait for the report panel
    const layoutReady = setLayout('1x1');
    layoutReady.catch(() => undefined);
    const found = await deps.source.searchForSeries(studyUid);
    mark('series-found');
    const ordered = [...found].sort((a, b) => Number(value(a, 'SeriesNumber') ?? 0) - Number(value(b, 'SeriesNumber') ?? 0));
    // the first series to show: the image series with the most instances
    const size = (d: DicomJsonDataset) => Number(value(d, 'NumberOfSeriesRelatedInstances') ?? 0);
    const first =
      ordered.find((d) => value(d, 'SeriesInstanceUID') === deps.focus?.series) ?? [...ordered].sort((a, b) => size(b) - size(a))[0];
    const firstSeries = first ? await loadSeries(first) : undefined;
    mark('metadata-loaded');
    await layoutReady;
    if (disposed) return;
    if (firstSeries) {
      series = [firstSeries];
      const focusIndex = deps.focus ? firstSeries.sopIndex.get(`${deps.focus.instance}/1`) : undefined;
      await showSeries(firstSeries, panes[0], focusIndex ?? 0);
    }
    await requestLoad;
    if (disposed) return;
    for (const ds of ordered) {
      if (ds === first) continue;
      const s = await loadSeries(ds).catch(() => undefined);
      if (s && s.imageIds.length > 0) series.push(s);
    }
    if (disposed) return;
    series.sort((a, b) => a.number - b.number);
    series.forEach(thumbnail);
    void offerPriors().catch(() => undefined);
    thumbs.querySelectorAll('.thumb').forEach((th) => th.classList.toggle('shown', (th as HTMLElement).dataset.series === firstSeries?.uid));
    const shownAt = panes[0]?.firstImageShownAt;
    setStatus(shownAt ? `${t('viewer.firstImage')} ${Math.round(shownAt - opened)} ms` : '');
    if (shownAt) screen.dataset.firstImageMs = String(Math.round(shownAt - opened));
  })().catch((e: unknown) => setStatus(`${t('viewer.loadFailed')}: ${String(e)}`));

  return () => {
    disposed = true;
    stopReport();
    cleanups.forEach((c) => c());
    const ids = panes.map((p) => p.viewportId);
    void startEngine(deps.token).then(({ tools }) => ids.forEach((id) => tools.removeViewports(RENDERING_ENGINE_ID, id)));
    panes.forEach((p) => p.dispose());
    panes = [];
    annotations.state.removeAllAnnotations();
  };
}
