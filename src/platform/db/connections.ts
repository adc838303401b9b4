import knex, { type Knex } from 'knex';
import pg from 'pg';

// Return timestamps as Date and bigint counts as numbers where safe.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export interface DatabaseUrls {
  app: string;
  owner: string;
  platform: string;
}

export interface Databases {
  /** The web process's role: no superuser, no BYPASSRLS, owns nothing. Always used through inTenant(). */
  app: Knex;
  /** Cross-tenant work (tenant sync, jobs, the admin console): explicit and audited. */
  platform: Knex;
  urls: DatabaseUrls;
  close(): Promise<void>;
}

export function connect(url: string, max = 10): Knex {
  return knex({ client: 'pg', connection: url, pool: { min: 0, max } });
}

export function openDatabases(urls: DatabaseUrls): Databases {
  const app = connect(urls.app, 10);
  const platform = connect(urls.platform, 4);
  return {
    app,
    platform,
    urls,
    async close() {
      await Promise.all([app.destroy(), platform.destroy()]);
    },
  };
}
