/**
 * Palette colour images (PS3.3 C.7.6.3.1.5): Retrieve Metadata may give the palette's lookup
 * table data as BulkDataURIs, while the image loader needs their values. This fetches them once
 * per series and puts the 16-bit entries in place.
 */
import { TAGS, value, type DicomJsonDataset } from '../dicom-web';

const PALETTE_DATA = [
  TAGS.RedPaletteColorLookupTableData,
  TAGS.GreenPaletteColorLookupTableData,
  TAGS.BluePaletteColorLookupTableData,
] as const;

/** Little-endian 16-bit words (OW in the explicit VR little endian of WADO-RS bulk data). */
export function words(bytes: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    out.push(bytes[i]! | (bytes[i + 1]! << 8));
  }
  return out;
}

/** The instances with palette data fetched where it was only referenced; others unchanged. */
export async function withPaletteData(
  instances: readonly DicomJsonDataset[],
  fetchBulkData: (uri: string) => Promise<Uint8Array>,
): Promise<DicomJsonDataset[]> {
  return Promise.all(
    instances.map(async (instance) => {
      if (value(instance, 'PhotometricInterpretation') !== 'PALETTE COLOR') {
        return instance;
      }
      const copy: Record<string, DicomJsonDataset[string]> = { ...instance };
      for (const tag of PALETTE_DATA) {
        const attribute = instance[tag];
        if (attribute?.BulkDataURI && !attribute.Value) {
          try {
            copy[tag] = { vr: attribute.vr, Value: words(await fetchBulkData(attribute.BulkDataURI)) };
          } catch {
            // not retrievable: the image shows what the loader can make of it
          }
        } else if (attribute?.InlineBinary && !attribute.Value) {
          const raw = Uint8Array.from(atob(attribute.InlineBinary), (c) => c.charCodeAt(0));
          copy[tag] = { vr: attribute.vr, Value: words(raw) };
        }
      }
      return copy;
    }),
  );
}
