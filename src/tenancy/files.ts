import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Knex } from 'knex';
import { tenantSchema, type TenantConfig } from './schema.js';
import { sha256 } from './assets.js';
import { diffConfigs, type FieldChange } from './diff.js';
import type { TenantConfigService } from './config-service.js';
import { TENANTS_DIR, type TenantFile } from './load.js';
import { tenantRows } from './tenant-rows.js';

/**
 * The files in tenants/ are an import and export format; the database is the
 * truth. One rule decides whether a file is imported:
 *   - a council that is not in the database is created from its file;
 *   - a council whose last change came from a file is updated from it;
 *   - a council last changed in the console is never overwritten by its file,
 *     unless `force` is given; the outcome lists the fields that differ.
 * No per-field merging.
 */
export type ImportAction = 'created' | 'updated' | 'unchanged' | 'kept' | 'forced';

export interface ImportOutcome {
  slug: string;
  action: ImportAction;
  revision?: number;
  /** For "kept" and "forced": what the file would change (the logo counts as the field "logo"). */
  differences: FieldChange[];
}

/** tenant.json exactly as export writes it (and as the repository keeps it). */
export function tenantJson(config: TenantConfig): string {
  return `${JSON.stringify(config, null, 2)}\n`;
}

export async function importTenantFiles(service: TenantConfigService, platform: Knex, files: TenantFile[], options: { force?: boolean } = {}): Promise<ImportOutcome[]> {
  const outcomes: ImportOutcome[] = [];
  for (const file of files) {
    const { config, logo } = file;
    const slug = config.slug;
    const row = await tenantRows.bySlug(platform, slug);
    const reason = `Imported from tenants/${slug}`;
    if (!row) {
      const saved = await service.save({ config, expectedRevision: 0, logo, logoSha256: null, status: 'live', source: 'file', actor: 'file', reason });
      outcomes.push({ slug, action: 'created', revision: saved.revision, differences: [] });
      continue;
    }
    const live = tenantSchema.safeParse(row.config);
    const differences = diffConfigs(live.success ? live.data : row.config, config);
    const logoHash = logo ? sha256(logo.bytes) : null;
    if (logoHash !== row.logo_sha256) differences.push({ path: 'logo', before: row.logo_sha256 ?? '', after: logoHash ?? '' });
    if (!differences.length && row.status !== 'draft') {
      outcomes.push({ slug, action: 'unchanged', revision: row.revision, differences });
      continue;
    }
    const fromConsole = row.source === 'console';
    if (fromConsole && !options.force) {
      outcomes.push({ slug, action: 'kept', revision: row.revision, differences });
      continue;
    }
    const saved = await service.save({
      tenantId: row.id,
      config,
      expectedRevision: row.revision,
      logo,
      logoSha256: logo ? undefined : null,
      status: row.status === 'draft' ? 'live' : undefined,
      source: 'file',
      actor: 'file',
      reason: fromConsole ? `${reason} (--force)` : reason,
    });
    outcomes.push({ slug, action: fromConsole ? 'forced' : 'updated', revision: saved.revision, differences });
  }
  return outcomes;
}

/** Writes a council's live config and logo to `dir`/<slug>/ (tenants/ by default). Returns the files written. */
export async function exportTenant(platform: Knex, slug: string, dir = TENANTS_DIR): Promise<string[]> {
  const row = await tenantRows.bySlug(platform, slug);
  if (!row || row.status === 'draft') throw new Error(`There is no published council "${slug}"`);
  const config = tenantSchema.parse(row.config);
  const folder = path.join(dir, slug);
  await mkdir(folder, { recursive: true });
  const written = [path.join(folder, 'tenant.json')];
  await writeFile(written[0]!, tenantJson(config));
  if (config.brand.logo && row.logo_sha256) {
    const asset = await tenantRows.asset(platform, row.id, row.logo_sha256);
    if (asset) {
      const file = path.join(folder, config.brand.logo);
      await writeFile(file, asset.bytes);
      written.push(file);
    }
  }
  return written;
}
