import { describe, expect, it } from 'vitest';
import type { Report } from './centre-api';
import { CATALOGUES } from './i18n';
import { isDirty, reportActions } from './report-panel';

const report = (status: string, over: Partial<Report> = {}): Report => ({
  id: 1, requestId: 1, studyInstanceUid: '1.2', hospitalId: 'H001', status, findings: 'f', impression: 'i',
  critical: false, version: 2, addenda: [], ...over,
});

describe('report panel', () => {
  it('letsADraftBeEditedAndSignedEitherWay', () => {
    expect(reportActions(undefined)).toEqual({ edit: true, preliminary: true, final: true, addendum: false });
    expect(reportActions(report('draft'))).toEqual({ edit: true, preliminary: true, final: true, addendum: false });
  });

  it('letsAPreliminaryReportBeFinalisedButNotSignedPreliminaryAgain', () => {
    expect(reportActions(report('PRELIMINARY'))).toEqual({ edit: true, preliminary: false, final: true, addendum: false });
  });

  it('allowsOnlyAddendaOnceFinal', () => {
    expect(reportActions(report('final'))).toEqual({ edit: false, preliminary: false, final: false, addendum: true });
    expect(reportActions(report('amended')).addendum).toBe(true);
  });

  it('seesUnsavedChanges', () => {
    expect(isDirty(report('draft'), 'f', 'i', false)).toBe(false);
    expect(isDirty(report('draft'), 'f2', 'i', false)).toBe(true);
    expect(isDirty(report('draft'), 'f', 'i', true)).toBe(true);
    expect(isDirty(undefined, '', '', false)).toBe(false);
  });
});

describe('catalogues', () => {
  it('nameEveryStatePriorityPresetAndReportStatusInBothLanguages', () => {
    const names = [
      ...['arriving', 'ready', 'in_progress', 'preliminary', 'final', 'amended'].map((s) => `state.${s}`),
      ...['stat', 'urgent', 'routine'].map((p) => `priority.${p}`),
      ...['brain', 'subdural', 'lung', 'mediastinum', 'bone', 'abdomen'].map((p) => `preset.${p}`),
      ...['none', 'draft', 'preliminary', 'final', 'amended'].map((s) => `reportStatus.${s}`),
      ...['Length', 'Angle', 'RectangleROI', 'EllipticalROI'].map((m) => `measure.${m}`),
      'clinic.waiting', 'clinic.reported',
    ];
    for (const locale of ['zh-CN', 'en'] as const) {
      const catalogue = CATALOGUES[locale] as Record<string, string | undefined>;
      expect(names.filter((n) => !catalogue[n])).toEqual([]);
    }
  });
});
