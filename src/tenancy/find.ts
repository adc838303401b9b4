import type { Knex } from 'knex';
import { tenantSchema, type Tenant } from './schema.js';

/** A live council by slug (platform role), for commands run outside a request; undefined with the known slugs otherwise. */
export async function findTenantBySlug(platform: Knex, slug: string): Promise<{ tenant?: Tenant; known: string[] }> {
  const row: { id: string; config: unknown } | undefined = await platform('tenants').where({ slug, active: true }).first('id', 'config');
  if (row) return { tenant: { ...tenantSchema.parse(row.config), id: row.id }, known: [] };
  const known: { slug: string }[] = await platform('tenants').where({ active: true }).orderBy('slug').select('slug');
  return { known: known.map((k) => k.slug) };
}
