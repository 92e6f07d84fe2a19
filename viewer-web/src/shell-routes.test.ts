import { describe, expect, it } from 'vitest';
import type { Person } from './auth';
import { allowedScreens, routeFromHash } from './shell';

const person = (roles: Person['roles']): Person => ({ username: 'u', name: 'u', roles });

describe('routes by role', () => {
  it('showsEachRoleItsOwnScreens', () => {
    expect(allowedScreens(person(['radiologist']))).toEqual(['worklist']);
    expect(allowedScreens(person(['clinic']))).toEqual(['clinic']);
    expect(allowedScreens(person(['auditor']))).toEqual(['admin']);
    expect(allowedScreens(undefined)).toEqual(['worklist', 'clinic', 'admin']);
  });

  it('opensAStudyOnlyForARadiologist', () => {
    expect(routeFromHash('#/study/1.2.840.1', person(['radiologist']))).toEqual({ screen: 'study', study: '1.2.840.1' });
    expect(routeFromHash('#/study/1.2.840.1', person(['clinic']))).toEqual({ screen: 'clinic' });
    expect(routeFromHash('#/study/1.2/1.2.3/1.2.3.4', person(['radiologist']))).toEqual({
      screen: 'study', study: '1.2', series: '1.2.3', instance: '1.2.3.4',
    });
  });

  it('sendsEveryoneToTheirFirstScreenFromAnUnknownOrForbiddenHash', () => {
    expect(routeFromHash('', person(['clinic']))).toEqual({ screen: 'clinic' });
    expect(routeFromHash('#/worklist', person(['clinic']))).toEqual({ screen: 'clinic' });
    expect(routeFromHash('#/nothing', person(['radiologist']))).toEqual({ screen: 'worklist' });
    expect(routeFromHash('#/admin', person(['auditor']))).toEqual({ screen: 'admin' });
  });
});
