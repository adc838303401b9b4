import knex, { type Knex } from 'knex';
import pg from 'pg';
import { APP_ROLE } from '../../../migrations/rls.js';
import { unitsActAs } from './unit-of-work.js';

// Return timestamps as Date and bigint counts as numbers where safe.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export interface DatabaseUrls {
  app: string;
  owner: string;
  platform: string;
}

export interface Databases {
  /** The web process's role: no superuser, no BYPASSRLS, owns nothing. Always used through a tenant unit of work. */
  app: Knex;
  /** Cross-tenant work (tenant sync, queue claims, the admin console); its tenant units take the app role. */
  platform: Knex;
  urls: DatabaseUrls;
  close(): Promise<void>;
}

export function connect(url: string, max = 10): Knex {
  // A request waits at most 10 s for a connection (the database down or every connection busy): then 503, never a hang.
  return knex({ client: 'pg', connection: url, pool: { min: 0, max }, acquireConnectionTimeout: 10_000 });
}

/** The platform role's pool: its units of work inside one council take the app role. */
export function connectPlatform(url: string, max = 4): Knex {
  const platform = connect(url, max);
  unitsActAs(platform, APP_ROLE);
  return platform;
}

export function openDatabases(urls: DatabaseUrls): Databases {
  const app = connect(urls.app, 10);
  const platform = connectPlatform(urls.platform);
  return {
    app,
    platform,
    urls,
    async close() {
      await Promise.all([app.destroy(), platform.destroy()]);
    },
  };
}
