import { describe, expect, it } from 'vitest';
import type { ReadingRequest } from './centre-api';
import { aiFlagged, code, countdown, dicomDate, matchesClientFilter, personName, readingPriority, sortForReading } from './worklist-model';

function request(id: number, over: Partial<ReadingRequest> = {}): ReadingRequest {
  return {
    id,
    studyInstanceUid: `1.2.3.${id}`,
    hospitalId: 'H001',
    numberOfInstances: 10,
    state: 'READY',
    priority: 'ROUTINE',
    arrivedAt: '2026-11-26T08:00:00Z',
    version: 1,
    ...over,
  };
}

const NOW = Date.parse('2026-11-26T10:00:00Z');

describe('reading order', () => {
  it('putsStatBeforeUrgentBeforeRoutine', () => {
    const list = [request(1), request(2, { priority: 'urgent' }), request(3, { priority: 'STAT' })];
    expect(sortForReading(list).map((r) => r.id)).toEqual([3, 2, 1]);
  });

  it('readsAPriorityTheAiRaised', () => {
    const raised = request(1, { priority: 'ROUTINE', effectivePriority: 'STAT', aiPriority: 'STAT', aiReason: 'possible bleed' });
    expect(readingPriority(raised)).toBe('stat');
    expect(sortForReading([request(2, { priority: 'urgent' }), raised]).map((r) => r.id)).toEqual([1, 2]);
  });

  it('ordersBySoonestDueThenArrivalWithinAPriority', () => {
    const list = [
      request(1, { dueAt: '2026-11-26T12:00:00Z' }),
      request(2),
      request(3, { dueAt: '2026-11-26T11:00:00Z' }),
      request(4, { dueAt: '2026-11-26T11:00:00Z', arrivedAt: '2026-11-26T07:00:00Z' }),
    ];
    expect(sortForReading(list).map((r) => r.id)).toEqual([4, 3, 1, 2]);
  });
});

describe('countdown', () => {
  it('showsMinutesAndSecondsUnderAnHour', () => {
    expect(countdown('2026-11-26T10:45:12Z', NOW)).toEqual({ text: '45:12', overdue: false, soon: true });
  });

  it('showsHoursUnderADayAndDaysBeyond', () => {
    expect(countdown('2026-11-26T13:05:09Z', NOW)?.text).toBe('3:05:09');
    expect(countdown('2026-11-28T14:30:00Z', NOW)?.text).toBe('2d 04h');
    expect(countdown('2026-11-26T13:05:09Z', NOW)?.soon).toBe(false);
  });

  it('marksAnOverdueStudyWithAMinus', () => {
    expect(countdown('2026-11-26T09:48:00Z', NOW)).toEqual({ text: '-12:00', overdue: true, soon: false });
  });

  it('hasNothingToShowWithoutADueTime', () => {
    expect(countdown(null, NOW)).toBeUndefined();
    expect(countdown('not a time', NOW)).toBeUndefined();
  });
});

describe('worklist filters and names', () => {
  it('matchesFreeTextOverPatientAccessionAndHospital', () => {
    const r = request(1, { patientName: '张^三', accessionNumber: 'A123', hospitalName: '青山乡卫生院' });
    expect(matchesClientFilter(r, { text: '张' })).toBe(true);
    expect(matchesClientFilter(r, { text: 'a12' })).toBe(true);
    expect(matchesClientFilter(r, { text: '青山' })).toBe(true);
    expect(matchesClientFilter(r, { text: 'xyz' })).toBe(false);
  });

  it('filtersByStateWhateverItsCase', () => {
    expect(matchesClientFilter(request(1, { state: 'IN_PROGRESS' }), { states: ['in_progress'] })).toBe(true);
    expect(matchesClientFilter(request(1, { state: 'READY' }), { states: ['in_progress'] })).toBe(false);
    expect(code(' FINAL ')).toBe('final');
  });

  it('flagsWhatThePreScreenRaised', () => {
    expect(aiFlagged(request(1, { aiReason: 'possible bleed' }))).toBe(true);
    expect(aiFlagged(request(1, { aiPriority: 'routine' }))).toBe(false);
    expect(aiFlagged(request(1))).toBe(false);
  });

  it('writesNamesAndDatesForPeople', () => {
    expect(personName('Zhang^San')).toBe('Zhang San');
    expect(personName('Zhang^San=张^三')).toBe('Zhang San / 张 三');
    expect(personName(null)).toBe('');
    expect(dicomDate('20261126')).toBe('2026-11-26');
    expect(dicomDate('2026')).toBe('2026');
  });
});
