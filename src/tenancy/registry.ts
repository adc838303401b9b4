import type { Knex } from 'knex';
import { tenantSchema, type Tenant } from './schema.js';

/**
 * Every active tenant, looked up by host name in O(1). Loaded from the `tenants`
 * table, so councils onboarded later are served the same way as the file ones.
 */
export class TenantRegistry {
  private byHost = new Map<string, Tenant>();
  private bySlug = new Map<string, Tenant>();
  private byId = new Map<string, Tenant>();

  constructor(tenants: Tenant[] = []) {
    this.replace(tenants);
  }

  static async load(db: Knex): Promise<TenantRegistry> {
    const registry = new TenantRegistry();
    await registry.reload(db);
    return registry;
  }

  async reload(db: Knex): Promise<void> {
    const rows: { id: string; config: unknown }[] = await db('tenants').where({ active: true }).select('id', 'config');
    const tenants: Tenant[] = [];
    for (const row of rows) {
      const parsed = tenantSchema.safeParse(row.config);
      if (parsed.success) tenants.push({ ...parsed.data, id: row.id });
    }
    this.replace(tenants);
  }

  private replace(tenants: Tenant[]) {
    this.byHost = new Map();
    this.bySlug = new Map();
    this.byId = new Map();
    for (const tenant of tenants) {
      this.bySlug.set(tenant.slug, tenant);
      this.byId.set(tenant.id, tenant);
      for (const host of tenant.hostnames) this.byHost.set(host, tenant);
    }
  }

  forHost(host: string): Tenant | undefined {
    return this.byHost.get(host.toLowerCase());
  }

  forSlug(slug: string): Tenant | undefined {
    return this.bySlug.get(slug);
  }

  forId(id: string): Tenant | undefined {
    return this.byId.get(id);
  }

  all(): Tenant[] {
    return [...this.bySlug.values()];
  }
}
