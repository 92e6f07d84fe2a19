/**
 * Measurements as text for the list beside the images: lengths in mm, angles in degrees,
 * and for rectangle and ellipse regions the mean and standard deviation (HU on CT) and area.
 */

export interface MeasurementAnnotation {
  readonly annotationUID?: string;
  readonly metadata: { readonly toolName: string; readonly referencedImageId?: string };
  readonly data: { readonly cachedStats?: Readonly<Record<string, Readonly<Record<string, unknown>>>> };
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const fixed = (v: number, digits: number) => v.toFixed(digits);

/** One line for a measurement, or undefined while its statistics are not computed yet. */
export function describeMeasurement(annotation: MeasurementAnnotation): string | undefined {
  const stats = Object.values(annotation.data.cachedStats ?? {})[0];
  if (stats === undefined) {
    return undefined;
  }
  switch (annotation.metadata.toolName) {
    case 'Length': {
      const length = num(stats.length);
      return length === undefined ? undefined : `${fixed(length, 1)} ${String(stats.unit ?? 'mm')}`;
    }
    case 'Angle': {
      const angle = num(stats.angle);
      return angle === undefined ? undefined : `${fixed(angle, 1)}°`;
    }
    case 'RectangleROI':
    case 'EllipticalROI': {
      const mean = num(stats.mean);
      const sd = num(stats.stdDev);
      const area = num(stats.area);
      if (mean === undefined || sd === undefined) {
        return undefined;
      }
      const unit = String(stats.modalityUnit ?? '');
      const areaText = area === undefined ? '' : `, ${fixed(area, 1)} ${String(stats.areaUnit ?? 'mm²')}`;
      return `${fixed(mean, 1)} ± ${fixed(sd, 1)} ${unit}`.trimEnd() + areaText;
    }
    default:
      return undefined;
  }
}
