import type { Knex } from 'knex';
import { audit } from '../platform/audit.js';
import { inTenant, tenantTrx } from '../platform/db/tenant-context.js';
import type { Job } from '../platform/jobs/scheduler.js';
import { currentUploadSettings } from '../uploads/settings.js';
import { removeStored } from '../uploads/storage.js';

/**
 * Drafts never submitted are kept for the council's "draftDays" after they were
 * last saved (tenant retention), then removed with their documents. Submitted
 * forms, and edits of them in progress, are never touched.
 */
export async function removeExpiredDrafts(platform: Knex, now = new Date(), limit = 500): Promise<number> {
  const expired: { tenant_id: string; id: string; form_id: string; child_id: string; account_id: string }[] = await platform('form_responses')
    .where({ status: 'draft', version: 0 })
    .where('draft_expires_at', '<', now)
    .orderBy('draft_expires_at')
    .limit(limit)
    .select('tenant_id', 'id', 'form_id', 'child_id', 'account_id');
  let removed = 0;
  for (const draft of expired) {
    const { deleted, files } = await inTenant(platform, draft.tenant_id, async () => {
      const trx = tenantTrx();
      const uploads: { storage_key: string }[] = await trx('uploads').where({ response_id: draft.id }).select('storage_key');
      // Still expired and never submitted (it may have been saved since it was listed).
      const count = await trx('form_responses').where({ id: draft.id, status: 'draft', version: 0 }).where('draft_expires_at', '<', now).delete();
      if (!count) return { deleted: false, files: [] };
      await audit('form.draft-expired', {
        actor: { type: 'system' },
        subjectType: 'form_response',
        subjectId: draft.id,
        details: { formId: draft.form_id, childId: draft.child_id, accountId: draft.account_id, documents: uploads.length },
      });
      return { deleted: true, files: uploads };
    });
    if (deleted) removed++;
    // Files go once the rows are gone for good (after the commit).
    for (const file of files) await removeStored(currentUploadSettings(), draft.tenant_id, file.storage_key).catch(() => undefined);
  }
  return removed;
}

/** Daily, once across replicas. */
export function expiredDraftsJob(platform: Knex): Job {
  return { name: 'forms:expire-drafts', schedule: '0 30 2 * * *', once: true, run: () => removeExpiredDrafts(platform) };
}
