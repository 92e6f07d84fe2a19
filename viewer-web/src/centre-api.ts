/**
 * The centre's reading workflow API as diagnosis-service serves it: the worklist and reading
 * requests (/api/reading), reports (/api/reading/{id}/report, /api/reports), templates
 * (/api/report-templates) and the clinic's view (/api/clinic). Times are ISO-8601 instants.
 */
import type { TokenSupplier } from './dicom-web';

export type Priority = 'stat' | 'urgent' | 'routine';
export type ReadingState = 'arriving' | 'ready' | 'in_progress' | 'preliminary' | 'final' | 'amended';

/** A reading request as the worklist sees it. */
export interface ReadingRequest {
  readonly id: number;
  readonly studyInstanceUid: string;
  readonly hospitalId: string;
  readonly hospitalName?: string | null;
  readonly patientId?: string | null;
  readonly patientName?: string | null;
  readonly patientSex?: string | null;
  readonly patientBirthDate?: string | null;
  readonly studyDate?: string | null;
  readonly accessionNumber?: string | null;
  readonly studyDescription?: string | null;
  readonly modality?: string | null;
  readonly bodyPart?: string | null;
  readonly numberOfInstances: number;
  readonly expectedInstances?: number | null;
  readonly state: string;
  readonly priority: string;
  readonly effectivePriority?: string | null;
  readonly aiPriority?: string | null;
  readonly aiReason?: string | null;
  readonly procedure?: string | null;
  readonly history?: string | null;
  readonly question?: string | null;
  readonly arrivedAt: string;
  readonly dueAt?: string | null;
  readonly claimedBy?: string | null;
  readonly claimExpiresAt?: string | null;
  readonly claimExpired?: boolean;
  readonly version: number;
}

export interface Addendum {
  readonly id: number;
  readonly text: string;
  readonly signedBy: string;
  readonly signedAt: string;
}

export interface Report {
  readonly id: number;
  readonly requestId: number;
  readonly studyInstanceUid: string;
  readonly hospitalId: string;
  /** draft, preliminary, final or amended */
  readonly status: string;
  readonly language?: string | null;
  readonly findings?: string | null;
  readonly impression?: string | null;
  readonly critical: boolean;
  readonly author?: string | null;
  readonly version: number;
  readonly preliminarySignedBy?: string | null;
  readonly preliminarySignedAt?: string | null;
  readonly finalSignedBy?: string | null;
  readonly finalSignedAt?: string | null;
  readonly criticalAcknowledgedBy?: string | null;
  readonly criticalAcknowledgedAt?: string | null;
  readonly criticalEscalated?: boolean;
  readonly addenda: readonly Addendum[];
}

export interface ReportTemplate {
  readonly modality: string;
  readonly bodyPart: string;
  readonly language: string;
  readonly name: string;
  readonly findings: string;
  readonly impression: string;
}

/** A study as its clinic sees it: progress is arriving, waiting or reported. */
export interface ClinicStudy {
  readonly requestId: number;
  readonly studyInstanceUid: string;
  readonly patientId?: string | null;
  readonly patientName?: string | null;
  readonly studyDate?: string | null;
  readonly accessionNumber?: string | null;
  readonly studyDescription?: string | null;
  readonly modality?: string | null;
  readonly bodyPart?: string | null;
  readonly state: string;
  readonly progress: string;
  readonly progressText?: string | null;
  readonly numberOfInstances: number;
  readonly expectedInstances?: number | null;
  readonly priority: string;
  readonly arrivedAt: string;
  readonly dueAt?: string | null;
  readonly criticalToAcknowledge: boolean;
}

export interface WorklistFilter {
  readonly state?: readonly string[];
  readonly hospital?: string;
  readonly modality?: string;
  readonly priority?: string;
  /** arrival day from/to, yyyy-mm-dd */
  readonly from?: string;
  readonly to?: string;
  readonly assigned?: boolean;
  readonly limit?: number;
  readonly offset?: number;
}

export interface Draft {
  readonly findings: string;
  readonly impression: string;
  readonly language: string;
  readonly critical: boolean;
  /** the version the editor started from (0 for a new report) */
  readonly version: number;
}

/** An error status from the centre, with the problem+json detail when there is one. */
export class CentreError extends Error {
  constructor(
    readonly status: number,
    readonly url: string,
    readonly detail: string,
  ) {
    super(`HTTP ${status} ${url}${detail ? ': ' + detail : ''}`);
    this.name = 'CentreError';
  }
}

export interface CentreApiOptions {
  /** The service root, '' for the page's own origin. */
  readonly baseUrl: string;
  readonly token?: TokenSupplier;
  readonly fetch?: typeof fetch;
}

