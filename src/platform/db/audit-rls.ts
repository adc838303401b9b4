import type { Knex } from 'knex';

export interface UnprotectedTable {
  table: string;
  problems: string[];
}

/**
 * Every table with a tenant_id column must have row-level security enabled and
 * forced, and at least one policy. Returns the tables that do not.
 */
export async function tenantTablesWithoutRls(db: Knex): Promise<UnprotectedTable[]> {
  const { rows } = await db.raw(`
    select c.relname as table, c.relrowsecurity as enabled, c.relforcerowsecurity as forced,
           (select count(*) from pg_policy p where p.polrelid = c.oid) as policies
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
     where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema')
     order by c.relname`);
  return rows
    .map((r: { table: string; enabled: boolean; forced: boolean; policies: number }) => ({
      table: r.table,
      problems: [
        ...(r.enabled ? [] : ['row level security is not enabled']),
        ...(r.forced ? [] : ['row level security is not forced']),
        ...(Number(r.policies) > 0 ? [] : ['no policy']),
      ],
    }))
    .filter((t: UnprotectedTable) => t.problems.length > 0);
}
