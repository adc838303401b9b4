// npm run staff:create -- --tenant SLUG --email EMAIL [--forename F --surname S] [--reset] [--password-stdin]
import { parseArgs } from 'node:util';
import { isStaffRole, STAFF_ROLES } from '../../access/actor.js';
import { createStaffAccount, StaffAccountError } from '../../accounts/staff/staff-accounts.js';
import { ConfigError, loadConfig } from '../../platform/config.js';
import { openCommandDatabase } from './database.js';
import { publicOrigin, publicUrlSettings } from '../../tenancy/urls.js';

const USAGE = `Creates a council staff account for the back office.

  npm run staff:create -- --tenant SLUG --email EMAIL [--forename NAME --surname NAME]
  npm run staff:create -- --tenant SLUG --email EMAIL --reset        new password for an existing account
  npm run staff:create -- --tenant SLUG --email EMAIL --role send-officer --role council-admin   only these roles

Roles: ${STAFF_ROLES.join(', ')} (all of them when no --role is given).
  echo 'chosen password' | npm run staff:create -- --tenant SLUG --email EMAIL --password-stdin

Without --password-stdin a one-time password is generated and printed once.
Database: DATABASE_PLATFORM_URL, or (without DATABASE_URL) the embedded database in DATA_DIR.`;

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
      role: { type: 'string', multiple: true },
      'password-stdin': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help || !values.tenant || !values.email) {
    console.log(USAGE);
    return values.help ? 0 : 1;
  }
  const roles = values.role?.map((role) => {
    if (!isStaffRole(role)) throw new StaffAccountError(`"${role}" is not a staff role (${STAFF_ROLES.join(', ')})`);
    return role;
  });
  const password = values['password-stdin'] ? await readStdin() : undefined;
  const config = loadConfig(process.env, 'command');
  const connection = await openCommandDatabase(config);
  try {
    const result = await createStaffAccount(connection.platform, {
      tenant: values.tenant,
      email: values.email,
      forename: values.forename,
      surname: values.surname,
      password,
      reset: values.reset,
      roles,
    });
    const signIn =
      config.NODE_ENV === 'production'
        ? result.tenant.hostnames.filter((h) => !h.endsWith('.localhost')).map((h) => `https://${h}/backoffice/sign-in`)
        : [`${publicOrigin(result.tenant, publicUrlSettings(config))}/backoffice/sign-in`];
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
