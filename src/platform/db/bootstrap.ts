import pg from 'pg';
import { APP_ROLE, PLATFORM_ROLE } from '../../../migrations/rls.js';

export const OWNER_ROLE = 'portal_owner';

export interface RolePasswords {
  owner: string;
  app: string;
  platform: string;
}

/**
 * Creates the three roles and the database on a cluster where we hold a superuser
 * (the embedded database, or a test cluster). Production databases are set up by
 * their DBA with the same roles (see deploy/postgres/init-roles.sh).
 */
export async function bootstrapDatabase(adminUrl: string, database: string, passwords: RolePasswords): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const roles: [string, string, string][] = [
      [OWNER_ROLE, passwords.owner, 'LOGIN NOSUPERUSER NOBYPASSRLS'],
      [APP_ROLE, passwords.app, 'LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE'],
      [PLATFORM_ROLE, passwords.platform, 'LOGIN NOSUPERUSER BYPASSRLS NOCREATEDB NOCREATEROLE'],
    ];
    for (const [name, password, attributes] of roles) {
      const exists = await admin.query('select 1 from pg_roles where rolname = $1', [name]);
      const verb = exists.rowCount ? 'alter' : 'create';
      await admin.query(`${verb} role ${name} with ${attributes} password ${pg.escapeLiteral(password)}`);
    }
    // The platform role's units of work inside one council take the app role (SET LOCAL ROLE), so RLS applies to them.
    await admin.query(`grant ${APP_ROLE} to ${PLATFORM_ROLE}`);
    const db = await admin.query('select 1 from pg_database where datname = $1', [database]);
    if (!db.rowCount) await admin.query(`create database ${pg.escapeIdentifier(database)} owner ${OWNER_ROLE}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  const inDb = new pg.Client({ connectionString: url.toString() });
  await inDb.connect();
  try {
    await inDb.query(`alter schema public owner to ${OWNER_ROLE}`);
    await inDb.query('revoke create on schema public from public');
    await inDb.query(`grant usage on schema public to ${APP_ROLE}, ${PLATFORM_ROLE}`);
  } finally {
    await inDb.end();
  }
}

export function roleUrl(baseUrl: string, role: string, password: string, database: string): string {
  const url = new URL(baseUrl);
  url.username = role;
  url.password = password;
  url.pathname = `/${database}`;
  return url.toString();
}
