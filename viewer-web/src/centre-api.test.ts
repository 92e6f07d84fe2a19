import { describe, expect, it } from 'vitest';
import { CentreError, createCentreApi, worklistQuery } from './centre-api';

function stub(status = 200, body: unknown = []) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    calls.push({ url: String(input), init });
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  };
  return { fetch, calls };
}

describe('centre API', () => {
  it('buildsTheWorklistQueryWithRepeatedStatesAndNoEmptyValues', () => {
    expect(worklistQuery({ state: ['ready', 'in_progress'], modality: 'CT', hospital: ' ', limit: 50 })).toBe(
      '?state=ready&state=in_progress&modality=CT&limit=50',
    );
    expect(worklistQuery({})).toBe('');
    expect(worklistQuery({ assigned: true, from: '2026-11-01' })).toBe('?from=2026-11-01&assigned=true');
  });

  it('sendsTheBearerTokenAndJsonBodies', async () => {
    const { fetch, calls } = stub(200, { id: 1 });
    const api = createCentreApi({ baseUrl: 'https://centre.example/', fetch, token: () => 'abc' });
    await api.saveDraft(7, { findings: 'f', impression: 'i', language: 'zh', critical: true, version: 0 });
    await api.signFinal(7, 3);
    expect(calls[0]!.url).toBe('https://centre.example/api/reading/7/report');
    expect(calls[0]!.init?.method).toBe('PUT');
    expect(new Headers(calls[0]!.init?.headers).get('Authorization')).toBe('Bearer abc');
    expect(JSON.parse(String(calls[0]!.init?.body))).toMatchObject({ critical: true, version: 0 });
    expect(calls[1]!.url).toBe('https://centre.example/api/reading/7/report/final');
    expect(JSON.parse(String(calls[1]!.init?.body))).toEqual({ version: 3 });
  });

  it('escapesAStudyUidInThePath', async () => {
    const { fetch, calls } = stub(200, {});
    await createCentreApi({ baseUrl: '', fetch }).readingOfStudy('1.2/../x');
    expect(calls[0]!.url).toBe('/api/reading/studies/1.2%2F..%2Fx');
  });

  it('asksForTemplatesByModalityBodyPartAndLanguage', async () => {
    const { fetch, calls } = stub();
    await createCentreApi({ baseUrl: '', fetch }).templates('CT', 'HEAD', 'zh');
    expect(calls[0]!.url).toBe('/api/report-templates?modality=CT&bodyPart=HEAD&language=zh');
  });

  it('rejectsWithTheProblemDetail', async () => {
    const { fetch } = stub(409, { title: 'Conflict', detail: 'the report changed since version 2' });
    const call = createCentreApi({ baseUrl: '', fetch }).signFinal(1, 2);
    await expect(call).rejects.toBeInstanceOf(CentreError);
    await expect(call).rejects.toMatchObject({ status: 409, detail: 'the report changed since version 2' });
  });
});
