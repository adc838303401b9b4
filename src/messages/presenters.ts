import type { MessageRow } from './inbox.js';

/** A line of the inbox: what the table shows. */
export const inboxLine = (m: MessageRow) => ({ href: `/messages/${m.id}`, subject: m.subject, receivedAt: m.created_at, unread: !m.read_at });

/** An opened message: its texts and the link it offers, if any. */
export const messagePage = (m: MessageRow) => ({
  subject: m.subject,
  receivedAt: m.created_at,
  body: m.body,
  link: m.link_path ? { href: m.link_path, text: m.link_text ?? '' } : undefined,
});
