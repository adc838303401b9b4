import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFERENCE_TABLES_WITH_TENANT_ID, tenantKeyProblems } from '../../src/platform/db/audit-keys.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/**
 * The schema is ready to distribute by tenant_id (deploy/citus/README.md): read
 * from the catalogue, like the RLS audit.
 */
describe('distribution-ready schema audit', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('finds every tenant table keyed by tenant_id, every foreign key between them composite, RLS forced', async () => {
    const { rows } = await db.admin.raw(`select count(*)::int as n from information_schema.columns where column_name = 'tenant_id' and table_schema = 'public'`);
    expect(rows[0].n).toBeGreaterThanOrEqual(15);
    expect(await tenantKeyProblems(db.admin)).toEqual([]);
  });

  it('names only real tables as reference tables', async () => {
    for (const table of Object.keys(REFERENCE_TABLES_WITH_TENANT_ID)) {
      const { rows } = await db.admin.raw(`select to_regclass(?) is not null as present`, [`public.${table}`]);
      expect(rows[0].present, table).toBe(true);
    }
  });

  it('catches a key that does not lead with tenant_id, a one-column foreign key between tenant tables, and RLS not forced', async () => {
    await db.owner.raw(`
      create table careless_parent (tenant_id uuid not null, id uuid not null, code text, primary key (id), unique (code));
      create unique index careless_parent_code_tenant on careless_parent (tenant_id, code);
      create table careless_child (tenant_id uuid not null, id uuid not null, parent_id uuid references careless_parent (id), primary key (tenant_id, id));
      alter table careless_child enable row level security;
      create table careless_outsider (id uuid primary key, child_tenant uuid, child_id uuid, foreign key (child_tenant, child_id) references careless_child (tenant_id, id));`);
    try {
      expect(await tenantKeyProblems(db.admin)).toEqual([
        { table: 'careless_child', problem: 'foreign key careless_child_parent_id_fkey to careless_parent does not lead with tenant_id' },
        { table: 'careless_child', problem: 'row level security is not forced' },
        { table: 'careless_outsider', problem: 'foreign key careless_outsider_child_tenant_child_id_fkey points into distributed table careless_child from a table not distributed by tenant_id' },
        { table: 'careless_parent', problem: 'primary key careless_parent_pkey does not lead with tenant_id' },
        { table: 'careless_parent', problem: 'row level security is not enabled' },
        { table: 'careless_parent', problem: 'row level security is not forced' },
        { table: 'careless_parent', problem: 'unique constraint careless_parent_code_key does not include tenant_id' },
      ]);
    } finally {
      await db.owner.raw(`drop table careless_outsider; drop table careless_child; drop table careless_parent;`);
    }
  });
});
