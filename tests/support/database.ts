import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import type { Knex } from 'knex';
import { connect, openDatabases, type Databases, type DatabaseUrls } from '../../src/platform/db/connections.js';
import { roleUrl } from '../../src/platform/db/bootstrap.js';
import type { RolePasswords } from '../../src/platform/db/bootstrap.js';

export const TEMPLATE_DB = 'portal_test_template';

export interface TestDatabaseCluster {
  adminUrl: string;
  passwords: RolePasswords;
  roles: { owner: string; app: string; platform: string };
}

export interface TestDatabase extends Databases {
  name: string;
  /** Superuser on this test database: for audits of the catalogue only, never for app behaviour. */
  admin: Knex;
  owner: Knex;
  drop(): Promise<void>;
}

/** A fresh copy of the migrated template, owned by this test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const cluster = inject('cluster');
  const name = `portal_test_${randomBytes(6).toString('hex')}`;
  const server = connect(cluster.adminUrl, 1);
  for (let attempt = 0; ; attempt++) {
    try {
      await server.raw(`create database ${name} template ${TEMPLATE_DB} owner ${cluster.roles.owner}`);
      break;
    } catch (err) {
      // Two files copying the template at the same instant can collide; try again.
      if (attempt > 20 || !/being accessed by other users/.test(String(err))) throw err;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  const urls: DatabaseUrls = {
    app: roleUrl(cluster.adminUrl, cluster.roles.app, cluster.passwords.app, name),
    owner: roleUrl(cluster.adminUrl, cluster.roles.owner, cluster.passwords.owner, name),
    platform: roleUrl(cluster.adminUrl, cluster.roles.platform, cluster.passwords.platform, name),
  };
  const dbs = openDatabases(urls);
  const admin = connect(roleUrl(cluster.adminUrl, 'postgres', decodeURIComponent(new URL(cluster.adminUrl).password), name), 2);
  const owner = connect(urls.owner, 2);
  const close = async () => {
    await Promise.all([dbs.close(), admin.destroy(), owner.destroy()]);
  };
  return {
    ...dbs,
    name,
    admin,
    owner,
    close,
    async drop() {
      await close();
      await server.raw(`drop database if exists ${name} with (force)`);
      await server.destroy();
    },
  };
}
