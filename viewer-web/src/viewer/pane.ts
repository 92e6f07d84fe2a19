/**
 * One image pane of the study screen: a Cornerstone3D stack viewport with overlay text in the
 * corners, a scrollbar, and the pane's own actions (scroll, window presets, invert, fit, cine).
 * Frames come from WADO-RS; the first one shows as soon as it is decoded while the rest prefetch.
 */
import { Enums, eventTarget, type RenderingEngine, type StackViewport, type Types } from '@cornerstonejs/core';
import { utilities as toolUtilities } from '@cornerstonejs/tools';
import { metadataOf } from './engine';
import { formatWindow, toRange, toWindow, type Window } from './presets';
import type { PaneExtent } from './render-scale';
import { scrollIndex } from './stack';

export interface PaneText {
  /** top left: patient and study */
  readonly patient: string[];
  /** top right: series */
  readonly series: string[];
}

/** What the pane reports to the screen (for the e2e tests and the status line). */
export interface PaneState {
  readonly index: number;
  readonly count: number;
  readonly loaded: number;
  readonly window?: Window;
  readonly invert: boolean;
  readonly zoom: number;
}

let nextId = 0;

export class Pane {
  readonly element: HTMLDivElement;
  readonly root: HTMLDivElement;
  readonly viewportId = `pane-${nextId++}`;
  #viewport: StackViewport | undefined;
  #imageIds: string[] = [];
  #loaded = new Set<string>();
  #text: PaneText = { patient: [], series: [] };
  #cine = false;
  readonly #corners: Record<'tl' | 'tr' | 'bl' | 'br', HTMLDivElement>;
  readonly #scrollbar: HTMLInputElement;
  readonly #onChange: (pane: Pane) => void;
  readonly #stopLoaded: () => void;
  firstImageShownAt: number | undefined;

