/**
 * How many canvas pixels a pane draws per CSS pixel.
 *
 * WebGL shades every pixel of the canvas, and on a workstation without a graphics card (software
 * WebGL, common on the district's PCs) that shading is what limits the scroll rate. A pane larger
 * than its image gains nothing from drawing more pixels than the image has across it at fit:
 * every image pixel still gets at least one canvas pixel (more once zoomed in), and the browser
 * scales the canvas up to the pane. So a pane draws at its image's own resolution, never above the
 * screen's and never below {@link MIN_RENDER_SCALE}. With several panes the most demanding one
 * decides, since Cornerstone3D has one ratio for all of them.
 *
 * Cornerstone3D reads `window.devicePixelRatio` wherever it sizes a canvas or maps canvas to
 * world coordinates, so the scale is applied by answering that property: sizes and the tools'
 * coordinates stay consistent with each other. Layout and CSS never read it.
 */

/** What decides one pane's scale: its size on screen and the size of the image it shows. */
export interface PaneExtent {
  readonly cssWidth: number;
  readonly cssHeight: number;
  readonly columns: number;
  readonly rows: number;
}

export const MIN_RENDER_SCALE = 0.5;

/** Scales move in steps of 1/16, so that a pane resized by a pixel does not redraw at another. */
const STEP = 16;

/** The ratio the panes draw at: the screen's, or less where no pane's image needs it. */
export function renderScale(screenRatio: number, panes: readonly PaneExtent[]): number {
  let wanted = 0;
  for (const p of panes) {
    if (p.cssWidth > 0 && p.cssHeight > 0 && p.columns > 0 && p.rows > 0) {
      // image pixels per CSS pixel when the image fits the pane
      wanted = Math.max(wanted, p.columns / p.cssWidth, p.rows / p.cssHeight);
    }
  }
  if (wanted === 0) {
    return screenRatio;
  }
  return Math.min(screenRatio, Math.max(MIN_RENDER_SCALE, Math.ceil(wanted * STEP) / STEP));
}

export interface RenderScaleControl {
  /** The screen's own device pixel ratio. */
  screen(): number;
  /** The ratio Cornerstone3D sees now. */
  current(): number;
  /** Sets the ratio (undefined: the screen's); true if it changed. */
  set(scale: number | undefined): boolean;
}

/** Makes `devicePixelRatio` of the window answer the render scale; once per window. */
export function controlRenderScale(win: Window): RenderScaleControl {
  const existing = (win as { qianliRenderScale?: RenderScaleControl }).qianliRenderScale;
  if (existing) {
    return existing;
  }
  const screen = screenRatioOf(win);
  let scale: number | undefined;
  Object.defineProperty(win, 'devicePixelRatio', {
    configurable: true,
    enumerable: true,
    get: () => scale ?? screen(),
  });
  const control: RenderScaleControl = {
    screen,
    current: () => scale ?? screen(),
    set(next) {
      const before = control.current();
      scale = next;
      return control.current() !== before;
    },
  };
  (win as { qianliRenderScale?: RenderScaleControl }).qianliRenderScale = control;
  return control;
}

/** Reads the real ratio through the window's own getter (it follows the screen the window is on). */
function screenRatioOf(win: Window): () => number {
  for (let o: object | null = win; o !== null; o = Object.getPrototypeOf(o)) {
    const d = Object.getOwnPropertyDescriptor(o, 'devicePixelRatio');
    if (d?.get) {
      const get = d.get;
      return () => Number(get.call(win)) || 1;
    }
    if (d && typeof d.value === 'number') {
      const value = d.value;
      return () => value || 1;
    }
  }
  return () => 1;
}
