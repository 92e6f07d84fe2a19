/**
 * Where the viewer finds the identity provider and the centre: built-in defaults for a laptop
 * (overridable at build time with VITE_QIANLI_OIDC_ISSUER), replaced by config.json beside the
 * page when the server provides one.
 */

export interface ViewerConfig {
  /** the OIDC issuer, e.g. http://127.0.0.1:8180/realms/qianli */
  readonly issuer: string;
  readonly clientId: string;
  /** the centre's API root; '' is the page's own origin */
  readonly apiBase: string;
  /** the DICOMweb root */
  readonly dicomWebBase: string;
}

export const DEFAULT_CONFIG: ViewerConfig = {
  issuer: import.meta.env?.VITE_QIANLI_OIDC_ISSUER ?? 'http://127.0.0.1:8180/realms/qianli',
  clientId: 'qianli-viewer',
  apiBase: '',
  dicomWebBase: 'dicom-web',
};

/** Keycloak's server URL and realm from an issuer URL (…/realms/{realm}). */
export function keycloakLocation(issuer: string): { url: string; realm: string } {
  const match = /^(https?:\/\/.+?)\/realms\/([^/]+)\/?$/.exec(issuer.trim());
  if (match === null) {
    throw new Error(`not a Keycloak issuer URL: ${issuer}`);
  }
  return { url: match[1]!, realm: decodeURIComponent(match[2]!) };
}

/** The defaults merged with the fields of config.json that are strings. */
export function mergeConfig(base: ViewerConfig, loaded: unknown): ViewerConfig {
  if (typeof loaded !== 'object' || loaded === null) {
    return base;
  }
  const record = loaded as Record<string, unknown>;
  const pick = (key: keyof ViewerConfig) => (typeof record[key] === 'string' ? (record[key] as string) : base[key]);
  return { issuer: pick('issuer'), clientId: pick('clientId'), apiBase: pick('apiBase'), dicomWebBase: pick('dicomWebBase') };
}

export async function loadConfig(fetchFn: typeof fetch = fetch): Promise<ViewerConfig> {
  try {
    const response = await fetchFn('config.json', { cache: 'no-store' });
    if (response.ok) {
      return mergeConfig(DEFAULT_CONFIG, await response.json());
    }
  } catch {
    // no config.json: the defaults
  }
  return DEFAULT_CONFIG;
}
