import { describe, expect, it } from 'vitest';
import { controlRenderScale, MIN_RENDER_SCALE, renderScale } from './render-scale';

const ct = { columns: 512, rows: 512 };

describe('render scale', () => {
  it('drawsAPaneLargerThanItsImageAtTheImagesResolution', () => {
    // a 512 × 512 CT fitted into 1058 × 896 CSS pixels: 512 rows over 896 pixels
    const scale = renderScale(1, [{ cssWidth: 1058, cssHeight: 896, ...ct }]);
    expect(scale).toBeGreaterThanOrEqual(512 / 896);
    expect(scale).toBeLessThan(512 / 896 + 1 / 16);
    // every image row still has a canvas row of its own
    expect(Math.round(896 * scale)).toBeGreaterThanOrEqual(512);
  });

  it('neverDrawsAboveTheScreensRatio', () => {
    // a 2500-row radiograph in the same pane needs more pixels than a 1× screen has
    expect(renderScale(1, [{ cssWidth: 1058, cssHeight: 896, columns: 2048, rows: 2500 }])).toBe(1);
    expect(renderScale(2, [{ cssWidth: 1058, cssHeight: 896, columns: 2048, rows: 2500 }])).toBe(2);
  });

  it('neverDrawsBelowTheFloor', () => {
    expect(renderScale(2, [{ cssWidth: 1000, cssHeight: 1000, columns: 64, rows: 64 }])).toBe(MIN_RENDER_SCALE);
  });

  it('letsTheMostDemandingPaneDecide', () => {
    const small = { cssWidth: 500, cssHeight: 440, ...ct };
    const radiograph = { cssWidth: 500, cssHeight: 440, columns: 2048, rows: 2500 };
    expect(renderScale(2, [small])).toBe(Math.ceil((512 / 440) * 16) / 16);
    expect(renderScale(2, [small, radiograph])).toBe(2);
  });

  it('keepsTheScreensRatioWhileNoPaneShowsAnImage', () => {
    expect(renderScale(1.5, [])).toBe(1.5);
    expect(renderScale(1.5, [{ cssWidth: 0, cssHeight: 0, ...ct }])).toBe(1.5);
    expect(renderScale(1.5, [{ cssWidth: 800, cssHeight: 600, columns: 0, rows: 0 }])).toBe(1.5);
  });

  it('answersDevicePixelRatioWithTheScaleAndGivesTheScreensBack', () => {
    let screenRatio = 2;
    const win = Object.create({
      get devicePixelRatio() {
        return screenRatio;
      },
    }) as Window;
    const control = controlRenderScale(win);
    expect(win.devicePixelRatio).toBe(2);
    expect(control.set(0.625)).toBe(true);
    expect(win.devicePixelRatio).toBe(0.625);
    expect(control.set(0.625)).toBe(false);
    expect(control.screen()).toBe(2);
    // the window moves to another screen: the real ratio follows, the scale stays
    screenRatio = 1;
    expect(control.screen()).toBe(1);
    expect(win.devicePixelRatio).toBe(0.625);
    expect(control.set(undefined)).toBe(true);
    expect(win.devicePixelRatio).toBe(1);
    expect(controlRenderScale(win)).toBe(control);
  });
});
