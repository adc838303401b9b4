// npm run admin: the platform admin console on its own (production), on the platform role, serving ADMIN_HOST only.
import path from 'node:path';
import { ConfigError, loadConfig } from '../../platform/config.js';
import { connectPlatform } from '../../platform/db/connections.js';
import { compileStyles } from '../../platform/http/assets.js';
import { createLogger } from '../../platform/logger.js';
import { listenForTenantChanges } from '../../tenancy/listener.js';
import { TenantRegistry } from '../../tenancy/registry.js';
import { FormDefinitions } from '../../forms/definitions.js';
import { sessionSecrets } from '../boot.js';
import { buildServices } from '../services.js';
import { createAdminWebApp, listen } from '../web.js';

let config;
try {
  config = loadConfig(process.env, 'admin');
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(err.message);
  process.exit(1);
}
const log = createLogger(config);
if (!config.DATABASE_PLATFORM_URL) {
  console.error(new ConfigError('DATABASE_PLATFORM_URL is required: the admin console runs on the platform role. (With the embedded database, `npm start` serves it itself.)').message);
  process.exit(1);
}
const platform = connectPlatform(config.DATABASE_PLATFORM_URL);
const registry = await TenantRegistry.load(platform);
const listener = await listenForTenantChanges(config.DATABASE_PLATFORM_URL, registry, platform, log);
const styles = await compileStyles(path.join(config.DATA_DIR, 'cache'));
const forms = await FormDefinitions.load(platform);
const services = buildServices({ config, db: { app: platform, platform }, registry, styles, logger: log, secrets: await sessionSecrets(config), forms });
const server = await listen(createAdminWebApp(services), config.PORT);
log.info({ port: config.PORT, host: config.ADMIN_HOST }, 'platform admin console is ready');

async function stop(signal: string) {
  log.info({ signal }, 'stopping the admin console');
  await server.close();
  await listener.stop();
  await platform.destroy();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
