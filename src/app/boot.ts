import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../platform/config.js';
import { openDatabases, connect, type DatabaseUrls, type Databases } from '../platform/db/connections.js';
import { migrateLatest } from '../platform/db/migrate.js';
import { assertAppRoleIsSafe } from '../platform/db/safety.js';
import { checkEnabledForms } from '../forms/library.js';
import { TenantConfigService } from '../tenancy/config-service.js';
import { describeOutcomes, syncTenantFiles } from '../tenancy/sync.js';
import { TenantRegistry } from '../tenancy/registry.js';
import { loadSampleAddressesIfEmpty } from '../accounts/addresses/sample.js';

/**
 * Migrates (owner), syncs the tenant files (platform), checks the app role and loads the tenants.
 * Outside production, an empty address list gets the sample addresses so postcode look-ups work.
 */
export async function prepareDatabase(urls: DatabaseUrls, log: Logger, options: { sampleData: boolean; importFiles?: boolean } = { sampleData: false }): Promise<{ db: Databases; registry: TenantRegistry }> {
  const owner = connect(urls.owner, 1);
  try {
    const applied = await migrateLatest(owner);
    if (applied.length) log.info({ applied }, 'migrations applied');
  } finally {
    await owner.destroy();
  }
  const db = openDatabases(urls);
  try {
    await assertAppRoleIsSafe(db.app);
    // Files are imported for new councils and councils last changed by a file; console changes are kept (src/tenancy/files.ts).
    const outcomes = options.importFiles === false ? [] : await syncTenantFiles(new TenantConfigService(db.platform, { checkForms: checkEnabledForms }), db.platform, checkEnabledForms);
    log.info({ tenants: describeOutcomes(outcomes) }, 'tenant files imported');
    if (options.sampleData) {
      const loaded = await loadSampleAddressesIfEmpty(db.platform);
      if (loaded) log.info({ addresses: loaded }, 'sample addresses loaded');
    }
    return { db, registry: await TenantRegistry.load(db.platform, log) };
  } catch (err) {
    await db.close();
    throw err;
  }
}

/**
 * Cookie and CSRF signing keys: SESSION_SECRETS in production; in development a
 * key generated once and kept in DATA_DIR so sessions survive restarts.
 */
export async function sessionSecrets(config: Config): Promise<string[]> {
  if (config.SESSION_SECRETS?.length) return config.SESSION_SECRETS;
  if (config.NODE_ENV === 'test') return [randomBytes(32).toString('base64url')];
  const file = path.join(config.DATA_DIR, 'session-secret');
  if (existsSync(file)) return [(await readFile(file, 'utf8')).trim()];
  await mkdir(config.DATA_DIR, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  await writeFile(file, secret, { mode: 0o600 });
  return [secret];
}
