import { describe, expect, it } from 'vitest';
import { TAGS, type DicomJsonDataset } from '../dicom-web';
import { withPaletteData, words } from './palette';

describe('palette data', () => {
  it('readsLittleEndianWords', () => {
    expect(words(new Uint8Array([0x01, 0x00, 0xff, 0xff, 0x00, 0x10]))).toEqual([1, 65535, 4096]);
  });

  it('fetchesReferencedPaletteDataOfPaletteColourImagesOnly', async () => {
    const palette: DicomJsonDataset = {
      [TAGS.PhotometricInterpretation]: { vr: 'CS', Value: ['PALETTE COLOR'] },
      [TAGS.RedPaletteColorLookupTableData]: { vr: 'OW', BulkDataURI: 'http://c/red' },
      [TAGS.GreenPaletteColorLookupTableData]: { vr: 'OW', InlineBinary: btoa('\u0002\u0000') },
      [TAGS.BluePaletteColorLookupTableData]: { vr: 'OW', Value: [7] },
    };
    const grey: DicomJsonDataset = { [TAGS.PhotometricInterpretation]: { vr: 'CS', Value: ['MONOCHROME2'] } };
    const asked: string[] = [];
    const [p, g] = await withPaletteData([palette, grey], async (uri) => {
      asked.push(uri);
      return new Uint8Array([3, 0, 4, 0]);
    });
    expect(asked).toEqual(['http://c/red']);
    expect(p![TAGS.RedPaletteColorLookupTableData]).toEqual({ vr: 'OW', Value: [3, 4] });
    expect(p![TAGS.GreenPaletteColorLookupTableData]).toEqual({ vr: 'OW', Value: [2] });
    expect(p![TAGS.BluePaletteColorLookupTableData]).toEqual({ vr: 'OW', Value: [7] });
    expect(g).toBe(grey);
  });
});
