import type { Knex } from 'knex';
import { professionalSummaries } from '../accounts/directory.js';
import { localise, type Language } from '../i18n/index.js';
import { audit } from '../platform/audit.js';
import { db, inTenant } from '../platform/db/unit-of-work.js';
import type { Job } from '../platform/jobs/scheduler.js';
import { queueEmail } from '../platform/mail/outbox.js';
import type { TenantRegistry } from '../tenancy/registry.js';
import type { Tenant } from '../tenancy/schema.js';
import type { FormCatalogue } from './catalogue.js';
import { longDate } from '../i18n/dates.js';
import { daysLeft, lastDay, reminderDue } from './days-left.js';
import { recoverPath } from './paths.js';

export interface ReminderDeps {
  registry: TenantRegistry;
  library: Pick<FormCatalogue, 'at' | 'latest'>;
  /** The council's portal address for links in emails ("https://host"). */
  portalUrl: (tenant: Tenant) => string;
}

/** Reminders before a saved form is deleted when the council's tenant file does not say: a week and a day before. */
export const DEFAULT_REMINDER_DAYS = [7, 1];
const DAY = 86_400_000;

/**
 * Emails each professional whose saved form is about to be deleted (the seed's
 * users lost work without warning): once when 7 days are left and once on the
 * last day (the council's `retention.reminderDays`). A reminder is sent once:
 * `reminders_sent` records it, and a form found late (1 day left, the 7-day
 * reminder never sent) gets one email, not two. The email names the form and
 * the date, nothing typed on it, and links to Recover a form through sign-in.
 */
export async function sendDraftReminders(platform: Knex, deps: ReminderDeps, now = new Date(), limit = 1000): Promise<number> {
  const horizon = Math.max(...DEFAULT_REMINDER_DAYS, ...deps.registry.all().flatMap((t) => t.retention.reminderDays ?? [])) + 1;
  const candidates: { tenant_id: string; id: string }[] = await platform('form_responses')
    .where({ status: 'draft', version: 0 })
    .where('draft_expires_at', '>', now)
    .where('draft_expires_at', '<=', new Date(now.getTime() + horizon * DAY))
    .orderBy('draft_expires_at')
    .limit(limit)
    .select('tenant_id', 'id');
  let sent = 0;
  for (const candidate of candidates) {
    const tenant = deps.registry.forId(candidate.tenant_id);
    if (!tenant) continue;
    await inTenant(platform, candidate.tenant_id, async () => {
      const trx = await db();
      const draft = await trx('form_responses')
        .where({ id: candidate.id, status: 'draft', version: 0 })
        .forUpdate()
        .first('id', 'account_id', 'form_id', 'form_version', 'draft_expires_at', 'reminders_sent');
      if (!draft?.draft_expires_at) return;
      // The professional's address and language, from the accounts domain.
      const to = (await professionalSummaries([draft.account_id])).get(draft.account_id);
      if (!to) return;
      const expires = new Date(draft.draft_expires_at);
      const due = reminderDue(expires, tenant.retention.reminderDays ?? DEFAULT_REMINDER_DAYS, draft.reminders_sent ?? [], now);
      if (!due) return;
      const form = (deps.library.at(draft.form_id, draft.form_version) ?? deps.library.latest(draft.form_id))?.definition;
      const lang: Language = tenant.languages.find((l) => l === to.language) ?? 'en';
      const left = daysLeft(expires, now);
      await queueEmail({
        to: to.email,
        template: 'forms.emails.draftReminder',
        locale: lang,
        data: {
          form: form ? localise(form.title, lang) : draft.form_id,
          date: longDate(lastDay(expires), lang),
          count: left,
          actionUrl: `${deps.portalUrl(tenant)}${recoverPath(draft.id)}`,
        },
      });
      await trx('form_responses')
        .where({ id: draft.id })
        .update({ reminders_sent: [...new Set([...(draft.reminders_sent ?? []), ...due.covers])].sort((a, b) => a - b) });
      await audit('form.draft-reminder', { actor: { type: 'system' }, subjectType: 'form_response', subjectId: draft.id, details: { daysLeft: left, reminder: due.days } });
      sent++;
    });
  }
  return sent;
}

/** Hourly (a reminder goes the morning its day comes, whatever time the form was started), once across replicas. */
export function draftRemindersJob(platform: Knex, deps: ReminderDeps): Job {
  return { name: 'forms:draft-reminders', schedule: '0 5 * * * *', once: true, run: () => sendDraftReminders(platform, deps) };
}
