import type { Knex } from 'knex';
import type { TenantStatus } from './schema.js';

/** A row of `tenants`, as the platform role reads it. */
export interface TenantRow {
  id: string;
  slug: string;
  config: unknown;
  status: TenantStatus;
  revision: number;
  source: 'file' | 'console' | 'bench';
  logo_sha256: string | null;
  updated_by: string | null;
  updated_at: Date;
  created_at: Date;
}

export interface RevisionRow {
  tenant_id: string;
  revision: number;
  config: unknown;
  logo_sha256: string | null;
  source: string;
  actor: string;
  reason: string;
  created_at: Date;
}

/** Postgres channel that tells every replica a council changed; the payload is its id. */
export const TENANT_CHANNEL = 'tenant_changed';

const COLUMNS = ['id', 'slug', 'config', 'status', 'revision', 'source', 'logo_sha256', 'updated_by', 'updated_at', 'created_at'];

/** Queries of the councils' own tables (tenants, tenant_revisions, tenant_hostnames, tenant_assets), platform role. */
export const tenantRows = {
  all(db: Knex, statuses: TenantStatus[] = ['draft', 'live', 'suspended']): Promise<TenantRow[]> {
    return db('tenants').whereIn('status', statuses).orderBy('slug').select(COLUMNS);
  },
  byId(db: Knex, id: string): Promise<TenantRow | undefined> {
    return db('tenants').where({ id }).first(COLUMNS);
  },
  bySlug(db: Knex, slug: string): Promise<TenantRow | undefined> {
    return db('tenants').where({ slug }).first(COLUMNS);
  },
  lockById(trx: Knex.Transaction, id: string): Promise<TenantRow | undefined> {
    return trx('tenants').where({ id }).forUpdate().first(COLUMNS);
  },
  /** The council using each of `hosts`, other than `exceptId`. */
  async hostOwners(db: Knex, hosts: string[], exceptId?: string): Promise<Map<string, string>> {
    if (!hosts.length) return new Map();
    const rows: { hostname: string; slug: string }[] = await db('tenant_hostnames as h')
      .join('tenants as t', 't.id', 'h.tenant_id')
      .whereIn('h.hostname', hosts)
      .modify((q) => {
        if (exceptId) q.whereNot('h.tenant_id', exceptId);
      })
      .select('h.hostname', 't.slug');
    return new Map(rows.map((r) => [r.hostname, r.slug]));
  },
  async replaceHostnames(trx: Knex.Transaction, tenantId: string, hosts: string[]): Promise<void> {
    await trx('tenant_hostnames').where({ tenant_id: tenantId }).delete();
    if (hosts.length) await trx('tenant_hostnames').insert(hosts.map((hostname) => ({ hostname, tenant_id: tenantId })));
  },
  revisions(db: Knex, tenantId: string): Promise<RevisionRow[]> {
    return db('tenant_revisions').where({ tenant_id: tenantId }).orderBy('revision', 'desc').select('*');
  },
  revision(db: Knex, tenantId: string, revision: number): Promise<RevisionRow | undefined> {
    return db('tenant_revisions').where({ tenant_id: tenantId, revision }).first('*');
  },
  async storeAsset(db: Knex, tenantId: string, hash: string, contentType: string, bytes: Buffer): Promise<void> {
    await db('tenant_assets').insert({ tenant_id: tenantId, sha256: hash, content_type: contentType, bytes }).onConflict(['tenant_id', 'sha256']).ignore();
  },
  asset(db: Knex, tenantId: string, hash: string): Promise<{ bytes: Buffer; content_type: string } | undefined> {
    return db('tenant_assets').where({ tenant_id: tenantId, sha256: hash }).first('bytes', 'content_type');
  },
  async notify(db: Knex, tenantId: string): Promise<void> {
    await db.raw('select pg_notify(?, ?)', [TENANT_CHANNEL, tenantId]);
  },
};
