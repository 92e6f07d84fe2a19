/**
 * Login through the realm with keycloak-js (authorization code flow with PKCE S256), the
 * person's roles and hospital from the access token, and a token supplier that refreshes
 * the token before it expires.
 */
import Keycloak from 'keycloak-js';
import { keycloakLocation, type ViewerConfig } from './config';

export type Role = 'radiologist' | 'clinic' | 'auditor';

export interface Person {
  readonly username: string;
  readonly name: string;
  readonly roles: readonly Role[];
  /** the clinic's hospital */
  readonly hospitalId?: string;
}

export interface Session {
  readonly person: Person;
  token(): Promise<string | undefined>;
  logout(): Promise<void>;
}

const KNOWN: readonly Role[] = ['radiologist', 'clinic', 'auditor'];

/** Who the access token's claims say the person is. */
export function personFromClaims(claims: Record<string, unknown>): Person {
  const access = claims.realm_access as { roles?: unknown } | undefined;
  const roles = Array.isArray(access?.roles) ? access.roles.filter((r): r is Role => KNOWN.includes(r as Role)) : [];
  const username = String(claims.preferred_username ?? claims.sub ?? '');
  const hospital = typeof claims.hospital_id === 'string' && claims.hospital_id !== '' ? claims.hospital_id : undefined;
  return {
    username,
    name: typeof claims.name === 'string' && claims.name !== '' ? claims.name : username,
    roles,
    ...(hospital === undefined ? {} : { hospitalId: hospital }),
  };
}

/** Logs in (redirecting to the realm's form when there is no session) and returns the session. */
export async function login(config: ViewerConfig): Promise<Session> {
  const { url, realm } = keycloakLocation(config.issuer);
  const keycloak = new Keycloak({ url, realm, clientId: config.clientId });
  await keycloak.init({
    onLoad: 'login-required',
    pkceMethod: 'S256',
    checkLoginIframe: false,
    responseMode: 'query',
  });
  // leave no code or state in the address bar
  const clean = new URL(window.location.href);
  for (const p of ['code', 'state', 'session_state', 'iss']) clean.searchParams.delete(p);
  window.history.replaceState(null, '', clean.href);
  return {
    person: personFromClaims((keycloak.tokenParsed ?? {}) as Record<string, unknown>),
    token: async () => {
      try {
        await keycloak.updateToken(30);
      } catch {
        await keycloak.login();
      }
      return keycloak.token;
    },
    logout: () => keycloak.logout({ redirectUri: window.location.href.split('#')[0]! }),
  };
}