  constructor(
    doc: Document,
    private readonly engine: RenderingEngine,
    onChange: (pane: Pane) => void,
  ) {
    this.#onChange = onChange;
    this.root = doc.createElement('div');
    this.root.className = 'pane';
    this.root.tabIndex = -1;
    this.element = doc.createElement('div');
    this.element.className = 'pane-image';
    this.element.addEventListener('contextmenu', (e) => e.preventDefault());
    const corner = (c: string) => {
      const div = doc.createElement('div');
      div.className = `overlay overlay-${c}`;
      return div;
    };
    this.#corners = { tl: corner('tl'), tr: corner('tr'), bl: corner('bl'), br: corner('br') };
    this.#scrollbar = doc.createElement('input');
    this.#scrollbar.type = 'range';
    this.#scrollbar.className = 'pane-scroll';
    this.#scrollbar.min = '0';
    this.#scrollbar.setAttribute('orient', 'vertical');
    this.#scrollbar.setAttribute('aria-label', 'slice');
    this.#scrollbar.addEventListener('input', () => void this.show(Number(this.#scrollbar.value)));
    this.root.append(this.element, ...Object.values(this.#corners), this.#scrollbar);

    const update = () => this.#update();
    for (const event of [Enums.Events.STACK_NEW_IMAGE, Enums.Events.VOI_MODIFIED, Enums.Events.CAMERA_MODIFIED]) {
      this.element.addEventListener(event, update);
    }
    this.element.addEventListener(Enums.Events.IMAGE_RENDERED, () => {
      if (this.firstImageShownAt === undefined && this.#viewport?.getImageData() !== undefined) {
        this.firstImageShownAt = performance.now();
        performance.mark('qianli:study-first-image');
        // the frame that shows it: the next animation frame after this one was painted
        requestAnimationFrame(() => requestAnimationFrame(() => performance.mark('qianli:study-first-image-painted')));
        this.root.dataset.rendered = 'true';
        this.#onChange(this);
      }
    });
    const onLoaded = (event: Event) => {
      const imageId = (event as CustomEvent<{ image?: { imageId?: string } }>).detail?.image?.imageId;
      if (imageId !== undefined && this.#imageIds.includes(imageId) && !this.#loaded.has(imageId)) {
        if (this.#loaded.size === 0) performance.mark('qianli:study-first-image-loaded');
        this.#loaded.add(imageId);
        this.#update();
      }
    };
    eventTarget.addEventListener(Enums.Events.IMAGE_LOADED, onLoaded);
    this.#stopLoaded = () => eventTarget.removeEventListener(Enums.Events.IMAGE_LOADED, onLoaded);
  }

  /** Enables the viewport once the pane is in the document (it needs a size). */
  enable(): void {
    if (this.#viewport !== undefined) {
      return;
    }
    this.engine.enableElement({
      viewportId: this.viewportId,
      type: Enums.ViewportType.STACK,
      element: this.element,
      defaultOptions: { background: [0, 0, 0] as Types.Point3 },
    });
    this.#viewport = this.engine.getViewport(this.viewportId) as StackViewport;
  }

  get viewport(): StackViewport | undefined {
    return this.#viewport;
  }

  get imageIds(): readonly string[] {
    return this.#imageIds;
  }

  /** Shows a stack from its first image (or the given one); the rest prefetch in the background. */
  async load(imageIds: string[], text: PaneText, index = 0): Promise<void> {
    this.enable();
    this.stopCine();
    toolUtilities.stackPrefetch.disable(this.element);
    this.#imageIds = imageIds;
    this.#loaded = new Set();
    this.#text = text;
    this.firstImageShownAt = undefined;
    delete this.root.dataset.rendered;
    this.#scrollbar.max = String(Math.max(0, imageIds.length - 1));
    this.#scrollbar.value = String(index);
    performance.mark('qianli:study-stack-set');
    await this.#viewport!.setStack(imageIds, index);
    this.#viewport!.render();
    // the rest of the stack loads once the first image is on screen, not in its way
    const idle = window.requestIdleCallback ?? ((run: () => void) => window.setTimeout(run, 50));
    idle(() => {
      if (this.#imageIds === imageIds) toolUtilities.stackPrefetch.enable(this.element);
    }, { timeout: 300 });
    this.#update();
  }

  get state(): PaneState {
    const vp = this.#viewport;
    const props = vp?.getProperties();
    const range = props?.voiRange;
    return {
      index: vp?.getCurrentImageIdIndex() ?? 0,
      count: this.#imageIds.length,
      loaded: this.#loaded.size,
      ...(range ? { window: toWindow(range) } : {}),
      invert: props?.invert ?? false,
      zoom: this.#imageIds.length > 0 && vp ? vp.getZoom() : 1,
    };
  }

  /** The pane's size on screen and the size of the image it shows, or would show from these ids. */
  extent(imageIds: readonly string[] = this.#imageIds, index = this.state.index): PaneExtent | undefined {
    const imageId = imageIds[Math.max(0, Math.min(index, imageIds.length - 1))];
    const pixel = imageId ? metadataOf<{ rows?: number; columns?: number }>('imagePixelModule', imageId) : undefined;
    if (!pixel?.rows || !pixel.columns) {
      return undefined;
    }
    return { cssWidth: this.element.clientWidth, cssHeight: this.element.clientHeight, rows: pixel.rows, columns: pixel.columns };
  }

  async show(index: number): Promise<void> {
    const vp = this.#viewport;
    if (vp === undefined || this.#imageIds.length === 0) {
      return;
    }
    await vp.setImageIdIndex(scrollIndex(index, 0, this.#imageIds.length));
  }

  async scroll(delta: number): Promise<void> {
    await this.show(this.state.index + delta);
  }

  setWindow(window: Window): void {
    this.#viewport?.setProperties({ voiRange: toRange(window) });
    this.#viewport?.render();
  }

  toggleInvert(): void {
    const vp = this.#viewport;
    if (vp) {
      vp.setProperties({ invert: !vp.getProperties().invert });
      vp.render();
    }
  }

  /** Fits the image to the pane, undoing zoom and pan. */
  fit(): void {
    this.#viewport?.resetCamera();
    this.#viewport?.render();
  }

  /** Back to how the image first showed: camera, window and inversion. */
  reset(): void {
    this.#viewport?.resetProperties();
    this.fit();
  }

  get cine(): boolean {
    return this.#cine;
  }

  toggleCine(framesPerSecond = 20): void {
    if (this.#cine) {
      this.stopCine();
    } else if (this.#imageIds.length > 1) {
      toolUtilities.cine.playClip(this.element, { framesPerSecond, loop: true });
      this.#cine = true;
      this.#onChange(this);
    }
  }

  stopCine(): void {
    if (this.#cine) {
      toolUtilities.cine.stopClip(this.element);
      this.#cine = false;
      this.#onChange(this);
    }
  }

  dispose(): void {
    this.stopCine();
    this.#stopLoaded();
    if (this.#viewport !== undefined) {
      toolUtilities.stackPrefetch.disable(this.element);
      this.engine.disableElement(this.viewportId);
      this.#viewport = undefined;
    }
  }

  #update(): void {
    const s = this.state;
    const imageId = this.#imageIds[s.index];
    const plane = imageId ? metadataOf<{ sliceLocation?: number; sliceThickness?: number }>('imagePlaneModule', imageId) : undefined;
    const lines = (div: HTMLDivElement, text: readonly string[]) => {
      div.replaceChildren(...text.filter((t) => t !== '').map((t) => Object.assign(div.ownerDocument.createElement('div'), { textContent: t })));
    };
    lines(this.#corners.tl, this.#text.patient);
    lines(this.#corners.tr, [...this.#text.series, s.count > 0 ? `Im ${s.index + 1}/${s.count}` : '']);
    lines(this.#corners.bl, [
      s.window ? formatWindow(s.window) : '',
      `Zoom ${s.zoom.toFixed(2)}`,
      s.invert ? 'INV' : '',
      this.#cine ? 'CINE' : '',
    ]);
    lines(this.#corners.br, [
      plane?.sliceThickness ? `T ${Number(plane.sliceThickness).toFixed(1)} mm` : '',
      plane?.sliceLocation !== undefined && plane.sliceLocation !== null ? `L ${Number(plane.sliceLocation).toFixed(1)} mm` : '',
      s.loaded < s.count ? `${s.loaded}/${s.count}` : '',
    ]);
    this.#scrollbar.value = String(s.index);
    this.root.dataset.index = String(s.index);
    this.root.dataset.count = String(s.count);
    this.#onChange(this);
  }
}
