import type Koa from 'koa';
import type { Knex } from 'knex';

export interface PlatformAuditEntry {
  action: string;
  tenantId?: string | null;
  before?: unknown;
  after?: unknown;
  details?: Record<string, unknown>;
  /** Defaults to the signed-in admin. */
  admin?: { id: string; email: string } | null;
}

/** Appends to the platform audit log: who, which council, what, before and after, from where. */
export async function platformAudit(platform: Knex, ctx: Koa.Context | undefined, entry: PlatformAuditEntry): Promise<void> {
  const admin = entry.admin === undefined ? ctx?.state.admin : entry.admin;
  await platform('platform_audit_log').insert({
    admin_id: admin?.id ?? null,
    admin_email: admin?.email ?? null,
    tenant_id: entry.tenantId ?? null,
    action: entry.action,
    before: entry.before === undefined ? null : JSON.stringify(entry.before),
    after: entry.after === undefined ? null : JSON.stringify(entry.after),
    details: entry.details ?? {},
    ip: ctx?.ip ?? null,
    request_id: ctx?.state.requestId ?? null,
  });
}

export interface AuditRow {
  id: number;
  at: Date;
  admin_email: string | null;
  tenant_id: string | null;
  action: string;
  before: unknown;
  after: unknown;
  details: Record<string, unknown>;
}

export function recentAudit(platform: Knex, limit = 100, tenantId?: string): Promise<AuditRow[]> {
  return platform('platform_audit_log')
    .modify((q) => {
      if (tenantId) q.where({ tenant_id: tenantId });
    })
    .orderBy('id', 'desc')
    .limit(limit)
    .select('id', 'at', 'admin_email', 'tenant_id', 'action', 'before', 'after', 'details');
}
