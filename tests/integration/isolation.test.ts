import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db as unitDb, inTenant } from '../../src/platform/db/unit-of-work.js';
import { TenantRegistry } from '../../src/tenancy/registry.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

const TABLES = ['sessions', 'outbox', 'audit_log'] as const;

function rowFor(table: (typeof TABLES)[number], marker: string, tenantId?: string) {
  const base = tenantId ? { tenant_id: tenantId } : {};
  switch (table) {
    case 'sessions':
      return { ...base, id: marker, data: {}, expires_at: new Date(Date.now() + 60_000) };
    case 'outbox':
      return { ...base, to_address: `${marker}@example.org`, template: 'portalMessage' };
    case 'audit_log':
      return { ...base, actor_type: 'system', action: marker };
  }
}

describe('tenant isolation by row-level security', () => {
  let db: TestDatabase;
  let a: string;
  let b: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    const registry = await TenantRegistry.load(db.platform);
    a = registry.forSlug('leicester')!.id;
    b = registry.forSlug('dudley')!.id;
    for (const table of TABLES) {
      await inTenant(db.app, a, async () => (await unitDb())(table).insert(rowFor(table, 'row-of-a')));
      await inTenant(db.app, b, async () => (await unitDb())(table).insert(rowFor(table, 'row-of-b')));
    }
  });
  afterAll(() => db.drop());

  for (const table of TABLES) {
    describe(table, () => {
      it("shows tenant A only its own rows, and fills tenant_id from the setting", async () => {
        const rows = await inTenant(db.app, a, async () => (await unitDb())(table).select('tenant_id'));
        expect(rows.length).toBe(1);
        expect(rows[0].tenant_id).toBe(a);
      });

      it("cannot update or delete tenant B's rows from tenant A", async () => {
        // The audit log is append-only for the app (tested below), so only the others can be tried.
        if (table !== 'audit_log') {
          const updated = await inTenant(db.app, a, async () => (await unitDb())(table).where({ tenant_id: b }).update({ tenant_id: b }));
          expect(updated).toBe(0);
          const deleted = await inTenant(db.app, a, async () => (await unitDb())(table).where({ tenant_id: b }).delete());
          expect(deleted).toBe(0);
        }
        const stillThere = await db.platform(table).where({ tenant_id: b }).count<{ count: number }[]>('* as count');
        expect(Number(stillThere[0]!.count)).toBe(1);
      });

      it("refuses to insert a row for tenant B while working as tenant A", async () => {
        await expect(inTenant(db.app, a, async () => (await unitDb())(table).insert(rowFor(table, 'sneaky', b)))).rejects.toThrow(/row-level security/);
      });

      it('shows no rows at all without a tenant setting', async () => {
        const rows = await db.app(table).select('*');
        expect(rows).toEqual([]);
        await expect(db.app(table).insert(rowFor(table, 'orphan'))).rejects.toThrow();
      });
    });
  }

  it('keeps the setting inside its transaction: the pooled connection forgets it', async () => {
    await inTenant(db.app, a, async () => {
      const { rows } = await (await unitDb()).raw(`select app.current_tenant_id() as id`);
      expect(rows[0].id).toBe(a);
    });
    const { rows } = await db.app.raw(`select app.current_tenant_id() as id`);
    expect(rows[0].id).toBeNull();
  });

  it("forbids the app from rewriting the audit log, even its own tenant's", async () => {
    await expect(inTenant(db.app, a, async () => (await unitDb())('audit_log').update({ action: 'changed' }))).rejects.toThrow(/permission denied/);
    await expect(inTenant(db.app, a, async () => (await unitDb())('audit_log').delete())).rejects.toThrow(/permission denied/);
  });
});
