import type { Knex } from 'knex';
import type { TenantConfig, TenantStatus } from './schema.js';
import { sha256 } from './assets.js';
import { tenantRows, type RevisionRow, type TenantRow } from './tenant-rows.js';
import { validateTenantConfig, type ConfigProblem, type FormCheck, type Validation } from './validate.js';

/** The config was refused: each problem has its path in the config and a message. */
export class TenantConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(`The council's configuration is invalid:\n${problems.map((p) => `  ${p.path || '(root)'}: ${p.message}`).join('\n')}`);
  }
}

/** Someone saved the council since this edit began: nothing was saved. */
export class StaleRevisionError extends Error {
  constructor(
    readonly expected: number,
    readonly current: number,
    readonly by: string | null,
  ) {
    super(`This council was changed (revision ${current}${by ? ` by ${by}` : ''}) since your edit began from revision ${expected}. Nothing was saved.`);
  }
}

export type ChangeSource = 'file' | 'console';

export interface SaveConfig {
  /** The council being changed; absent for a new one. */
  tenantId?: string;
  config: unknown;
  /** The revision the edit started from (0 for a council never published). */
  expectedRevision: number;
  /** The logo's hash (stored first with storeLogo); null for no logo; undefined keeps the current one. */
  logoSha256?: string | null;
  /** A logo to store with this save (the import of a new council has no id to store it under before). */
  logo?: { bytes: Buffer; contentType: string };
  /** The council's status after the save (publishing a draft makes it live). Default: unchanged, or live for a new council. */
  status?: TenantStatus;
  source: ChangeSource;
  /** Who: "admin@example.org", or "file" for an import. */
  actor: string;
  reason: string;
}

export interface Saved {
  tenantId: string;
  revision: number;
  config: TenantConfig;
  before?: TenantRow;
}

const UNIQUE_VIOLATION = '23505';

/**
 * The one way a council's config is validated and saved: the zod schema and
 * the cross-checks (host names unique, enabled forms in the library through the
 * `checkForms` it is given), then, in one transaction, the row with its next
 * revision (refused when the edit began from an older one), its host names
 * (unique in the database), an append-only revision, and a NOTIFY that makes
 * every replica reload the council.
 */
export class TenantConfigService {
  constructor(
    private readonly platform: Knex,
    private readonly options: { checkForms: FormCheck },
  ) {}

  /** Validates against the schema, the form library and the host names other councils use now. */
  async validate(data: unknown, tenantId?: string): Promise<Validation> {
    const hosts = Array.isArray((data as { hostnames?: unknown })?.hostnames) ? (data as { hostnames: unknown[] }).hostnames.filter((h): h is string => typeof h === 'string') : [];
    const owners = await tenantRows.hostOwners(this.platform, hosts, tenantId);
    return validateTenantConfig(data, { checkForms: this.options.checkForms, hostOwner: (host) => owners.get(host) });
  }

  /** Keeps a logo (or other brand asset) for a council; returns its hash, which a config save then refers to. */
  async storeLogo(tenantId: string, bytes: Buffer, contentType: string): Promise<string> {
    const hash = sha256(bytes);
    await tenantRows.storeAsset(this.platform, tenantId, hash, contentType, bytes);
    return hash;
  }

  /** Creates a council that is not served yet (onboarding): its slug is taken, nothing else. */
  async createDraft(slug: string, actor: string): Promise<string> {
    try {
      const [row] = await this.platform('tenants').insert({ slug, config: JSON.stringify({ slug }), status: 'draft', source: 'console', updated_by: actor }).returning('id');
      return row.id as string;
    } catch (err) {
      if ((err as { code?: string }).code === UNIQUE_VIOLATION) throw new TenantConfigError([{ path: 'slug', message: `"${slug}" is already used by another council` }]);
      throw err;
    }
  }

