import type { Knex } from 'knex';

/**
 * Tables with a tenant_id column that are not distributed by it: Citus reference
 * tables (a copy on every node), each for a reason. Their keys need not lead with
 * tenant_id; they must still be under row-level security, and no distributed
 * table may point into them by a key that is not theirs (checked below).
 */
export const REFERENCE_TABLES_WITH_TENANT_ID: Record<string, string> = {
  tenant_hostnames: 'looked up by host name before the council is known (keyed by hostname)',
  platform_audit_log: 'platform administration events, some about no council (tenant_id may be null)',
};

export interface KeyProblem {
  table: string;
  problem: string;
}

/**
 * The rules that let every tenant table be distributed by tenant_id (Citus,
 * deploy/citus/README.md), read from the catalogue:
 * - a tenant table (one with a tenant_id column) has a primary key that leads with tenant_id;
 * - its unique constraints and unique indexes include tenant_id;
 * - a foreign key between tenant tables leads with tenant_id on both sides
 *   (so the referenced row is in the same shard); one to a table without
 *   tenant_id (a reference table such as `tenants`) is allowed;
 * - nothing that is not distributed by tenant_id points into a table that is;
 * - row-level security is enabled and forced.
 * Returns every breach, in table order.
 */
export async function tenantKeyProblems(db: Knex): Promise<KeyProblem[]> {
  const { rows: tables } = await db.raw(`
    select c.oid::int as oid, c.relname as table, c.relrowsecurity as enabled, c.relforcerowsecurity as forced,
           a.attnum as tenant_column
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
     where c.relkind in ('r', 'p') and n.nspname = 'public'
     order by c.relname`);
  const tenantColumn = new Map<number, number>(tables.map((t: { oid: number; tenant_column: number }) => [t.oid, t.tenant_column]));
  const { rows: constraints } = await db.raw(`
    select con.conname as name, con.contype as type, con.conrelid::int as table_oid, con.confrelid::int as referenced_oid,
           con.conrelid::regclass::text as table, con.confrelid::regclass::text as referenced,
           con.conkey as columns, con.confkey as referenced_columns
      from pg_constraint con
      join pg_namespace n on n.oid = con.connamespace
     where n.nspname = 'public' and con.contype in ('p', 'u', 'f')`);
  const { rows: uniqueIndexes } = await db.raw(`
    select i.indexrelid::regclass::text as name, i.indrelid::int as table_oid, i.indkey::int2[] as columns
      from pg_index i
      join pg_class c on c.oid = i.indrelid
      join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and i.indisunique and not i.indisprimary
       and not exists (select 1 from pg_constraint con where con.conindid = i.indexrelid)`);

  const problems: KeyProblem[] = [];
  for (const t of tables as { oid: number; table: string; enabled: boolean; forced: boolean; tenant_column: number }[]) {
    const own = (constraints as { name: string; type: string; table_oid: number; columns: number[] }[]).filter((c) => c.table_oid === t.oid);
    if (!t.enabled) problems.push({ table: t.table, problem: 'row level security is not enabled' });
    if (!t.forced) problems.push({ table: t.table, problem: 'row level security is not forced' });
    if (t.table in REFERENCE_TABLES_WITH_TENANT_ID) continue;
    const pk = own.find((c) => c.type === 'p');
    if (!pk) problems.push({ table: t.table, problem: 'no primary key' });
    else if (pk.columns[0] !== t.tenant_column) problems.push({ table: t.table, problem: `primary key ${pk.name} does not lead with tenant_id` });
    for (const u of own.filter((c) => c.type === 'u')) {
      if (!u.columns.includes(t.tenant_column)) problems.push({ table: t.table, problem: `unique constraint ${u.name} does not include tenant_id` });
    }
    for (const u of (uniqueIndexes as { name: string; table_oid: number; columns: number[] }[]).filter((i) => i.table_oid === t.oid)) {
      if (!u.columns.includes(t.tenant_column)) problems.push({ table: t.table, problem: `unique index ${u.name} does not include tenant_id` });
    }
  }
  for (const fk of (constraints as { name: string; type: string; table_oid: number; referenced_oid: number; table: string; referenced: string; columns: number[]; referenced_columns: number[] }[]).filter(
    (c) => c.type === 'f',
  )) {
    const distributed = (table: string) => !(table in REFERENCE_TABLES_WITH_TENANT_ID);
    const from = distributed(fk.table) ? tenantColumn.get(fk.table_oid) : undefined;
    const to = distributed(fk.referenced) ? tenantColumn.get(fk.referenced_oid) : undefined;
    if (from === undefined && to !== undefined) problems.push({ table: fk.table, problem: `foreign key ${fk.name} points into distributed table ${fk.referenced} from a table not distributed by tenant_id` });
    if (from === undefined || to === undefined) continue;
    if (fk.columns[0] !== from || fk.referenced_columns[0] !== to) problems.push({ table: fk.table, problem: `foreign key ${fk.name} to ${fk.referenced} does not lead with tenant_id` });
  }
  return problems.sort((a, b) => a.table.localeCompare(b.table) || a.problem.localeCompare(b.problem));
}
