import type { Config } from '../platform/config.js';
import type { Tenant } from './schema.js';

/** How links to a council's portal are written (from the configuration, never from a request). */
export interface PublicUrlSettings {
  production: boolean;
  /** Outside production: the scheme and port the portal is reached on (PUBLIC_URL_SCHEME, PUBLIC_PORT or PORT). */
  scheme: 'http' | 'https';
  port: number;
}

/** The settings from the configuration: production, else PUBLIC_URL_SCHEME and PUBLIC_PORT (or the port the process listens on). */
export const publicUrlSettings = (config: Pick<Config, 'NODE_ENV' | 'PUBLIC_URL_SCHEME' | 'PUBLIC_PORT' | 'PORT'>): PublicUrlSettings => ({
  production: config.NODE_ENV === 'production',
  scheme: config.PUBLIC_URL_SCHEME,
  port: config.PUBLIC_PORT ?? config.PORT,
});

const devHost = (host: string) => host.endsWith('.localhost');

/**
 * The council's canonical host name: in production its first host name that is
 * not under .localhost, elsewhere its first .localhost one (else its first).
 */
export function canonicalHost(tenant: Pick<Tenant, 'hostnames'>, production: boolean): string {
  return (production ? tenant.hostnames.find((h) => !devHost(h)) : tenant.hostnames.find(devHost)) ?? tenant.hostnames[0]!;
}

/**
 * Where links in emails point: https on the canonical host in production; the
 * configured scheme and port elsewhere. A request's Host or X-Forwarded-Host
 * header never decides it.
 */
export function publicOrigin(tenant: Pick<Tenant, 'hostnames'>, settings: PublicUrlSettings): string {
  const host = canonicalHost(tenant, settings.production);
  if (settings.production) return `https://${host}`;
  const usual = settings.scheme === 'https' ? 443 : 80;
  return `${settings.scheme}://${host}${settings.port === usual ? '' : `:${settings.port}`}`;
}
