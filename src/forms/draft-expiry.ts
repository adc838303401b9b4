import type { Knex } from 'knex';
import { audit } from '../platform/audit.js';
import { db, inTenant } from '../platform/db/unit-of-work.js';
import type { Job } from '../platform/jobs/scheduler.js';
import { removeUploadsOf, type UploadDeps } from '../uploads/service.js';

/**
 * Drafts never submitted are kept to the end of the council's "draftDays"-th UK
 * day from the day they were started (days-left.ts), then removed with their
 * subjects and documents (the bytes after the commit). Submitted forms, and
 * edits of them in progress, are never touched.
 */
export async function removeExpiredDrafts(platform: Knex, deps: Pick<UploadDeps, 'storage'>, now = new Date(), limit = 500): Promise<number> {
  const expired: { tenant_id: string; id: string; form_id: string; child_id: string; account_id: string }[] = await platform('form_responses')
    .where({ status: 'draft', version: 0 })
    .where('draft_expires_at', '<', now)
    .orderBy('draft_expires_at')
    .limit(limit)
    .select('tenant_id', 'id', 'form_id', 'child_id', 'account_id');
  let removed = 0;
  for (const draft of expired) {
    await inTenant(platform, draft.tenant_id, async () => {
      // Still expired and never submitted (it may have been saved since it was listed).
      const still = await (await db())('form_responses').where({ id: draft.id, status: 'draft', version: 0 }).where('draft_expires_at', '<', now).forUpdate().first('id');
      if (!still) return;
      const documents = await removeUploadsOf(draft.tenant_id, [draft.id], deps);
      await (await db())('form_responses').where({ id: draft.id }).delete();
      await audit('form.draft-expired', {
        actor: { type: 'system' },
        subjectType: 'form_response',
        subjectId: draft.id,
        details: { formId: draft.form_id, childId: draft.child_id, accountId: draft.account_id, documents },
      });
      removed++;
    });
  }
  return removed;
}

/** Daily, once across replicas. */
export function expiredDraftsJob(platform: Knex, deps: Pick<UploadDeps, 'storage'>): Job {
  return { name: 'forms:expire-drafts', schedule: '0 30 2 * * *', once: true, run: () => removeExpiredDrafts(platform, deps) };
}
