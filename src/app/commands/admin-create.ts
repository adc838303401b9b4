// npm run admin:create -- --email someone@example.org
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../../platform/config.js';
import { runCommand } from './run.js';
import { AdminAccountError, createPlatformAdmin } from '../../admin/accounts/create.js';
import { adminBaseUrl, openCommandDatabase } from './database.js';

const USAGE = `Creates a platform administrator and prints a one-time set-up link (valid 24 hours).

  npm run admin:create -- --email someone@example.org

Asking again for an administrator who has not finished setting up replaces the link.`;

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { email: { type: 'string' }, help: { type: 'boolean', default: false } }, strict: true });
  if (values.help || !values.email) {
    console.log(USAGE);
    return values.help ? 0 : 1;
  }
  const config = loadConfig();
  const connection = await openCommandDatabase(config, { importFiles: true });
  try {
    const created = await createPlatformAdmin(connection.platform, values.email, adminBaseUrl(config));
    console.log(`
Platform administrator ${created.email}.
Set-up link (one use, until ${created.expires.toISOString()}):

  ${created.link}

Open it to choose a password and register an authenticator app. Give it to the administrator securely.
Database: ${connection.description}.`);
    return 0;
  } finally {
    await connection.close();
  }
}

runCommand(main, [AdminAccountError, ConfigError]);
