// npm run addresses:import FILE.csv
// Loads an OS AddressBase / Open UPRN style CSV into the address list used by postcode look-ups.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../../platform/config.js';
import { connect } from '../../platform/db/connections.js';
import { roleUrl } from '../../platform/db/bootstrap.js';
import { startEmbeddedDatabase } from '../../platform/db/embedded.js';
import { PLATFORM_ROLE } from '../../../migrations/rls.js';
import { importAddresses } from './import.js';

const file = process.argv[2];
if (!file || !existsSync(file)) {
  console.error(file ? `No such file: ${file}` : 'Usage: npm run addresses:import FILE.csv');
  process.exit(1);
}

const config = loadConfig();
let stopEmbedded: (() => Promise<void>) | undefined;

/** DATABASE_PLATFORM_URL; without it, the embedded database of `npm start` (running or not). */
async function platformUrl(): Promise<string> {
  if (config.DATABASE_PLATFORM_URL) return config.DATABASE_PLATFORM_URL;
  if (config.DATABASE_URL) throw new Error('DATABASE_PLATFORM_URL is not set (it is needed with DATABASE_URL).');
  const rolesFile = path.join(config.DATA_DIR, 'roles.json');
  const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
  if (existsSync(rolesFile)) {
    // The portal may be running: then its embedded Postgres is already listening.
    const passwords = JSON.parse(await readFile(rolesFile, 'utf8'));
    const url = roleUrl(`postgres://postgres@127.0.0.1:${port}/postgres`, PLATFORM_ROLE, passwords.platform, 'portal');
    const probe = connect(url, 1);
    try {
      await probe.raw('select 1');
      console.log(`Using the embedded database of the running portal (port ${port}).`);
      return url;
    } catch {
      // Not running: start it below.
    } finally {
      await probe.destroy();
    }
  }
  console.log(`Starting the embedded database in ${path.resolve(config.DATA_DIR)} (run \`npm start\` once first to create its tables).`);
  const embedded = await startEmbeddedDatabase(config.DATA_DIR, port, () => {});
  stopEmbedded = embedded.stop;
  return embedded.urls.platform;
}

let exitCode = 0;
try {
  const platform = connect(await platformUrl(), 1);
  try {
    const started = Date.now();
    const result = await importAddresses(platform, file);
    console.log(`Read ${result.rows} rows from ${file} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${result.inserted} added, ${result.updated} updated, ${result.bad.length} skipped.`);
    for (const bad of result.bad.slice(0, 100)) console.log(`  line ${bad.line}: ${bad.reason}`);
    if (result.bad.length > 100) console.log(`  … and ${result.bad.length - 100} more`);
    if (result.bad.length) exitCode = 2;
  } finally {
    await platform.destroy();
  }
} catch (err) {
  console.error((err as Error).message);
  exitCode = 1;
} finally {
  await stopEmbedded?.();
}
process.exit(exitCode);
