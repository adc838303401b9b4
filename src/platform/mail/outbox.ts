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
