import type { Knex } from 'knex';
import type { TenantStatus } from '../../tenancy/schema.js';
import { tenantRows } from '../../tenancy/tenant-rows.js';
import { readDraft } from './drafts.js';

/** One line of the councils list: exactly what the page shows. */
export interface CouncilSummary {
  id: string;
  slug: string;
  name: string;
  status: TenantStatus;
  hostnames: string[];
  services: string[];
  professionals: number;
  formsLast30Days: number;
  emailsWaiting: number;
  uploadsWaiting: number;
  lastChange: Date;
  lastChangeBy: string;
}

async function countsBy(platform: Knex, sql: string): Promise<Map<string, number>> {
  const { rows } = await platform.raw<{ rows: { tenant_id: string; n: number }[] }>(sql);
  return new Map(rows.map((r) => [r.tenant_id, Number(r.n)]));
}

/** Every council with its numbers (platform role: one aggregate query per figure, across councils). */
export async function councilSummaries(platform: Knex): Promise<CouncilSummary[]> {
  const [rows, professionals, forms, emails, uploads] = await Promise.all([
    tenantRows.all(platform),
    countsBy(platform, `select tenant_id, count(*) as n from accounts where kind = 'professional' and status in ('active','awaiting_verification') group by tenant_id`),
    countsBy(platform, `select tenant_id, count(*) as n from form_responses where status = 'submitted' and submitted_at > now() - interval '30 days' group by tenant_id`),
    countsBy(platform, `select tenant_id, count(*) as n from outbox where status = 'pending' group by tenant_id`),
    countsBy(platform, `select tenant_id, count(*) as n from uploads where status = 'pending' and deleted_at is null group by tenant_id`),
  ]);
  return rows.map((row) => {
    const config = readDraft(row.config, row.slug);
    return {
      id: row.id,
      slug: row.slug,
      name: config.name?.en ?? row.slug,
      status: row.status,
      hostnames: config.hostnames ?? [],
      services: config.services ?? [],
      professionals: professionals.get(row.id) ?? 0,
      formsLast30Days: forms.get(row.id) ?? 0,
      emailsWaiting: emails.get(row.id) ?? 0,
      uploadsWaiting: uploads.get(row.id) ?? 0,
      lastChange: row.updated_at,
      lastChangeBy: row.updated_by ?? 'file',
    };
  });
}
