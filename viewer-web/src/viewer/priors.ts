/**
 * The other studies of the patient on screen, newest first, as a radiologist compares them: the
 * archive answers a study-level search by Patient ID (limited to the hospitals the reader may see),
 * and this picks the ones to offer beside the current study.
 */
import { value, values, type DicomJsonDataset } from '../dicom-web';

export interface PriorStudy {
  readonly studyInstanceUid: string;
  /** DICOM DA (YYYYMMDD), empty when the study has none. */
  readonly studyDate: string;
  readonly description: string;
  readonly modalities: string;
}

/** The studies other than {@code current}, each once, newest first (undated last), at most {@code max}. */
export function priorStudies(found: readonly DicomJsonDataset[], current: string, max = 10): PriorStudy[] {
  const seen = new Set<string>([current]);
  const priors: PriorStudy[] = [];
  for (const ds of found) {
    const uid = value(ds, 'StudyInstanceUID');
    if (!uid || seen.has(uid)) continue;
    seen.add(uid);
    const modalities = values(ds, 'ModalitiesInStudy').join('/');
    priors.push({
      studyInstanceUid: uid,
      studyDate: value(ds, 'StudyDate') ?? '',
      description: value(ds, 'StudyDescription') ?? '',
      modalities,
    });
  }
  priors.sort((a, b) => (b.studyDate || '0').localeCompare(a.studyDate || '0'));
  return priors.slice(0, max);
}
