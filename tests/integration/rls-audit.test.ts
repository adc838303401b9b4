import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenantTablesWithoutRls } from '../../src/platform/db/audit-rls.js';
import { appRoleProblems } from '../../src/platform/db/safety.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

describe('row-level security audit', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('protects every table that has a tenant_id with ENABLE + FORCE RLS and a policy', async () => {
    const { rows } = await db.admin.raw(`select count(*)::int as n from information_schema.columns where column_name = 'tenant_id' and table_schema = 'public'`);
    expect(rows[0].n).toBeGreaterThanOrEqual(3);
    expect(await tenantTablesWithoutRls(db.admin)).toEqual([]);
  });

  it('gives every tenant table the same policy, its tenant read once per statement (a subquery), for reading and writing (isolation.test.ts checks what it lets through)', async () => {
    const { rows } = (await db.admin.raw(
      `select c.relname as table, pg_get_expr(p.polqual, p.polrelid) as using, pg_get_expr(p.polwithcheck, p.polrelid) as check
         from pg_policy p join pg_class c on c.oid = p.polrelid
        where p.polname = 'tenant_isolation' order by 1`,
    )) as { rows: { table: string; using: string; check: string }[] };
    expect(rows.length).toBeGreaterThanOrEqual(10);
    for (const row of rows) {
      expect(row.using, row.table).toBe('(tenant_id = ( SELECT app.current_tenant_id() AS current_tenant_id))');
      expect(row.check, row.table).toBe(row.using);
    }
  });

  it('catches a tenant table added without row-level security', async () => {
    await db.owner.raw(`create table careless (tenant_id uuid not null, note text)`);
    try {
      expect(await tenantTablesWithoutRls(db.admin)).toEqual([
        { table: 'careless', problems: ['row level security is not enabled', 'row level security is not forced', 'no policy'] },
      ]);
      await db.owner.raw(`alter table careless enable row level security`);
      expect((await tenantTablesWithoutRls(db.admin))[0]?.problems).toEqual(['row level security is not forced', 'no policy']);
    } finally {
      await db.owner.raw(`drop table careless`);
    }
  });

  it('runs the app on a role that is not superuser, cannot bypass RLS and owns no tenant table', async () => {
    expect(await appRoleProblems(db.app)).toEqual([]);
    const { rows } = await db.app.raw(`select rolsuper, rolbypassrls from pg_roles where rolname = current_user`);
    expect(rows[0]).toEqual({ rolsuper: false, rolbypassrls: false });
  });

  it('would refuse to start on the owner role, which owns the tenant tables', async () => {
    const problems = await appRoleProblems(db.owner);
    expect(problems).toContain('database role "portal_owner" owns tenant table "sessions"');
  });

  it('would refuse to start on a superuser', async () => {
    const problems = await appRoleProblems(db.admin);
    expect(problems).toContain('database role "postgres" is a superuser');
  });
});
