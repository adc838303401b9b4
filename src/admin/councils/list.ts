import type { Knex } from 'knex';
import type { TenantStatus } from '../../tenancy/schema.js';
import { tenantRows } from '../../tenancy/tenant-rows.js';
import { readDraft } from './drafts.js';
import { professionalsPerCouncil } from '../../accounts/queries/accounts.js';
import { submittedPerCouncil } from '../../forms/submissions.js';
import { awaitingScanPerCouncil } from '../../uploads/queries.js';
import { emailsWaitingPerCouncil } from '../../platform/mail/outbox.js';

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

/** Every council with its numbers (platform role: one aggregate query per figure, across councils). */
export async function councilSummaries(platform: Knex): Promise<CouncilSummary[]> {
  const [rows, professionals, forms, emails, uploads] = await Promise.all([
    tenantRows.all(platform),
    professionalsPerCouncil(platform),
    submittedPerCouncil(platform, 30),
    emailsWaitingPerCouncil(platform),
    awaitingScanPerCouncil(platform),
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
