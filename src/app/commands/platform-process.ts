import path from 'node:path';
import { FormDefinitions } from '../../forms/definitions.js';
import { ConfigError, loadConfig, type ProcessKind } from '../../platform/config.js';
import { connectPlatform } from '../../platform/db/connections.js';
import { compileStyles } from '../../platform/http/assets.js';
import { createLogger } from '../../platform/logger.js';
import { TenantRegistry } from '../../tenancy/registry.js';
import { sessionSecrets } from '../boot.js';
import { buildServices } from '../services.js';

/**
 * The start of a production process on the platform role (the worker, the admin
 * console): its configuration (a bad one stops it with one line per problem),
 * the platform pool, the councils, the form definitions and the services.
 */
export async function startPlatformProcess(kind: Extract<ProcessKind, 'worker' | 'admin'>, withoutPlatformUrl: string) {
  let config;
  try {
    config = loadConfig(process.env, kind);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(err.message);
    process.exit(1);
  }
  const log = createLogger(config);
  if (!config.DATABASE_PLATFORM_URL) {
    console.error(new ConfigError(withoutPlatformUrl).message);
    process.exit(1);
  }
  const platform = connectPlatform(config.DATABASE_PLATFORM_URL);
  const registry = await TenantRegistry.load(platform);
  const styles = await compileStyles(path.join(config.DATA_DIR, 'cache'));
  const forms = await FormDefinitions.load(platform);
  const services = buildServices({ config, db: { app: platform, platform }, registry, styles, logger: log, secrets: await sessionSecrets(config), forms });
  return { config, log, platform, registry, services, platformUrl: config.DATABASE_PLATFORM_URL };
}
