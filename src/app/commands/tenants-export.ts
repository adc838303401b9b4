// npm run tenants:export -- SLUG [SLUG…]: write the live config and logo to tenants/SLUG/.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../../platform/config.js';
import { runCommand } from './run.js';
import { exportTenant } from '../../tenancy/files.js';
import { openCommandDatabase } from './database.js';

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({ options: { dir: { type: 'string' } }, allowPositionals: true, strict: true });
  if (!positionals.length) {
    console.log('Writes a council\'s live configuration and logo to tenants/SLUG/.\n\n  npm run tenants:export -- SLUG [SLUG…] [--dir DIR]');
    return 1;
  }
  const connection = await openCommandDatabase(loadConfig(), { importFiles: true });
  try {
    for (const slug of positionals) {
      const files = await exportTenant(connection.platform, slug, values.dir ? path.resolve(values.dir) : undefined);
      console.log(`${slug}: wrote ${files.map((f) => path.relative(process.cwd(), f)).join(', ')}`);
    }
    return 0;
  } finally {
    await connection.close();
  }
}

runCommand(main, [ConfigError, Error]);