/** The worklist query string: repeated state parameters, empty values left out. */
export function worklistQuery(filter: WorklistFilter): string {
  const params = new URLSearchParams();
  for (const s of filter.state ?? []) {
    params.append('state', s);
  }
  for (const key of ['hospital', 'modality', 'priority', 'from', 'to'] as const) {
    const v = filter[key];
    if (v !== undefined && v.trim() !== '') {
      params.append(key, v.trim());
    }
  }
  if (filter.assigned) {
    params.append('assigned', 'true');
  }
  if (filter.limit !== undefined) {
    params.append('limit', String(filter.limit));
  }
  if (filter.offset !== undefined) {
    params.append('offset', String(filter.offset));
  }
  const text = params.toString();
  return text === '' ? '' : '?' + text;
}

export type CentreApi = ReturnType<typeof createCentreApi>;

export function createCentreApi(options: CentreApiOptions) {
  const base = options.baseUrl.replace(/\/+$/, '');
  const token = options.token ?? (() => undefined);
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const id = (n: number) => encodeURIComponent(String(n));

  async function request(
    method: string,
    path: string,
    body?: unknown,
    accept = 'application/json',
    signal?: AbortSignal,
  ): Promise<Response> {
    const headers: Record<string, string> = { Accept: accept };
    const bearer = await token();
    if (bearer !== undefined) {
      headers.Authorization = `Bearer ${bearer}`;
    }
    const init: RequestInit = { method, headers };
    if (signal !== undefined) {
      init.signal = signal;
    }
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const url = base + path;
    const response = await doFetch(url, init);
    if (!response.ok) {
      let detail = '';
      try {
        const problem = (await response.json()) as { detail?: string; title?: string };
        detail = problem.detail ?? problem.title ?? '';
      } catch {
        // not problem+json
      }
      throw new CentreError(response.status, url, detail);
    }
    return response;
  }
  const json = async <T>(method: string, path: string, body?: unknown): Promise<T> =>
    (await (await request(method, path, body)).json()) as T;

  return {
    worklist: (filter: WorklistFilter = {}) => json<ReadingRequest[]>('GET', '/api/reading/worklist' + worklistQuery(filter)),
    reading: (requestId: number) => json<ReadingRequest>('GET', `/api/reading/${id(requestId)}`),
    readingOfStudy: (study: string) => json<ReadingRequest>('GET', `/api/reading/studies/${encodeURIComponent(study)}`),
    claim: (requestId: number) => json<ReadingRequest>('POST', `/api/reading/${id(requestId)}/claim`),
    release: (requestId: number) => json<ReadingRequest>('DELETE', `/api/reading/${id(requestId)}/claim`),
    report: (requestId: number) => json<Report>('GET', `/api/reading/${id(requestId)}/report`),
    saveDraft: (requestId: number, draft: Draft) => json<Report>('PUT', `/api/reading/${id(requestId)}/report`, draft),
    signPreliminary: (requestId: number, version: number) =>
      json<Report>('POST', `/api/reading/${id(requestId)}/report/preliminary`, { version }),
    signFinal: (requestId: number, version: number) =>
      json<Report>('POST', `/api/reading/${id(requestId)}/report/final`, { version }),
    addAddendum: (requestId: number, text: string) =>
      json<Report>('POST', `/api/reading/${id(requestId)}/report/addenda`, { text }),
    acknowledgeCritical: (requestId: number) =>
      json<Report>('POST', `/api/reading/${id(requestId)}/report/critical-acknowledgement`),
    templates: (modality?: string | null, bodyPart?: string | null, language?: string) => {
      const params = new URLSearchParams();
      if (modality) params.append('modality', modality);
      if (bodyPart) params.append('bodyPart', bodyPart);
      if (language) params.append('language', language);
      const q = params.toString();
      return json<ReportTemplate[]>('GET', '/api/report-templates' + (q ? '?' + q : ''));
    },
    clinicStudies: (limit = 100) => json<ClinicStudy[]>('GET', `/api/clinic/studies?limit=${limit}`),
    clinicCriticalResults: () => json<Report[]>('GET', '/api/clinic/critical-results'),
    /** The signed report as a PDF (fetched with the token, so it can be opened as a blob). */
    reportPdf: async (requestId: number) =>
      (await request('GET', `/api/reading/${id(requestId)}/report.pdf`, undefined, 'application/pdf')).blob(),
    /** The clinic's change events (server-sent events over fetch, so the bearer token goes along). */
    clinicEvents: (signal: AbortSignal) => request('GET', '/api/clinic/events', undefined, 'text/event-stream', signal),
  };
}
