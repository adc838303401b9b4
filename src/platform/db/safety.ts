import type { Knex } from 'knex';

/**
 * Refuses to run the web process on a role that could see every council's data.
 * Returns the list of problems (empty when safe).
 */
export async function appRoleProblems(app: Knex): Promise<string[]> {
  const problems: string[] = [];
  const { rows } = await app.raw(
    `select current_user as name, rolsuper, rolbypassrls from pg_roles where rolname = current_user`,
  );
  const role = rows[0];
  if (role.rolsuper) problems.push(`database role "${role.name}" is a superuser`);
  if (role.rolbypassrls) problems.push(`database role "${role.name}" has BYPASSRLS`);
  const owned = await app.raw(
    `select c.relname from pg_class c
       join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
       join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r','p') and n.nspname not in ('pg_catalog','information_schema')
        and pg_has_role(current_user, c.relowner, 'USAGE')`,
  );
  for (const r of owned.rows) problems.push(`database role "${role.name}" owns tenant table "${r.relname}"`);
  return problems;
}

export async function assertAppRoleIsSafe(app: Knex): Promise<void> {
  const problems = await appRoleProblems(app);
  if (problems.length) {
    throw new Error(`Refusing to start: the app's database role could bypass tenant isolation:\n  ${problems.join('\n  ')}`);
  }
}

/**
 * What the production web process must not hold: the owner's or the platform
 * role's credentials (migrations run as `npm run migrate`, cross-council work as
 * `npm run worker`). Returns the problems (empty when it holds only the app role).
 */
export function webCredentialProblems(env: { DATABASE_OWNER_URL?: string; DATABASE_PLATFORM_URL?: string }): string[] {
  const problems: string[] = [];
  if (env.DATABASE_OWNER_URL) problems.push('DATABASE_OWNER_URL is set: the web process must not hold the owner role (run migrations with `npm run migrate`)');
  if (env.DATABASE_PLATFORM_URL) problems.push('DATABASE_PLATFORM_URL is set: the web process must not hold the platform role (cross-council work runs in `npm run worker`)');
  return problems;
}
