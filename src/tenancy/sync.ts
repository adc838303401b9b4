import type { Knex } from 'knex';
import type { TenantConfig } from './schema.js';

/** Upserts the tenant files into the `tenants` table (platform role). Returns the slugs written. */
export async function syncTenants(platform: Knex, configs: TenantConfig[]): Promise<string[]> {
  await platform.transaction(async (trx) => {
    for (const config of configs) {
      await trx('tenants')
        .insert({ slug: config.slug, config: JSON.stringify(config), source: 'file' })
        .onConflict('slug')
        .merge({ config: JSON.stringify(config), updated_at: trx.fn.now() });
    }
  });
  return configs.map((c) => c.slug);
}
