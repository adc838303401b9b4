import http from 'node:http';
import path from 'node:path';
import { ConfigError, loadConfig, type Config } from './platform/config.js';
import { createLogger } from './platform/logger.js';
import { prepareDatabase, sessionSecrets } from './platform/boot.js';
import { startEmbeddedDatabase } from './platform/db/embedded.js';
import type { DatabaseUrls } from './platform/db/connections.js';
import { compileStyles } from './platform/http/assets.js';
import { createApp } from './platform/http/app.js';
import { createTransport, MailWorker } from './platform/mail/worker.js';
import { startJobs } from './platform/jobs/scheduler.js';
import { standardJobs } from './platform/jobs/standard-jobs.js';
import { TenantFileError } from './tenancy/load.js';

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

async function main() {
  let urls: DatabaseUrls;
  if (config.DATABASE_URL) {
    if (!config.DATABASE_OWNER_URL || !config.DATABASE_PLATFORM_URL) {
      throw new ConfigError('Invalid configuration:\n  DATABASE_OWNER_URL and DATABASE_PLATFORM_URL are required with DATABASE_URL');
    }
    urls = { app: config.DATABASE_URL, owner: config.DATABASE_OWNER_URL, platform: config.DATABASE_PLATFORM_URL };
  } else {
    log.info({ dir: path.resolve(config.DATA_DIR, 'postgres') }, 'starting the embedded Postgres');
    const embedded = await startEmbeddedDatabase(config.DATA_DIR, Number(process.env.EMBEDDED_PG_PORT ?? 54329), (m) => log.debug({ postgres: m.trim() }));
    stops.push(embedded.stop);
    urls = embedded.urls;
  }
  const { db, registry } = await prepareDatabase(urls, log, { sampleData: config.NODE_ENV !== 'production' });
  stops.unshift(() => db.close());
  const styles = await compileStyles(path.join(config.DATA_DIR, 'cache'));
  const app = createApp({ config, db, registry, styles, logger: log, secrets: await sessionSecrets(config) });
  // Without SMTP (development only), sent emails stay readable at /_dev/mailbox.
  const devMailbox = !config.SMTP_URL && config.NODE_ENV !== 'production';
  const mail = new MailWorker(db.platform, registry, createTransport(config.SMTP_URL), config.MAIL_FROM, log, devMailbox);
  const jobs = startJobs(db.platform, standardJobs(db.platform, mail, registry), log);
  stops.unshift(() => jobs.stop());

  const server = http.createServer(app.callback());
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(config.PORT, resolve));
  stops.unshift(() => new Promise((resolve) => server.close(() => resolve())));
  const hosts = registry.all().map((t) => `http://${t.hostnames[0]}:${config.PORT}`);
  log.info({ port: config.PORT, hosts, admin: `http://${config.ADMIN_HOST}:${config.PORT}` }, 'Professional Portal is ready');
  if (process.stdout.isTTY) {
    console.log(`\nProfessional Portal is running:\n${hosts.map((h) => `  ${h}`).join('\n')}\n  http://${config.ADMIN_HOST}:${config.PORT} (platform admin)\nPress Ctrl-C to stop.\n`);
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
