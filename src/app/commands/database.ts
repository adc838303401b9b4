import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Knex } from 'knex';
import pino from 'pino';
import { ConfigError, type Config } from '../../platform/config.js';
import { connect } from '../../platform/db/connections.js';
import { roleUrl } from '../../platform/db/bootstrap.js';
import { startEmbeddedDatabase } from '../../platform/db/embedded.js';
import { PLATFORM_ROLE } from '../../../migrations/rls.js';
import { prepareDatabase } from '../boot.js';

/** The platform role's connection for a command, with what it is and how to let it go. */
export interface CommandDatabase {
  platform: Knex;
  description: string;
  close(): Promise<void>;
}

const embeddedPort = () => Number(process.env.EMBEDDED_PG_PORT ?? 54329);

/** The embedded database of a running `npm start`, if there is one. */
async function runningEmbedded(config: Config): Promise<Knex | undefined> {
  const rolesFile = path.join(config.DATA_DIR, 'roles.json');
  if (!existsSync(rolesFile)) return undefined;
  const passwords = JSON.parse(await readFile(rolesFile, 'utf8')) as { platform: string };
  const platform = connect(roleUrl(`postgres://127.0.0.1:${embeddedPort()}/portal`, PLATFORM_ROLE, passwords.platform, 'portal'), 1);
  try {
    await platform.raw('select 1 from tenants limit 1');
    return platform;
  } catch {
    await platform.destroy();
    return undefined;
  }
}

/**
 * DATABASE_PLATFORM_URL; without DATABASE_URL, the embedded database of `npm start`:
 * the running one, or started (and migrated) for this command and stopped again.
 */
export async function openCommandDatabase(config: Config, options: { importFiles?: boolean } = {}): Promise<CommandDatabase> {
  if (config.DATABASE_PLATFORM_URL) {
    const platform = connect(config.DATABASE_PLATFORM_URL, 1);
    return { platform, description: 'DATABASE_PLATFORM_URL', close: () => platform.destroy() };
  }
  if (config.DATABASE_URL) throw new ConfigError('DATABASE_PLATFORM_URL is required when DATABASE_URL is set.');
  const dir = path.resolve(config.DATA_DIR, 'postgres');
  const running = await runningEmbedded(config);
  if (running) return { platform: running, description: `the embedded Postgres of the running portal (${dir})`, close: () => running.destroy() };
  console.log(`Starting the embedded Postgres in ${dir} for this command…`);
  const embedded = await startEmbeddedDatabase(config.DATA_DIR, embeddedPort(), () => {});
  try {
    const { db } = await prepareDatabase(embedded.urls, pino({ level: 'silent' }), { sampleData: false, importFiles: options.importFiles ?? true });
    return {
      platform: db.platform,
      description: `the embedded Postgres in ${dir} (started for this command and stopped again)`,
      async close() {
        await db.close();
        await embedded.stop();
      },
    };
  } catch (err) {
    await embedded.stop();
    throw err;
  }
}

/** The console's address for links printed by commands. */
export const adminBaseUrl = (config: Config) => (config.NODE_ENV === 'production' ? `https://${config.ADMIN_HOST}` : `http://${config.ADMIN_HOST}:${config.PORT}`);
