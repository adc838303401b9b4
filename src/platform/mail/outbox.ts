import type { Knex } from 'knex';
import { countPerCouncil } from '../db/per-council.js';
import { db } from '../db/unit-of-work.js';
import type { Language } from '../../i18n/index.js';

export interface OutgoingEmail {
  to: string;
  /** The key of the email's texts in locales/<lang>/, e.g. "emails.portalMessage" (see render.ts). */
  template: string;
  locale: Language;
  /** Values for the texts; never put sensitive case details here: emails say "sign in to read it". */
  data?: Record<string, unknown>;
}

/**
 * Queues an email in the caller's tenant transaction: it is sent if and only if
 * the business change commits. Returns the outbox id.
 */
export async function queueEmail(email: OutgoingEmail): Promise<string> {
  const [row] = await (await db())('outbox')
    .insert({ to_address: email.to, template: email.template, locale: email.locale, data: email.data ?? {} })
    .returning('id');
  return row.id;
}

/** Emails waiting to be sent in every council, for the platform console (platform role). */
export function emailsWaitingPerCouncil(platform: Knex): Promise<Map<string, number>> {
  return countPerCouncil(platform('outbox').where('status', 'pending'));
}

/** The council's latest emails, newest first (the development mailbox). */
export async function latestEmails(limit: number) {
  return (await db())('outbox')
    .orderBy('created_at', 'desc')
    .limit(limit)
    .select<{ id: string; to_address: string; template: string; locale: string; data: Record<string, unknown> | null; status: string; subject: string | null; text_body: string | null; created_at: Date; attempts: number; last_error: string | null }[]>(
      'id', 'to_address', 'template', 'locale', 'data', 'status', 'subject', 'text_body', 'created_at', 'attempts', 'last_error',
    );
}
