/**
 * The worklist's own logic, apart from drawing: reading order, due-time countdowns,
 * the names of priorities and states, and client-side filtering.
 */
import type { ReadingRequest } from './centre-api';

const PRIORITY_RANK: Readonly<Record<string, number>> = { stat: 0, urgent: 1, routine: 2 };

/** The server sends enum names (IN_PROGRESS) or codes (in_progress); the viewer uses codes. */
export function code(value: string | null | undefined): string {
  return (value ?? '').trim().toLowerCase();
}

/** The priority a request is read with: the effective one when the pre-screen raised it. */
export function readingPriority(r: ReadingRequest): string {
  return code(r.effectivePriority ?? r.priority) || 'routine';
}

/** Most urgent first, then least time to the due time (none last), then earliest arrival, then id. */
export function compareReadingOrder(a: ReadingRequest, b: ReadingRequest): number {
  const rank = (r: ReadingRequest) => PRIORITY_RANK[readingPriority(r)] ?? 3;
  const due = (r: ReadingRequest) => (r.dueAt ? Date.parse(r.dueAt) : Number.POSITIVE_INFINITY);
  return (
    rank(a) - rank(b) ||
    due(a) - due(b) ||
    Date.parse(a.arrivedAt) - Date.parse(b.arrivedAt) ||
    a.id - b.id
  );
}

export function sortForReading(list: readonly ReadingRequest[]): ReadingRequest[] {
  return [...list].sort(compareReadingOrder);
}

export interface Countdown {
  readonly text: string;
  readonly overdue: boolean;
  /** less than an hour left */
  readonly soon: boolean;
}

/**
 * Time left to the due time: "45:12" under an hour, "3:05:09" under a day, "2d 04h" beyond;
 * a minus sign and overdue once it has passed.
 */
export function countdown(dueAt: string | null | undefined, now: number): Countdown | undefined {
  if (!dueAt) {
    return undefined;
  }
  const left = Date.parse(dueAt) - now;
  if (Number.isNaN(left)) {
    return undefined;
  }
  const overdue = left < 0;
  const total = Math.floor(Math.abs(left) / 1000);
  const days = Math.floor(total / 86400);
  const hours = Math.floor((total % 86400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  const body =
    days > 0 ? `${days}d ${two(hours)}h` : hours > 0 ? `${hours}:${two(minutes)}:${two(seconds)}` : `${minutes}:${two(seconds)}`;
  return { text: (overdue ? '-' : '') + body, overdue, soon: !overdue && left < 3600_000 };
}

export interface ClientFilter {
  /** free text over patient, accession, description and hospital */
  readonly text?: string;
  readonly states?: readonly string[];
}

export function matchesClientFilter(r: ReadingRequest, filter: ClientFilter): boolean {
  if (filter.states && filter.states.length > 0 && !filter.states.includes(code(r.state))) {
    return false;
  }
  const text = filter.text?.trim().toLowerCase();
  if (!text) {
    return true;
  }
  return [r.patientName, r.patientId, r.accessionNumber, r.studyDescription, r.hospitalName, r.hospitalId, r.aiReason]
    .filter((v): v is string => typeof v === 'string')
    .some((v) => v.toLowerCase().includes(text));
}

/** Whether the request shows the pre-screen's flag: a priority it raised, or a reason it gave. */
export function aiFlagged(r: ReadingRequest): boolean {
  return Boolean(r.aiReason) || (Boolean(r.aiPriority) && code(r.aiPriority) !== 'routine');
}

/** A DICOM PN value as people read it: "Zhang^San" → "Zhang San"; Chinese kept as is. */
export function personName(name: string | null | undefined): string {
  return (name ?? '')
    .split('=')
    .filter((s) => s !== '')
    .map((group) => group.split('^').filter((s) => s !== '').join(' '))
    .join(' / ');
}

/** A DICOM DA value (yyyymmdd) as yyyy-mm-dd; other text unchanged. */
export function dicomDate(da: string | null | undefined): string {
  const v = (da ?? '').trim();
  return /^\d{8}$/.test(v) ? `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}` : v;
}