  async save(input: SaveConfig): Promise<Saved> {
    const result = await this.validate(input.config, input.tenantId);
    if (!result.ok) throw new TenantConfigError(result.problems);
    const config = result.config;
    try {
      const saved = await this.platform.transaction(async (trx) => {
        let before: TenantRow | undefined;
        let tenantId = input.tenantId;
        if (tenantId) {
          before = await tenantRows.lockById(trx, tenantId);
          if (!before) throw new TenantConfigError([{ path: '', message: 'There is no such council' }]);
          if (before.revision !== input.expectedRevision) throw new StaleRevisionError(input.expectedRevision, before.revision, before.updated_by);
          if (before.slug !== config.slug) throw new TenantConfigError([{ path: 'slug', message: `cannot change (it is "${before.slug}")` }]);
        } else {
          if (input.expectedRevision !== 0) throw new StaleRevisionError(input.expectedRevision, 0, null);
          const [row] = await trx('tenants').insert({ slug: config.slug, config: JSON.stringify(config), status: 'draft', source: input.source, revision: 0 }).returning('id');
          tenantId = row.id as string;
        }
        const revision = (before?.revision ?? 0) + 1;
        let logo = input.logoSha256 === undefined ? (before?.logo_sha256 ?? null) : input.logoSha256;
        if (input.logo) {
          logo = sha256(input.logo.bytes);
          await tenantRows.storeAsset(trx, tenantId, logo, input.logo.contentType, input.logo.bytes);
        }
        const status = input.status ?? (before && before.status !== 'draft' ? before.status : 'live');
        await trx('tenants')
          .where({ id: tenantId })
          .update({ config: JSON.stringify(config), revision, status, source: input.source, logo_sha256: logo, updated_by: input.actor, updated_at: trx.fn.now() });
        await tenantRows.replaceHostnames(trx, tenantId, status === 'draft' ? [] : config.hostnames);
        await trx('tenant_revisions').insert({ tenant_id: tenantId, revision, config: JSON.stringify(config), logo_sha256: logo, source: input.source, actor: input.actor, reason: input.reason });
        await tenantRows.notify(trx, tenantId);
        return { tenantId, revision, config, before };
      });
      return saved;
    } catch (err) {
      const e = err as { code?: string; constraint?: string };
      if (e.code === UNIQUE_VIOLATION && e.constraint === 'tenant_hostnames_pkey') throw new TenantConfigError([{ path: 'hostnames', message: 'a host name is already used by another council' }]);
      if (e.code === UNIQUE_VIOLATION && e.constraint === 'tenants_slug_unique') throw new TenantConfigError([{ path: 'slug', message: `"${config.slug}" is already used by another council` }]);
      throw err;
    }
  }

  /** Suspends (503 on its hosts, data kept) or reactivates a council, and tells every replica. */
  async setStatus(tenantId: string, status: Exclude<TenantStatus, 'draft'>, actor: string): Promise<TenantRow> {
    return this.platform.transaction(async (trx) => {
      const before = await tenantRows.lockById(trx, tenantId);
      if (!before || before.status === 'draft') throw new TenantConfigError([{ path: '', message: 'Only a published council can be suspended or reactivated' }]);
      await trx('tenants').where({ id: tenantId }).update({ status, updated_by: actor, updated_at: trx.fn.now() });
      await tenantRows.notify(trx, tenantId);
      return before;
    });
  }

  /** A new revision with the config (and logo) of an earlier one. */
  async rollback(tenantId: string, to: number, expectedRevision: number, actor: string): Promise<Saved> {
    const old = await tenantRows.revision(this.platform, tenantId, to);
    if (!old) throw new TenantConfigError([{ path: '', message: `There is no revision ${to}` }]);
    return this.save({ tenantId, config: old.config, expectedRevision, logoSha256: old.logo_sha256, source: 'console', actor, reason: `Rolled back to revision ${to}` });
  }

  current(tenantId: string): Promise<TenantRow | undefined> {
    return tenantRows.byId(this.platform, tenantId);
  }

  revisions(tenantId: string): Promise<RevisionRow[]> {
    return tenantRows.revisions(this.platform, tenantId);
  }
}
