// npm run worker: mail, scans, sweeps and schedules on the platform role (production runs one or more of these beside the web replicas).
import path from 'node:path';
import { ConfigError, loadConfig } from '../../platform/config.js';
import { connectPlatform } from '../../platform/db/connections.js';
import { compileStyles } from '../../platform/http/assets.js';
import { createLogger } from '../../platform/logger.js';
import { TenantRegistry } from '../../tenancy/registry.js';
import { FormDefinitions } from '../../forms/definitions.js';
import { sessionSecrets } from '../boot.js';
import { buildServices } from '../services.js';
import { startWorker } from '../worker.js';

let config;
try {
  config = loadConfig(process.env, 'worker');
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(err.message);
  process.exit(1);
}
const log = createLogger(config);
if (!config.DATABASE_PLATFORM_URL) {
  console.error(new ConfigError('DATABASE_PLATFORM_URL is required: the worker runs on the platform role. (With the embedded database, `npm start` runs the worker itself.)').message);
  process.exit(1);
}
const platform = connectPlatform(config.DATABASE_PLATFORM_URL);
const registry = await TenantRegistry.load(platform);
const styles = await compileStyles(path.join(config.DATA_DIR, 'cache'));
const forms = await FormDefinitions.load(platform);
const services = buildServices({ config, db: { app: platform, platform }, registry, styles, logger: log, secrets: await sessionSecrets(config), forms });
const worker = startWorker({ ...services, db: { app: platform, platform } });
log.info({ tenants: registry.all().length }, 'worker is running');

async function stop(signal: string) {
  log.info({ signal }, 'stopping the worker');
  await worker.stop();
  await platform.destroy();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
