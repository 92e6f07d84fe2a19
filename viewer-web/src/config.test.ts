import { describe, expect, it } from 'vitest';
import { personFromClaims } from './auth';
import { DEFAULT_CONFIG, keycloakLocation, mergeConfig } from './config';

describe('viewer config', () => {
  it('splitsAKeycloakIssuerIntoServerAndRealm', () => {
    expect(keycloakLocation('http://127.0.0.1:8180/realms/qianli')).toEqual({ url: 'http://127.0.0.1:8180', realm: 'qianli' });
    expect(keycloakLocation('https://id.example/auth/realms/qianli/')).toEqual({ url: 'https://id.example/auth', realm: 'qianli' });
    expect(() => keycloakLocation('https://id.example/')).toThrow();
  });

  it('takesOnlyStringFieldsFromConfigJson', () => {
    const merged = mergeConfig(DEFAULT_CONFIG, { issuer: 'http://kc:1/realms/q', clientId: 7, extra: 'x' });
    expect(merged.issuer).toBe('http://kc:1/realms/q');
    expect(merged.clientId).toBe('qianli-viewer');
    expect(mergeConfig(DEFAULT_CONFIG, null)).toBe(DEFAULT_CONFIG);
  });
});

describe('person from token claims', () => {
  it('readsRealmRolesAndHospital', () => {
    const p = personFromClaims({
      preferred_username: 'clinic1',
      realm_access: { roles: ['clinic', 'offline_access', 'default-roles-qianli'] },
      hospital_id: 'H001',
    });
    expect(p).toEqual({ username: 'clinic1', name: 'clinic1', roles: ['clinic'], hospitalId: 'H001' });
  });

  it('knowsNoRolesWhenTheTokenHasNone', () => {
    expect(personFromClaims({ sub: 'x' }).roles).toEqual([]);
  });
});
