/**
 * The one way the screens reach images: a DICOMweb data source (PS3.18) for
 * Search (QIDO-RS), Retrieve Metadata and frame URLs (WADO-RS). Attributes are
 * named by DICOM keyword everywhere; results stay in DICOM JSON and are read with
 * {@link value}.
 */
import { TAGS, type DicomKeyword, type KeywordValue } from './dicom-dictionary';

export { TAGS, type DicomKeyword, type KeywordValue, type PersonName } from './dicom-dictionary';

/** The media type of DICOM JSON responses (PS3.18 F.2). */
export const DICOM_JSON = 'application/dicom+json';

/** One attribute of a DICOM JSON dataset (PS3.18 F.2.2). */
export interface DicomJsonAttribute {
  readonly vr: string;
  readonly Value?: readonly unknown[];
  readonly BulkDataURI?: string;
  readonly InlineBinary?: string;
}

/** A DICOM JSON dataset: attributes keyed by tag (eight upper-case hex digits). */
export type DicomJsonDataset = Readonly<Record<string, DicomJsonAttribute>>;

/** QIDO-RS query parameters (PS3.18 8.3.4), with attributes named by keyword. */
export interface SearchQuery {
  /** Matching keys, e.g. { ModalitiesInStudy: 'CT', StudyDate: '20260101-20260131' }. */
  readonly match?: Readonly<Partial<Record<DicomKeyword, string>>>;
  /** Attributes to return beyond the defaults, or 'all'. */
  readonly includefield?: readonly DicomKeyword[] | 'all';
  readonly fuzzymatching?: boolean;
  readonly limit?: number;
  readonly offset?: number;
}

/** What the screens use to find and show studies; the only door to the centre's images. */
export interface DicomWebSource {
  /** Search for Studies: GET {base}/studies */
  searchForStudies(query?: SearchQuery): Promise<DicomJsonDataset[]>;
  /** Search for Series: GET {base}/studies/{study}/series */
  searchForSeries(studyInstanceUID: string, query?: SearchQuery): Promise<DicomJsonDataset[]>;
  /** Search for Instances: GET {base}/studies/{study}/series/{series}/instances */
  searchForInstances(
    studyInstanceUID: string,
    seriesInstanceUID: string,
    query?: SearchQuery,
  ): Promise<DicomJsonDataset[]>;
  /** Retrieve Metadata of a study: GET {base}/studies/{study}/metadata */
  retrieveStudyMetadata(studyInstanceUID: string): Promise<DicomJsonDataset[]>;
  /** Retrieve Metadata of a series: GET {base}/studies/{study}/series/{series}/metadata */
  retrieveSeriesMetadata(studyInstanceUID: string, seriesInstanceUID: string): Promise<DicomJsonDataset[]>;
  /** The Retrieve Frames URL of one frame (numbered from 1), for the image loader to fetch. */
  frameUrl(
    studyInstanceUID: string,
    seriesInstanceUID: string,
    sopInstanceUID: string,
    frameNumber: number,
  ): string;
}

/** The first value of an attribute, typed by its keyword; undefined when absent or empty. */
export function value<K extends DicomKeyword>(dataset: DicomJsonDataset, keyword: K): KeywordValue[K] | undefined {
  return dataset[TAGS[keyword]]?.Value?.[0] as KeywordValue[K] | undefined;
}

/** Every value of an attribute (multi-valued ones such as ModalitiesInStudy). */
export function values<K extends DicomKeyword>(dataset: DicomJsonDataset, keyword: K): KeywordValue[K][] {
  return (dataset[TAGS[keyword]]?.Value ?? []) as KeywordValue[K][];
}

/** A DICOMweb request the server answered with an error status. */
export class DicomWebError extends Error {
  constructor(
    readonly status: number,
    readonly url: string,
  ) {
    super(`DICOMweb request failed with HTTP ${status}: ${url}`);
    this.name = 'DicomWebError';
  }
}

/** The access token to send as a bearer token; undefined sends none. */
export type TokenSupplier = () => string | undefined | Promise<string | undefined>;

export interface DicomWebClientOptions {
  /** The DICOMweb root, absolute or relative to the page, e.g. '/dicom-web'. */
  readonly baseUrl: string;
  readonly token?: TokenSupplier;
  readonly fetch?: typeof fetch;
}

/** A {@link DicomWebSource} over HTTP with the browser's fetch. */
export function createDicomWebSource(options: DicomWebClientOptions): DicomWebSource {
  const base = options.baseUrl.replace(/\/+$/, '');
  const token = options.token ?? (() => undefined);
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  const path = (...segments: string[]) => base + segments.map((s) => '/' + encodeURIComponent(s)).join('');

  async function getJson(url: string): Promise<DicomJsonDataset[]> {
    const headers: Record<string, string> = { Accept: DICOM_JSON };
    const bearer = await token();
    if (bearer !== undefined) {
      headers.Authorization = `Bearer ${bearer}`;
    }
    const response = await doFetch(url, { headers });
    if (response.status === 204) {
      return [];
    }
    if (!response.ok) {
      throw new DicomWebError(response.status, url);
    }
    return (await response.json()) as DicomJsonDataset[];
  }

  return {
    searchForStudies: (query) => getJson(path('studies') + queryString(query)),
    searchForSeries: (study, query) => getJson(path('studies', study, 'series') + queryString(query)),
    searchForInstances: (study, series, query) =>
      getJson(path('studies', study, 'series', series, 'instances') + queryString(query)),
    retrieveStudyMetadata: (study) => getJson(path('studies', study, 'metadata')),
    retrieveSeriesMetadata: (study, series) => getJson(path('studies', study, 'series', series, 'metadata')),
    frameUrl: (study, series, instance, frameNumber) => {
      if (!Number.isInteger(frameNumber) || frameNumber < 1) {
        throw new RangeError(`frame numbers start at 1: ${frameNumber}`);
      }
      return path('studies', study, 'series', series, 'instances', instance, 'frames', String(frameNumber));
    },
  };
}

function queryString(query: SearchQuery | undefined): string {
  if (query === undefined) {
    return '';
  }
  const params = new URLSearchParams();
  for (const [keyword, match] of Object.entries(query.match ?? {})) {
    if (match !== undefined) {
      params.append(keyword, match);
    }
  }
  if (query.includefield === 'all') {
    params.append('includefield', 'all');
  } else {
    for (const keyword of query.includefield ?? []) {
      params.append('includefield', keyword);
    }
  }
  if (query.fuzzymatching !== undefined) {
    params.append('fuzzymatching', String(query.fuzzymatching));
  }
  if (query.limit !== undefined) {
    params.append('limit', String(query.limit));
  }
  if (query.offset !== undefined) {
    params.append('offset', String(query.offset));
  }
  const text = params.toString();
  return text === '' ? '' : '?' + text;
}
