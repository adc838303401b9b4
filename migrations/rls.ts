import type { Knex } from 'knex';

export const APP_ROLE = 'portal_app';
export const PLATFORM_ROLE = 'portal_platform';

/**
 * The tenant policy's condition. The scalar subquery is evaluated once per statement
 * (an InitPlan), not once per row a scan filters (migrations/20261203000100_rls_once_per_statement.ts).
 */
export const TENANT_CONDITION = 'tenant_id = (select app.current_tenant_id())';

/**
 * Makes `table` a tenant table: tenant_id defaults from the transaction's setting,
 * row-level security is enabled and forced, and one policy keeps every statement
 * inside the current tenant. Call it for every table that has a tenant_id.
 */
export async function protectTenantTable(knex: Knex, table: string, appPrivileges = 'select, insert, update, delete') {
  await knex.raw(`alter table ?? alter column tenant_id set default app.current_tenant_id()`, [table]);
  await knex.raw(`alter table ?? enable row level security`, [table]);
  await knex.raw(`alter table ?? force row level security`, [table]);
  await knex.raw(
    `create policy tenant_isolation on ?? using (${TENANT_CONDITION}) with check (${TENANT_CONDITION})`,
    [table],
  );
  await knex.raw(`grant ${appPrivileges} on ?? to ${APP_ROLE}`, [table]);
  await knex.raw(`grant select, insert, update, delete on ?? to ${PLATFORM_ROLE}`, [table]);
}

/** Adds tenant_id (not null, referencing tenants) as the first column of a new table. */
export function tenantColumn(t: Knex.CreateTableBuilder) {
  t.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('cascade');
}
