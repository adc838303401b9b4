import { db } from '../platform/db/unit-of-work.js';
import { queueEmail } from '../platform/mail/outbox.js';
import type { Language } from '../i18n/index.js';

export interface MessageRow {
  id: string;
  account_id: string;
  subject: string;
  body: string;
  link_path: string | null;
  link_text: string | null;
  created_at: Date;
  read_at: Date | null;
}

export async function unreadCount(accountId: string): Promise<number> {
  const row = await (await db())('messages').where({ account_id: accountId }).whereNull('read_at').count<{ count: number }[]>('* as count').first();
  return Number(row?.count ?? 0);
}

export async function listMessages(accountId: string): Promise<MessageRow[]> {
  return (await db())('messages').where({ account_id: accountId }).orderBy('created_at', 'desc');
}

/** One of the professional's own messages, marked read; undefined for anyone else's. */
export async function openMessage(accountId: string, id: string): Promise<MessageRow | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const trx = await db();
  const [row] = await trx('messages')
    .where({ account_id: accountId, id })
    .update({ read_at: trx.raw('coalesce(read_at, now())') })
    .returning('*');
  return row;
}

export interface NewMessage {
  accountId: string;
  email: string;
  locale: Language;
  subject: string;
  body: string;
  linkPath?: string;
  linkText?: string;
  /** The child the message is about (an advice request), if any. */
  childId?: string;
  /** The portal's address for the email's "sign in" link. */
  signInUrl: string;
}

/**
 * Puts a message in the professional's inbox and emails them to sign in and read it.
 * The email never contains the message itself.
 */
export async function sendMessage(message: NewMessage): Promise<string> {
  const [row] = await (await db())('messages')
    .insert({ account_id: message.accountId, subject: message.subject, body: message.body, link_path: message.linkPath ?? null, link_text: message.linkText ?? null, child_id: message.childId ?? null })
    .returning('id');
  await queueEmail({ to: message.email, template: 'emails.portalMessage', locale: message.locale, data: { actionUrl: message.signInUrl } });
  return row.id;
}
