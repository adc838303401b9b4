import path from 'node:path';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { ConfigError, devMailboxEnabled, loadConfig, type Config } from '../platform/config.js';
import { connect, type DatabaseUrls } from '../platform/db/connections.js';
import { startEmbeddedDatabase } from '../platform/db/embedded.js';
import { assertAppRoleIsSafe, webCredentialProblems } from '../platform/db/safety.js';
import { compileStyles } from '../platform/http/assets.js';
import { createLogger } from '../platform/logger.js';
import { TenantFileError } from '../tenancy/load.js';
import { listenForTenantChanges } from '../tenancy/listener.js';
import { TenantRegistry } from '../tenancy/registry.js';
import { FormDefinitions } from '../forms/definitions.js';
import { prepareDatabase, sessionSecrets } from './boot.js';
import { buildServices } from './services.js';
import { createWebApp, listen } from './web.js';
import { startWorker } from './worker.js';

/**
 * `npm start`. In development: the whole portal in one process on an embedded
 * Postgres (or the three DATABASE_*_URLs): migrations, tenant import, the web
 * app (every council and the admin console) and the worker. In production: the
 * web process only, holding only the app role (`npm run migrate` and
 * `npm run worker` do the rest).
 */

let config: Config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
const log = createLogger(config);
const stops: (() => Promise<void>)[] = [];

/** Production: only DATABASE_URL (the app role); the schema must be migrated already. */
async function productionPools(log: Logger): Promise<{ app: Knex; registry: TenantRegistry; forms: FormDefinitions }> {
  const problems = webCredentialProblems(config);
  if (problems.length) throw new ConfigError(`Refusing to start the web process:\n  ${problems.join('\n  ')}`);
  const app = connect(config.DATABASE_URL!, 10);
  stops.push(() => app.destroy());
  await assertAppRoleIsSafe(app);
  const registry = await TenantRegistry.load(app);
  const forms = await FormDefinitions.load(app);
  log.info({ tenants: registry.all().length, forms: forms.formIds().length }, 'councils and forms loaded');
  return { app, registry, forms };
}

async function developmentUrls(): Promise<DatabaseUrls> {
  if (config.DATABASE_URL) {
    if (!config.DATABASE_OWNER_URL || !config.DATABASE_PLATFORM_URL) {
      throw new ConfigError('Invalid configuration:\n  DATABASE_OWNER_URL and DATABASE_PLATFORM_URL are required with DATABASE_URL outside production');
    }
    return { app: config.DATABASE_URL, owner: config.DATABASE_OWNER_URL, platform: config.DATABASE_PLATFORM_URL };
  }
  log.info({ dir: path.resolve(config.DATA_DIR, 'postgres') }, 'starting the embedded Postgres');
  const embedded = await startEmbeddedDatabase(config.DATA_DIR, Number(process.env.EMBEDDED_PG_PORT ?? 54329), (m) => log.debug({ postgres: m.trim() }));
  stops.push(embedded.stop);
  return embedded.urls;
}

async function main() {
  const started = Date.now();
  const production = config.NODE_ENV === 'production';
  const styles = await compileStyles(path.join(config.DATA_DIR, 'cache'));
  const secrets = await sessionSecrets(config);
  if (production) {
    const { app, registry, forms } = await productionPools(log);
    const services = buildServices({ config, db: { app }, registry, styles, logger: log, secrets, forms });
    // Every replica reloads a changed council within moments (NOTIFY); the 30-second poll stays as a fallback.
    const listener = await listenForTenantChanges(config.DATABASE_URL!, registry, app, log);
    stops.unshift(() => listener.stop());
    const reload = setInterval(() => {
      registry.reload(app).catch((err) => log.error({ err }, 'councils not reloaded'));
      forms.reload(app).catch((err) => log.error({ err }, 'form definitions not reloaded'));
    }, 30_000);
    stops.unshift(async () => clearInterval(reload));
    const server = await listen(createWebApp(services), config.PORT, undefined, { requestTimeoutMs: config.UPLOAD_TIMEOUT_SECONDS * 1000 });
    stops.unshift(server.close);
    log.info({ port: config.PORT, ms: Date.now() - started }, 'Professional Portal (web) is ready');
    return;
  }
  const urls = await developmentUrls();
  const { db, registry, forms } = await prepareDatabase(urls, log, { sampleData: true });
  stops.unshift(() => db.close());
  const listener = await listenForTenantChanges(urls.platform, registry, db.platform, log);
  stops.unshift(() => listener.stop());
  const services = buildServices({ config, db, registry, styles, logger: log, secrets, forms });
  const worker = startWorker({ ...services, db });
  stops.unshift(() => worker.stop());
  const server = await listen(createWebApp(services), config.PORT, undefined, { requestTimeoutMs: config.UPLOAD_TIMEOUT_SECONDS * 1000 });
  stops.unshift(server.close);
  const hosts = registry.all().map((t) => `http://${t.hostnames[0]}:${config.PORT}`);
  log.info({ port: config.PORT, hosts, admin: `http://${config.ADMIN_HOST}:${config.PORT}`, ms: Date.now() - started }, 'Professional Portal is ready');
  if (process.stdout.isTTY) {
    const mailbox = devMailboxEnabled(config) ? 'Emails: /_dev/mailbox on each council\'s host.' : config.SMTP_URL ? '' : 'Emails stay in the outbox: start with DEV_MAILBOX=true (or npm run dev) to read them at /_dev/mailbox.';
    console.log(`\nProfessional Portal is running:\n${hosts.map((h) => `  ${h}`).join('\n')}\n  http://${config.ADMIN_HOST}:${config.PORT} (platform admin)\n${mailbox ? `${mailbox}\n` : ''}Press Ctrl-C to stop.\n`);
  }
}

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'stopping');
  for (const stop of stops) {
    try {
      await stop();
    } catch (err) {
      log.error({ err }, 'error while stopping');
    }
  }
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

main().catch(async (err) => {
  if (err instanceof ConfigError || err instanceof TenantFileError) console.error(err.message);
  else log.fatal({ err }, 'failed to start');
  for (const stop of stops) await stop().catch(() => {});
  process.exit(1);
});
