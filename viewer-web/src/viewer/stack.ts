/**
 * From a series' metadata (DICOM JSON) to the ordered frames a stack viewport shows:
 * along the slice normal when positions and orientation are there (PS3.3 C.7.6.2),
 * else by Instance Number; each frame of a multi-frame instance in turn.
 */
import { TAGS, value, values, type DicomJsonDataset, type DicomWebSource } from '../dicom-web';

export interface StackFrame {
  readonly sopInstanceUID: string;
  /** numbered from 1 */
  readonly frameNumber: number;
  readonly url: string;
  readonly metadata: DicomJsonDataset;
  /** the Accept header its Retrieve Frames request goes with */
  readonly accept: string;
}

/** Retrieve Frames (PS3.18 8.7.3.5) in whatever transfer syntax the archive has them. */
export const FRAMES_AS_STORED = 'multipart/related; type="application/octet-stream"; transfer-syntax=*';
/** Retrieve Frames as native samples, Explicit VR Little Endian. */
export const FRAMES_AS_NATIVE = 'multipart/related; type="application/octet-stream"; transfer-syntax=1.2.840.10008.1.2.1';

/**
 * How an instance's frames are asked for. The image loader decodes RLE Lossless of 8 and 16
 * bits only, and 32-bit images (RT dose, parametric maps) are stored native or RLE, so those
 * come as native samples, which an archive has or decodes; all else comes as stored and is
 * decoded in the browser.
 */
export function framesAccept(instance: DicomJsonDataset): string {
  return Number(value(instance, 'BitsAllocated')) === 32 ? FRAMES_AS_NATIVE : FRAMES_AS_STORED;
}

/** The position of an instance along its slice normal, if its geometry says. */
export function slicePosition(instance: DicomJsonDataset): number | undefined {
  const position = values(instance, 'ImagePositionPatient').map(Number);
  const orientation = values(instance, 'ImageOrientationPatient').map(Number);
  if (position.length !== 3 || orientation.length !== 6 || [...position, ...orientation].some(Number.isNaN)) {
    return undefined;
  }
  const [r1, r2, r3, c1, c2, c3] = orientation as [number, number, number, number, number, number];
  const normal = [r2 * c3 - r3 * c2, r3 * c1 - r1 * c3, r1 * c2 - r2 * c1] as const;
  return position[0]! * normal[0] + position[1]! * normal[1] + position[2]! * normal[2];
}

/** Orders instances for stacking: by slice position when all have one, else by Instance Number. */
export function orderInstances(instances: readonly DicomJsonDataset[]): DicomJsonDataset[] {
  const positions = instances.map(slicePosition);
  const byNumber = (a: DicomJsonDataset, b: DicomJsonDataset) =>
    (value(a, 'InstanceNumber') ?? 0) - (value(b, 'InstanceNumber') ?? 0);
  if (positions.every((p) => p !== undefined) && new Set(positions).size === positions.length) {
    // head first: the highest position (superior) at the top of the stack, as radiologists scroll
    return instances
      .map((instance, i) => ({ instance, p: positions[i]! }))
      .sort((a, b) => b.p - a.p)
      .map((x) => x.instance);
  }
  return [...instances].sort(byNumber);
}

/**
 * SOP classes without pixels that a study holds beside its images: encapsulated documents (the
 * signed report as PDF), structured reports and key objects, presentation states, RT plans and
 * structure sets, waveforms, raw data and registrations.
 */
const NON_IMAGE_CLASSES = [
  '1.2.840.10008.5.1.4.1.1.104.',
  '1.2.840.10008.5.1.4.1.1.88.',
  '1.2.840.10008.5.1.4.1.1.11.',
  '1.2.840.10008.5.1.4.1.1.9.',
  '1.2.840.10008.5.1.4.1.1.66',
  '1.2.840.10008.5.1.4.1.1.481.3',
  '1.2.840.10008.5.1.4.1.1.481.4',
  '1.2.840.10008.5.1.4.1.1.481.5',
  '1.2.840.10008.5.1.4.1.1.481.6',
  '1.2.840.10008.5.1.4.1.1.481.7',
  '1.2.840.10008.5.1.4.1.1.481.8',
  '1.2.840.10008.5.1.4.1.1.481.9',
];

/** An instance with frames to show: it says it has rows, or says nothing of them and is not of a class without pixels. */
export function isImage(instance: DicomJsonDataset): boolean {
  const rows = value(instance, 'Rows');
  if (rows !== undefined) {
    return Number(rows) > 0;
  }
  const sopClass = value(instance, 'SOPClassUID') ?? '';
  return !NON_IMAGE_CLASSES.some((c) => (c.endsWith('.') ? sopClass.startsWith(c) : sopClass === c));
}

/** The frames of a series, in viewing order, with their Retrieve Frames URLs. */
export function stackFrames(
  source: Pick<DicomWebSource, 'frameUrl'>,
  studyInstanceUID: string,
  seriesInstanceUID: string,
  instances: readonly DicomJsonDataset[],
): StackFrame[] {
  const frames: StackFrame[] = [];
  for (const instance of orderInstances(instances)) {
    const sop = value(instance, 'SOPInstanceUID');
    if (sop === undefined || !isImage(instance)) {
      continue;
    }
    const count = Math.max(1, Number(value(instance, 'NumberOfFrames') ?? 1) || 1);
    const accept = framesAccept(instance);
    for (let frame = 1; frame <= count; frame++) {
      frames.push({
        sopInstanceUID: sop,
        frameNumber: frame,
        url: source.frameUrl(studyInstanceUID, seriesInstanceUID, sop, frame),
        metadata: instance,
        accept,
      });
    }
  }
  return frames;
}

/** The index shown after scrolling by delta, kept within the stack. */
export function scrollIndex(current: number, delta: number, length: number): number {
  if (length <= 0) {
    return 0;
  }
  return Math.min(length - 1, Math.max(0, current + delta));
}

/**
 * The copy of an instance's metadata the image loader gets. The loader reads Modality as a
 * string, so an image without one (some secondary captures) gets an empty value rather than
 * stopping it; nothing else changes.
 */
export function loaderMetadata(instance: DicomJsonDataset): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...instance };
  if (typeof value(instance, 'Modality') !== 'string') {
    copy[TAGS.Modality] = { vr: 'CS', Value: [''] };
  }
  return copy;
}

/**
 * The first part of a multipart/related body (PS3.18 8.6.1.2, RFC 2387): the bytes between the
 * first boundary's headers and the next boundary. Undefined when the body is not multipart.
 */
export function firstPart(body: Uint8Array, contentType: string): Uint8Array | undefined {
  const match = /boundary="?([^";]+)"?/i.exec(contentType);
  if (!/^multipart\//i.test(contentType.trim()) || !match) {
    return undefined;
  }
  const text = new TextDecoder('latin1').decode(body);
  const delimiter = '--' + match[1];
  const start = text.indexOf(delimiter);
  if (start < 0) return undefined;
  const headersEnd = text.indexOf('\r\n\r\n', start);
  if (headersEnd < 0) return undefined;
  const end = text.indexOf('\r\n' + delimiter, headersEnd + 4);
  return body.subarray(headersEnd + 4, end < 0 ? body.length : end);
}
