import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { tenantSchema, type Tenant, type TenantStatus } from './schema.js';
import { assetVersion } from './assets.js';

interface Row {
  id: string;
  config: unknown;
  status: TenantStatus;
  revision: number;
  logo_sha256: string | null;
}

const SERVED: TenantStatus[] = ['live', 'suspended'];
const COLUMNS = ['id', 'config', 'status', 'revision', 'logo_sha256'];

/**
 * Every live or suspended council, looked up by host name in O(1), loaded from
 * the `tenants` table. A changed council is reloaded on its own (NOTIFY) or with
 * the rest (the poll); a config that no longer parses keeps the last good one in
 * service and logs an error.
 */
export class TenantRegistry {
  private byHost = new Map<string, Tenant>();
  private bySlug = new Map<string, Tenant>();
  private byId = new Map<string, Tenant>();

  constructor(
    tenants: Tenant[] = [],
    private readonly log?: Pick<Logger, 'error' | 'info'>,
  ) {
    this.replace(tenants);
  }

  static async load(db: Knex, log?: Pick<Logger, 'error' | 'info'>): Promise<TenantRegistry> {
    const registry = new TenantRegistry([], log);
    await registry.reload(db);
    return registry;
  }

  /** Reloads every council. Unchanged ones (same revision and status) keep their parsed object. */
  async reload(db: Knex): Promise<void> {
    const rows: Row[] = await db('tenants').whereIn('status', SERVED).select(COLUMNS);
    const tenants: Tenant[] = [];
    for (const row of rows) {
      const tenant = this.fromRow(row);
      if (tenant) tenants.push(tenant);
    }
    this.replace(tenants);
  }

  /** Reloads one council (after a NOTIFY): added, changed, suspended or gone. */
  async reloadOne(db: Knex, id: string): Promise<void> {
    const row: Row | undefined = await db('tenants').where({ id }).first(COLUMNS);
    const tenants = this.all().filter((t) => t.id !== id);
    const previous = this.byId.get(id);
    if (row && SERVED.includes(row.status)) {
      const tenant = this.fromRow(row);
      if (tenant) tenants.push(tenant);
    } else if (previous) {
      this.log?.info({ tenant: previous.slug }, 'council no longer served');
    }
    this.replace(tenants);
  }

  private fromRow(row: Row): Tenant | undefined {
    const known = this.byId.get(row.id);
    if (known && known.revision === row.revision && known.status === row.status) return known;
    const parsed = tenantSchema.safeParse(row.config);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
      this.log?.error({ tenantId: row.id, revision: row.revision, problems, keeping: known?.revision ?? null }, 'council config does not parse; keeping the last good one');
      // The last good config stays in service, with the status the council has now.
      return known ? { ...known, status: row.status } : undefined;
    }
    return { ...parsed.data, id: row.id, status: row.status, revision: row.revision, logoVersion: assetVersion(row.logo_sha256) };
  }

  private replace(tenants: Tenant[]) {
    const byHost = new Map<string, Tenant>();
    const bySlug = new Map<string, Tenant>();
    const byId = new Map<string, Tenant>();
    for (const tenant of tenants) {
      bySlug.set(tenant.slug, tenant);
      byId.set(tenant.id, tenant);
      for (const host of tenant.hostnames) byHost.set(host, tenant);
    }
    this.byHost = byHost;
    this.bySlug = bySlug;
    this.byId = byId;
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

  /** Every council served (live or suspended). */
  all(): Tenant[] {
    return [...this.bySlug.values()];
  }

  /** Whether `host` is a host name of a live council (for on-demand TLS). */
  isLiveHost(host: string): boolean {
    const tenant = this.forHost(host);
    return !!tenant && (tenant.status ?? 'live') === 'live';
  }
}
