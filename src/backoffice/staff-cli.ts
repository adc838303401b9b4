// npm run staff:create -- --tenant SLUG --email EMAIL [--forename F --surname S] [--reset] [--password-stdin]
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Knex } from 'knex';
import pg from 'pg';
import pino from 'pino';
import { ConfigError, loadConfig, type Config } from '../platform/config.js';
import { prepareDatabase } from '../platform/boot.js';
import { connect } from '../platform/db/connections.js';
import { roleUrl } from '../platform/db/bootstrap.js';
import { startEmbeddedDatabase } from '../platform/db/embedded.js';
import { PLATFORM_ROLE } from '../../migrations/rls.js';
import { createStaffAccount, StaffAccountError } from './staff-accounts.js';

const USAGE = `Creates a council staff account for the back office.

  npm run staff:create -- --tenant SLUG --email EMAIL [--forename NAME --surname NAME]
  npm run staff:create -- --tenant SLUG --email EMAIL --reset        new password for an existing account
  echo 'chosen password' | npm run staff:create -- --tenant SLUG --email EMAIL --password-stdin

Without --password-stdin a one-time password is generated and printed once.
Database: DATABASE_PLATFORM_URL, or (without DATABASE_URL) the embedded database in DATA_DIR.`;

interface Connection {
  platform: Knex;
  description: string;
  close(): Promise<void>;
}

/** The embedded database of a running `npm start`, if there is one. */
async function runningEmbedded(config: Config, port: number): Promise<Knex | undefined> {
  const rolesFile = path.join(config.DATA_DIR, 'roles.json');
  if (!existsSync(rolesFile)) return undefined;
  const passwords = JSON.parse(await readFile(rolesFile, 'utf8')) as { platform: string };
  const url = roleUrl(`postgres://127.0.0.1:${port}/portal`, PLATFORM_ROLE, passwords.platform, 'portal');
  const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await probe.connect();
    await probe.query('select 1 from tenants limit 1');
  } catch {
    return undefined;
  } finally {
    await probe.end().catch(() => {});
  }
  return connect(url, 1);
}

async function openPlatform(config: Config): Promise<Connection> {
  if (config.DATABASE_PLATFORM_URL) {
    const platform = connect(config.DATABASE_PLATFORM_URL, 1);
    return { platform, description: 'DATABASE_PLATFORM_URL', close: () => platform.destroy() };
  }
  if (config.DATABASE_URL) throw new ConfigError('DATABASE_PLATFORM_URL is required when DATABASE_URL is set.');
  const dir = path.resolve(config.DATA_DIR, 'postgres');
  const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
  const running = await runningEmbedded(config, port);
  if (running) return { platform: running, description: `the embedded Postgres of the running portal (${dir})`, close: () => running.destroy() };

  console.log(`Starting the embedded Postgres in ${dir} for this command…`);
  const embedded = await startEmbeddedDatabase(config.DATA_DIR, port, () => {});
  try {
    const { db } = await prepareDatabase(embedded.urls, pino({ level: 'silent' }));
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

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      tenant: { type: 'string' },
      email: { type: 'string' },
      forename: { type: 'string' },
      surname: { type: 'string' },
      reset: { type: 'boolean', default: false },
      'password-stdin': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help || !values.tenant || !values.email) {
    console.log(USAGE);
    return values.help ? 0 : 1;
  }
  const password = values['password-stdin'] ? await readStdin() : undefined;
  const config = loadConfig();
  const connection = await openPlatform(config);
  try {
    const result = await createStaffAccount(connection.platform, {
      tenant: values.tenant,
      email: values.email,
      forename: values.forename,
      surname: values.surname,
      password,
      reset: values.reset,
    });
    const signIn =
      config.NODE_ENV === 'production'
        ? result.tenant.hostnames.filter((h) => !h.endsWith('.localhost')).map((h) => `https://${h}/backoffice/sign-in`)
        : [`http://${result.tenant.hostnames[0]}:${config.PORT}/backoffice/sign-in`];
    console.log(`
Staff account ${result.action} for ${result.tenant.name.en} (${result.tenant.slug}).
  Name:     ${result.forename} ${result.surname}
  Email:    ${result.email}
${result.generated ? `  Password: ${result.password}\n            One-time password: shown only now and stored only as a hash. Give it to the staff member securely.\n` : '  Password: the one given on standard input\n'}
Sign in at ${signIn.join(' or ')}
After the password, a 6-digit code is emailed to ${result.email} at every sign-in.
Database: ${connection.description}.`);
    return 0;
  } finally {
    await connection.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    if (err instanceof StaffAccountError || err instanceof ConfigError) console.error(err.message);
    else if ((err as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') console.error(`${(err as Error).message}\n\n${USAGE}`);
    else console.error(err);
    process.exit(1);
  },
);
