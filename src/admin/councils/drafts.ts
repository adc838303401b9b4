import type { Knex } from 'knex';
import { z } from 'zod';
import { tenantSchema, type TenantConfig, type TenantStatus } from '../../tenancy/schema.js';
import { tenantRows } from '../../tenancy/tenant-rows.js';

/** A council's config while it is being edited: any field may still be missing. */
export type DraftConfig = Partial<TenantConfig> & { slug: string };

const draftSchema = z.object(tenantSchema.shape).partial().extend({ slug: tenantSchema.shape.slug });

/** The fields of a stored draft that are each valid on their own (a task writes whole fields). */
export function readDraft(json: unknown, slug: string): DraftConfig {
  const parsed = draftSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const source = (json ?? {}) as Record<string, unknown>;
  const draft: DraftConfig = { slug };
  for (const key of Object.keys(tenantSchema.shape) as (keyof TenantConfig)[]) {
    const one = draftSchema.safeParse({ slug, [key]: source[key] });
    if (one.success) Object.assign(draft, one.data);
  }
  return draft;
}

export interface CouncilDraft {
  tenantId: string;
  slug: string;
  status: TenantStatus;
  /** The live revision (0 before the first publication). */
  liveRevision: number;
  config: DraftConfig;
  logoSha256: string | null;
  /** 0: nothing saved yet (the draft is the live config). */
  version: number;
  /** The live revision this draft started from. */
  baseRevision: number;
  /** Whether the draft differs from what is live (or the council is not published yet). */
  unpublished: boolean;
}

/** Someone else saved this council's draft since the page was opened: nothing was saved. */
export class StaleDraftError extends Error {}

interface DraftRow {
  config: unknown;
  logo_sha256: string | null;
  base_revision: number;
  version: number;
}

/** The console's working copies of councils (tenant_drafts), platform role. */
export const drafts = {
  async load(platform: Knex, tenantId: string): Promise<CouncilDraft | undefined> {
    const tenant = await tenantRows.byId(platform, tenantId);
    if (!tenant) return undefined;
    const row: DraftRow | undefined = await platform('tenant_drafts').where({ tenant_id: tenantId }).first('config', 'logo_sha256', 'base_revision', 'version');
    const base = { tenantId, slug: tenant.slug, status: tenant.status, liveRevision: tenant.revision };
    if (!row) {
      return { ...base, config: readDraft(tenant.config, tenant.slug), logoSha256: tenant.logo_sha256, version: 0, baseRevision: tenant.revision, unpublished: tenant.status === 'draft' };
    }
    return { ...base, config: readDraft(row.config, tenant.slug), logoSha256: row.logo_sha256, version: row.version, baseRevision: row.base_revision, unpublished: true };
  },

  /** Saves the draft if it is still at `expectedVersion`; returns the new version. */
  async save(platform: Knex, draft: CouncilDraft, changes: { config?: DraftConfig; logoSha256?: string | null }, expectedVersion: number, actor: string): Promise<number> {
    return platform.transaction(async (trx) => {
      const row: DraftRow | undefined = await trx('tenant_drafts').where({ tenant_id: draft.tenantId }).forUpdate().first('version');
      const current = row?.version ?? 0;
      if (current !== expectedVersion) throw new StaleDraftError();
      const values = {
        config: JSON.stringify(changes.config ?? draft.config),
        logo_sha256: changes.logoSha256 === undefined ? draft.logoSha256 : changes.logoSha256,
        updated_by: actor,
        updated_at: trx.fn.now(),
      };
      if (row) await trx('tenant_drafts').where({ tenant_id: draft.tenantId }).update({ ...values, version: current + 1 });
      else await trx('tenant_drafts').insert({ tenant_id: draft.tenantId, ...values, base_revision: draft.liveRevision, version: 1 });
      return current + 1;
    });
  },

  async discard(platform: Knex, tenantId: string): Promise<void> {
    await platform('tenant_drafts').where({ tenant_id: tenantId }).delete();
  },
};
