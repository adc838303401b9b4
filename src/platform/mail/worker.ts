import type { Knex } from 'knex';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import { isLanguage } from '../../i18n/index.js';
import { renderEmail, type MailTenant } from './render.js';

export const MAX_ATTEMPTS = 8;
/** How long a claimed message is reserved for one worker before another may retry it. */
const LEASE = "interval '5 minutes'";

/** 1, 2, 4, 8 … minutes, capped at an hour. */
export function backoffSeconds(attempts: number): number {
  return Math.min(60 * 2 ** Math.max(0, attempts - 1), 3600);
}

/** Finds the council an outbox message belongs to (the tenant registry does). */
export interface MailTenants {
  forId(id: string): MailTenant | undefined;
  /** Reads one council again (one published moments ago may not have reached this replica yet). */
  reloadOne(db: Knex, id: string): Promise<unknown>;
}

interface OutboxRow {
  tenant_id: string;
  id: string;
  seq: number;
  to_address: string;
  template: string;
  locale: string;
  data: Record<string, unknown>;
  attempts: number;
}

/**
 * SMTP_URL: real SMTP. Without it (development and tests only) messages are
 * rendered and kept in the outbox, where /_dev/mailbox shows them.
 */
export function createTransport(smtpUrl: string | undefined): Transporter {
  if (smtpUrl) return nodemailer.createTransport(smtpUrl);
  return nodemailer.createTransport({ jsonTransport: true });
}

function isPermanent(err: unknown): boolean {
  const code = (err as { responseCode?: number }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/**
 * Sends what is due from every tenant's outbox (platform role). Each message is
 * leased with `for update skip locked`, so replicas never send the same one at
 * the same time; its id is its Message-ID, so a resend after a crash is
 * recognisable as the same message.
 */
export class MailWorker {
  constructor(
    private readonly platform: Knex,
    private readonly registry: MailTenants,
    private readonly transport: Transporter,
    private readonly from: string,
    private readonly log: Logger,
    /**
     * Keep what was sent (the dev mailbox shows it). Off wherever real mail goes out:
     * emails carry sign-in codes and single-use links, which must not rest in the database.
     */
    private readonly keepSentContent = false,
  ) {}

  async drain(limit = 25): Promise<{ sent: number; retrying: number; failed: number }> {
    const result = { sent: 0, retrying: 0, failed: 0 };
    const { rows } = await this.platform.raw<{ rows: OutboxRow[] }>(
      `update outbox set next_attempt_at = now() + ${LEASE}, attempts = attempts + 1
        where (tenant_id, id) in (
          select tenant_id, id from outbox
           where status = 'pending' and next_attempt_at <= now()
           order by next_attempt_at, seq limit ? for update skip locked)
        returning tenant_id, id, seq, to_address, template, locale, data, attempts`,
      [limit],
    );
    for (const row of rows.sort((a, b) => a.seq - b.seq)) {
      const outcome = await this.deliver(row);
      result[outcome] += 1;
    }
    return result;
  }

  private async deliver(row: OutboxRow): Promise<'sent' | 'retrying' | 'failed'> {
    const where = { tenant_id: row.tenant_id, id: row.id };
    // A council published moments ago may not have reached this replica's registry yet.
    if (!this.registry.forId(row.tenant_id)) await this.registry.reloadOne(this.platform, row.tenant_id).catch(() => {});
    const tenant = this.registry.forId(row.tenant_id);
    try {
      if (!tenant) throw Object.assign(new Error('tenant not found or inactive'), { responseCode: 550 });
      let email;
      try {
        email = renderEmail(tenant, row.template, isLanguage(row.locale) ? row.locale : 'en', row.data);
      } catch (err) {
        // A message that cannot be rendered will not render next time either.
        throw Object.assign(err as Error, { responseCode: 554 });
      }
      const fromName = tenant.mail.fromName.en;
      await this.transport.sendMail({
        from: { name: fromName, address: tenant.mail.fromAddress },
        sender: this.from,
        to: row.to_address,
        subject: email.subject,
        text: email.text,
        html: email.html,
        messageId: `<${row.id}@${tenant.hostnames[0]}>`,
      });
      await this.platform('outbox').where(where).update({
        status: 'sent',
        sent_at: new Date(),
        subject: email.subject,
        last_error: null,
        ...(this.keepSentContent ? { text_body: email.text, html_body: email.html } : { data: {}, text_body: null, html_body: null }),
      });
      return 'sent';
    } catch (err) {
      const message = (err as Error).message.slice(0, 500);
      const permanent = isPermanent(err) || row.attempts >= MAX_ATTEMPTS || !tenant;
      await this.platform('outbox')
        .where(where)
        .update({
          status: permanent ? 'failed' : 'pending',
          last_error: message,
          next_attempt_at: this.platform.raw(`now() + make_interval(secs => ?)`, [backoffSeconds(row.attempts)]),
        });
      this.log.warn({ outboxId: row.id, attempts: row.attempts, permanent, err: message }, 'email not sent');
      return permanent ? 'failed' : 'retrying';
    }
  }
}
