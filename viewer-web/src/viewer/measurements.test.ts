import { describe, expect, it } from 'vitest';
import { describeMeasurement } from './measurements';

const stats = (toolName: string, s: Record<string, unknown>) => ({
  metadata: { toolName },
  data: { cachedStats: { 'imageId:wadors:x': s } },
});

describe('measurement text', () => {
  it('givesLengthsInMillimetres', () => {
    expect(describeMeasurement(stats('Length', { length: 42.345, unit: 'mm' }))).toBe('42.3 mm');
  });

  it('givesAnglesInDegrees', () => {
    expect(describeMeasurement(stats('Angle', { angle: 89.96 }))).toBe('90.0°');
  });

  it('givesMeanAndSdInHounsfieldUnitsWithTheArea', () => {
    expect(
      describeMeasurement(stats('EllipticalROI', { mean: 35.24, stdDev: 4.06, area: 120.56, areaUnit: 'mm²', modalityUnit: 'HU' })),
    ).toBe('35.2 ± 4.1 HU, 120.6 mm²');
    expect(describeMeasurement(stats('RectangleROI', { mean: -1, stdDev: 0, modalityUnit: 'HU' }))).toBe('-1.0 ± 0.0 HU');
  });

  it('waitsForStatisticsBeforeSayingAnything', () => {
    expect(describeMeasurement({ metadata: { toolName: 'Length' }, data: {} })).toBeUndefined();
    expect(describeMeasurement(stats('Length', { length: Number.NaN }))).toBeUndefined();
    expect(describeMeasurement(stats('Probe', { value: 3 }))).toBeUndefined();
  });
});
