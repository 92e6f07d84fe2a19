import { describe, expect, it } from 'vitest';
import { CT_PRESETS, formatWindow, matchingPreset, presetForKey, toRange, toWindow } from './presets';

describe('CT presets', () => {
  it('areTheUsualHounsfieldWindows', () => {
    expect(CT_PRESETS.brain).toEqual({ center: 40, width: 80 });
    expect(CT_PRESETS.lung).toEqual({ center: -600, width: 1500 });
    expect(toRange(CT_PRESETS.lung)).toEqual({ lower: -1350, upper: 150 });
    expect(toRange(CT_PRESETS.mediastinum)).toEqual({ lower: -125, upper: 225 });
  });

  it('roundTripsBetweenWindowAndRange', () => {
    for (const w of Object.values(CT_PRESETS)) {
      expect(toWindow(toRange(w))).toEqual(w);
    }
  });

  it('neverMakesAnEmptyRange', () => {
    expect(toRange({ center: 10, width: 0 })).toEqual({ lower: 9.5, upper: 10.5 });
    expect(toWindow({ lower: 5, upper: 5 }).width).toBe(1);
  });

  it('mapsNumberKeysOneToSixToPresets', () => {
    expect(presetForKey('1')).toBe('brain');
    expect(presetForKey('3')).toBe('lung');
    expect(presetForKey('6')).toBe('abdomen');
    expect(presetForKey('0')).toBeUndefined();
    expect(presetForKey('7')).toBeUndefined();
    expect(presetForKey('1a')).toBeUndefined();
  });

  it('recognisesTheActivePreset', () => {
    expect(matchingPreset({ center: 40, width: 80 })).toBe('brain');
    expect(matchingPreset({ center: 41, width: 80 })).toBeUndefined();
    expect(formatWindow({ center: -600.4, width: 1500.2 })).toBe('W 1500 L -600');
  });
});
