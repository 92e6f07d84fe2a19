import { describe, expect, it } from 'vitest';
import type { DicomJsonDataset } from '../dicom-web';
import { priorStudies } from './priors';

const study = (uid: string, date?: string, modalities: string[] = ['CT'], description = ''): DicomJsonDataset => ({
  '0020000D': { vr: 'UI', Value: [uid] },
  ...(date ? { '00080020': { vr: 'DA', Value: [date] } } : {}),
  '00080061': { vr: 'CS', Value: modalities },
  '00081030': { vr: 'LO', Value: [description] },
});

describe('priorStudies', () => {
  it('leaves out the study on screen and lists the others newest first, undated last', () => {
    const found = [study('1.1', '20240102'), study('1.2', '20260301'), study('1.3'), study('1.4', '20251111')];
    expect(priorStudies(found, '1.2').map((p) => p.studyInstanceUid)).toEqual(['1.4', '1.1', '1.3']);
  });

  it('lists a study once even when the archive answers it twice, with its modalities', () => {
    const found = [study('1.1', '20240102', ['CT', 'SR'], '头颅平扫'), study('1.1', '20240102')];
    expect(priorStudies(found, '9.9')).toEqual([
      { studyInstanceUid: '1.1', studyDate: '20240102', description: '头颅平扫', modalities: 'CT/SR' },
    ]);
  });

  it('offers at most the given number', () => {
    const found = Array.from({ length: 30 }, (_, i) => study(`1.${i}`, `2020${String(i % 12 + 1).padStart(2, '0')}01`));
    expect(priorStudies(found, 'x', 5)).toHaveLength(5);
  });

  it('offers nothing when the patient has no other study', () => {
    expect(priorStudies([study('1.2', '20260301')], '1.2')).toEqual([]);
  });
});
