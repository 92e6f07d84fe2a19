import { describe, expect, it } from 'vitest';
import { createDicomWebSource, TAGS, type DicomJsonDataset } from '../dicom-web';
import {
  firstPart,
  FRAMES_AS_NATIVE,
  FRAMES_AS_STORED,
  framesAccept,
  isImage,
  loaderMetadata,
  orderInstances,
  scrollIndex,
  slicePosition,
  stackFrames,
} from './stack';

const AXIAL = [1, 0, 0, 0, 1, 0];

function instance(sop: string, n: number, z?: number, frames?: number): DicomJsonDataset {
  const d: Record<string, { vr: string; Value: unknown[] }> = {
    [TAGS.SOPInstanceUID]: { vr: 'UI', Value: [sop] },
    [TAGS.InstanceNumber]: { vr: 'IS', Value: [n] },
  };
  if (z !== undefined) {
    d[TAGS.ImagePositionPatient] = { vr: 'DS', Value: [-120, -120, z] };
    d[TAGS.ImageOrientationPatient] = { vr: 'DS', Value: AXIAL };
  }
  if (frames !== undefined) {
    d[TAGS.NumberOfFrames] = { vr: 'IS', Value: [frames] };
  }
  return d;
}

const sop = (d: DicomJsonDataset) => d[TAGS.SOPInstanceUID]!.Value![0];

describe('stack order', () => {
  it('projectsThePositionOnTheSliceNormal', () => {
    expect(slicePosition(instance('a', 1, -35.5))).toBe(-35.5);
    expect(slicePosition(instance('a', 1))).toBeUndefined();
  });

  it('stacksHeadFirstByPositionWhateverTheInstanceNumbers', () => {
    const ordered = orderInstances([instance('low', 1, -50), instance('high', 3, 10), instance('mid', 2, -20)]);
    expect(ordered.map(sop)).toEqual(['high', 'mid', 'low']);
  });

  it('fallsBackToInstanceNumberWithoutGeometry', () => {
    const ordered = orderInstances([instance('c', 3), instance('a', 1, 5), instance('b', 2)]);
    expect(ordered.map(sop)).toEqual(['a', 'b', 'c']);
  });

  it('listsEveryFrameOfAMultiFrameInstanceWithItsUrl', () => {
    const source = createDicomWebSource({ baseUrl: '/dicom-web' });
    const frames = stackFrames(source, '1.2', '1.2.3', [instance('1.2.3.4', 1, undefined, 3)]);
    expect(frames.map((f) => f.frameNumber)).toEqual([1, 2, 3]);
    expect(frames[2]!.url).toBe('/dicom-web/studies/1.2/series/1.2.3/instances/1.2.3.4/frames/3');
  });

  it('asksForThirtyTwoBitImagesAsNativeSamplesAndAllElseAsStored', () => {
    const dose = { ...instance('dose', 1, undefined, 2), [TAGS.BitsAllocated]: { vr: 'US', Value: [32] } };
    const ct = { ...instance('ct', 1), [TAGS.BitsAllocated]: { vr: 'US', Value: [16] } };
    expect(framesAccept(dose)).toBe(FRAMES_AS_NATIVE);
    expect(FRAMES_AS_NATIVE).toContain('transfer-syntax=1.2.840.10008.1.2.1');
    expect(framesAccept(ct)).toBe(FRAMES_AS_STORED);
    expect(framesAccept(instance('no-pixel-module', 1))).toBe(FRAMES_AS_STORED);
    const source = createDicomWebSource({ baseUrl: '/dicom-web' });
    expect(stackFrames(source, '1.2', '1.2.3', [dose]).map((f) => f.accept)).toEqual([FRAMES_AS_NATIVE, FRAMES_AS_NATIVE]);
  });

  it('leavesInstancesWithoutPixelsOutOfTheStack', () => {
    const pdf = { ...instance('report', 1), [TAGS.SOPClassUID]: { vr: 'UI', Value: ['1.2.840.10008.5.1.4.1.1.104.1'] } };
    const sr = { ...instance('sr', 2), [TAGS.SOPClassUID]: { vr: 'UI', Value: ['1.2.840.10008.5.1.4.1.1.88.22'] } };
    const ct = { ...instance('ct', 3), [TAGS.SOPClassUID]: { vr: 'UI', Value: ['1.2.840.10008.5.1.4.1.1.2'] } };
    const noRows = { ...ct, [TAGS.Rows]: { vr: 'US', Value: [0] } };
    const rtDose = { ...instance('dose', 4), [TAGS.SOPClassUID]: { vr: 'UI', Value: ['1.2.840.10008.5.1.4.1.1.481.2'] } };
    expect([pdf, sr, ct, noRows, rtDose].map(isImage)).toEqual([false, false, true, false, true]);
    // a document that says it has rows is taken at its word
    expect(isImage({ ...pdf, [TAGS.Rows]: { vr: 'US', Value: [512] } })).toBe(true);
    const source = createDicomWebSource({ baseUrl: '/dicom-web' });
    expect(stackFrames(source, '1.2', '1.2.3', [pdf, ct, sr]).map((f) => f.sopInstanceUID)).toEqual(['ct']);
  });

  it('keepsScrollingInsideTheStack', () => {
    expect(scrollIndex(0, -1, 10)).toBe(0);
    expect(scrollIndex(9, 5, 10)).toBe(9);
    expect(scrollIndex(4, 3, 10)).toBe(7);
    expect(scrollIndex(3, 1, 0)).toBe(0);
  });
});

describe('loader metadata', () => {
  it('givesAnImageWithoutModalityAnEmptyOne', () => {
    const copy = loaderMetadata(instance('a', 1));
    expect(copy[TAGS.Modality]).toEqual({ vr: 'CS', Value: [''] });
    const ct = { ...instance('b', 1), [TAGS.Modality]: { vr: 'CS', Value: ['CT'] } };
    expect(loaderMetadata(ct)[TAGS.Modality]).toEqual({ vr: 'CS', Value: ['CT'] });
  });
});

describe('multipart first part', () => {
  it('takesTheBytesBetweenTheHeadersAndTheNextBoundary', () => {
    const body = new TextEncoder().encode('--b1\r\nContent-Type: application/octet-stream\r\n\r\nABC\r\n--b1--\r\n');
    const part = firstPart(body, 'multipart/related; type="application/octet-stream"; boundary=b1');
    expect(new TextDecoder().decode(part)).toBe('ABC');
  });

  it('saysNothingForABodyThatIsNotMultipart', () => {
    expect(firstPart(new Uint8Array([1, 2]), 'application/octet-stream')).toBeUndefined();
  });
});
