import { describe, expect, it } from 'vitest';
import { createDicomWebSource, DICOM_JSON, DicomWebError, TAGS, value, values, type DicomJsonDataset } from './dicom-web';

const STUDY = '1.2.156.112605.14038005400110.1';
const SERIES = '1.2.156.112605.14038005400110.1.2';
const INSTANCE = '1.2.156.112605.14038005400110.1.2.3';

interface Recorded {
  readonly url: string;
  readonly headers: Headers;
}

/** A fetch that records each request and answers with the given status and body. */
function stubFetch(status = 200, body: unknown = []) {
  const requests: Recorded[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    requests.push({ url: String(input), headers: new Headers(init?.headers) });
    return new Response(status === 204 ? null : JSON.stringify(body), {
      status,
      headers: { 'Content-Type': DICOM_JSON },
    });
  };
  return { fetch, requests };
}

describe('DICOMweb source', () => {
  it('searchesForStudiesWithKeywordsAsQueryParameters', async () => {
    const { fetch, requests } = stubFetch();
    const source = createDicomWebSource({ baseUrl: '/dicom-web/', fetch });

    await source.searchForStudies({
      match: { ModalitiesInStudy: 'CT', PatientName: '张*' },
      includefield: ['StudyDescription', 'InstitutionName'],
      limit: 50,
      offset: 100,
    });

    const url = new URL(requests[0]!.url, 'http://centre.invalid');
    expect(url.pathname).toBe('/dicom-web/studies');
    expect(url.searchParams.get('ModalitiesInStudy')).toBe('CT');
    expect(url.searchParams.get('PatientName')).toBe('张*');
    expect(url.searchParams.getAll('includefield')).toEqual(['StudyDescription', 'InstitutionName']);
    expect(url.searchParams.get('limit')).toBe('50');
    expect(url.searchParams.get('offset')).toBe('100');
  });

  it('asksForDicomJson', async () => {
    const { fetch, requests } = stubFetch();
    const source = createDicomWebSource({ baseUrl: 'https://centre.example/dicom-web', fetch });

    await source.searchForSeries(STUDY);
    await source.searchForInstances(STUDY, SERIES);
    await source.retrieveStudyMetadata(STUDY);
    await source.retrieveSeriesMetadata(STUDY, SERIES);

    expect(requests.map((r) => r.headers.get('Accept'))).toEqual([DICOM_JSON, DICOM_JSON, DICOM_JSON, DICOM_JSON]);
    expect(requests.map((r) => r.url)).toEqual([
      `https://centre.example/dicom-web/studies/${STUDY}/series`,
      `https://centre.example/dicom-web/studies/${STUDY}/series/${SERIES}/instances`,
      `https://centre.example/dicom-web/studies/${STUDY}/metadata`,
      `https://centre.example/dicom-web/studies/${STUDY}/series/${SERIES}/metadata`,
    ]);
  });

  it('sendsTheSuppliedTokenAsBearer', async () => {
    const { fetch, requests } = stubFetch();
    let calls = 0;
    const source = createDicomWebSource({
      baseUrl: '/dicom-web',
      fetch,
      token: async () => `token-${++calls}`,
    });

    await source.searchForStudies();
    await source.searchForStudies();

    expect(requests.map((r) => r.headers.get('Authorization'))).toEqual(['Bearer token-1', 'Bearer token-2']);
  });

  it('sendsNoAuthorizationWithoutAToken', async () => {
    const { fetch, requests } = stubFetch();
    await createDicomWebSource({ baseUrl: '/dicom-web', fetch }).searchForStudies();
    expect(requests[0]!.headers.has('Authorization')).toBe(false);
  });

  it('escapesPathSegments', async () => {
    const { fetch, requests } = stubFetch();
    await createDicomWebSource({ baseUrl: '/dicom-web', fetch }).searchForSeries('1.2/../../admin?x=1');
    expect(requests[0]!.url).toBe('/dicom-web/studies/1.2%2F..%2F..%2Fadmin%3Fx%3D1/series');
  });

  it('buildsFrameUrlsNumberedFromOne', () => {
    const source = createDicomWebSource({ baseUrl: '/dicom-web', fetch: stubFetch().fetch });
    expect(source.frameUrl(STUDY, SERIES, INSTANCE, 1)).toBe(
      `/dicom-web/studies/${STUDY}/series/${SERIES}/instances/${INSTANCE}/frames/1`,
    );
    expect(() => source.frameUrl(STUDY, SERIES, INSTANCE, 0)).toThrow(RangeError);
  });

  it('readsNoContentAsNoMatches', async () => {
    const { fetch } = stubFetch(204);
    expect(await createDicomWebSource({ baseUrl: '/dicom-web', fetch }).searchForStudies()).toEqual([]);
  });

  it('rejectsAnErrorStatusWithIt', async () => {
    const { fetch } = stubFetch(401, { title: 'Unauthorized' });
    const search = createDicomWebSource({ baseUrl: '/dicom-web', fetch }).searchForStudies();
    await expect(search).rejects.toBeInstanceOf(DicomWebError);
    await expect(search).rejects.toMatchObject({ status: 401, url: '/dicom-web/studies' });
  });
});

describe('value', () => {
  const study: DicomJsonDataset = {
    [TAGS.StudyInstanceUID]: { vr: 'UI', Value: [STUDY] },
    [TAGS.PatientName]: { vr: 'PN', Value: [{ Alphabetic: 'Zhang^San', Ideographic: '张^三' }] },
    [TAGS.ModalitiesInStudy]: { vr: 'CS', Value: ['CT', 'SR'] },
    [TAGS.NumberOfStudyRelatedInstances]: { vr: 'IS', Value: [120] },
    [TAGS.AccessionNumber]: { vr: 'SH' },
  };

  it('readsAttributesByKeyword', async () => {
    const { fetch } = stubFetch(200, [study]);
    const [found] = await createDicomWebSource({ baseUrl: '/dicom-web', fetch }).searchForStudies();

    expect(value(found!, 'StudyInstanceUID')).toBe(STUDY);
    expect(value(found!, 'PatientName')?.Ideographic).toBe('张^三');
    expect(value(found!, 'NumberOfStudyRelatedInstances')).toBe(120);
    expect(values(found!, 'ModalitiesInStudy')).toEqual(['CT', 'SR']);
  });

  it('givesUndefinedForAbsentOrEmptyAttributes', () => {
    expect(value(study, 'AccessionNumber')).toBeUndefined();
    expect(value(study, 'StudyDescription')).toBeUndefined();
    expect(values(study, 'StudyDescription')).toEqual([]);
  });
});
