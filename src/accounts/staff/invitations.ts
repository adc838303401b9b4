import { publicOrigin, type PublicUrlSettings } from '../../tenancy/urls.js';
import { createHash, randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { db, inTenant } from '../../platform/db/unit-of-work.js';
import { queueEmail } from '../../platform/mail/outbox.js';
import type { Language } from '../../i18n/index.js';
import type { Tenant } from '../../tenancy/schema.js';

/** A staff set-up link lasts 72 hours. */
export const INVITE_HOURS = 72;
export const INVITE_PURPOSE = 'staff-invite';
/** An invited account has no usable password until the staff member chooses one. */
const NO_PASSWORD = 'invited:no-password';

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

export class StaffInviteError extends Error {
  constructor(readonly reason: 'exists' | 'notFound') {
    super(reason);
  }
}

/** One staff account as the console lists it. */
export interface StaffMember {
  id: string;
  name: string;
  email: string;
  status: 'invited' | 'active' | 'disabled';
  lastSignIn: Date | null;
}

/** Where the staff member sets their password: the council's own host. */
export function setupUrl(tenant: Tenant, token: string, urls: PublicUrlSettings): string {
  return `${publicOrigin(tenant, urls)}/staff-setup/${token}`;
}

/** A new link (only its hash is kept; earlier ones stop working) and the email with it, in the council's outbox. */
async function sendInvite(trx: Knex.Transaction, account: { id: string; email: string }, tenant: Tenant, locale: Language, link: (token: string) => string): Promise<void> {
  const token = randomBytes(32).toString('base64url');
  await trx('email_secrets').where({ purpose: INVITE_PURPOSE, email: account.email }).whereNull('used_at').whereNull('replaced_at').update({ replaced_at: new Date() });
  await trx('email_secrets').insert({ purpose: INVITE_PURPOSE, email: account.email, account_id: account.id, secret_hash: digest(token), expires_at: new Date(Date.now() + INVITE_HOURS * 3600_000) });
  await queueEmail({ to: account.email, template: 'admin.emails.staffInvite', locale: tenant.languages.includes(locale) ? locale : 'en', data: { actionUrl: link(token), hours: INVITE_HOURS } });
}

/** The console's work on a council's staff, each inside the council's own scope (platform role, under its row-level security). */
export const staffInvites = {
  list(platform: Knex, tenantId: string): Promise<StaffMember[]> {
    return inTenant(platform, tenantId, async () => {
      const rows: { id: string; forename: string; surname: string; email: string; status: string; password_hash: string; last_sign_in_at: Date | null }[] = await (await db())('accounts')
        .where({ kind: 'staff' })
        .orderBy(['surname', 'forename'])
        .select('id', 'forename', 'surname', 'email', 'status', 'password_hash', 'last_sign_in_at');
      return rows.map((r) => ({
        id: r.id,
        name: `${r.forename} ${r.surname}`,
        email: r.email,
        status: r.status === 'closed' ? 'disabled' : r.password_hash === NO_PASSWORD ? 'invited' : 'active',
        lastSignIn: r.last_sign_in_at,
      }));
    });
  },

  invite(platform: Knex, tenant: Tenant, person: { email: string; forename: string; surname: string; locale: Language }, link: (token: string) => string): Promise<string> {
    return inTenant(platform, tenant.id, async () => {
      const trx = await db();
      const existing = await trx('accounts').where({ kind: 'staff', email: person.email }).first('id');
      if (existing) throw new StaffInviteError('exists');
      const [row] = await trx('accounts')
        .insert({ kind: 'staff', email: person.email, password_hash: NO_PASSWORD, status: 'unconfirmed', forename: person.forename, surname: person.surname, two_step: 'email', preferred_language: person.locale })
        .returning('id');
      await sendInvite(trx, { id: row.id, email: person.email }, tenant, person.locale, link);
      return row.id as string;
    });
  },

  resend(platform: Knex, tenant: Tenant, accountId: string, link: (token: string) => string): Promise<string> {
    return inTenant(platform, tenant.id, async () => {
      const trx = await db();
      const account: { id: string; email: string; password_hash: string; status: string; preferred_language: string } | undefined = await trx('accounts')
        .where({ kind: 'staff', id: accountId })
        .first('id', 'email', 'password_hash', 'status', 'preferred_language');
      if (!account || account.password_hash !== NO_PASSWORD || account.status === 'closed') throw new StaffInviteError('notFound');
      await sendInvite(trx, account, tenant, account.preferred_language === 'cy' ? 'cy' : 'en', link);
      return account.email;
    });
  },

  /** Disables a staff account: no sign-in, and every session of theirs ends at its next request. */
  disable(platform: Knex, tenantId: string, accountId: string): Promise<string> {
    return inTenant(platform, tenantId, async () => {
      const trx = await db();
      const now = new Date();
      const [row] = await trx('accounts').where({ kind: 'staff', id: accountId }).update({ status: 'closed', closed_at: now, sessions_valid_after: now, updated_at: now }).returning('email');
      if (!row) throw new StaffInviteError('notFound');
      await trx('email_secrets').where({ purpose: INVITE_PURPOSE, email: row.email }).whereNull('used_at').update({ replaced_at: now });
      return row.email as string;
    });
  },
};

export type SetupLink = { ok: true; accountId: string; email: string } | { ok: false };

/** On the council's host: the invited account a set-up link belongs to, if the link is still good. */
export async function findInvite(token: string): Promise<SetupLink> {
  const trx = await db();
  const secret: { account_id: string; email: string } | undefined = await trx('email_secrets')
    .where({ purpose: INVITE_PURPOSE, secret_hash: digest(token) })
    .whereNull('used_at')
    .whereNull('replaced_at')
    .andWhere('expires_at', '>', new Date())
    .first('account_id', 'email');
  if (!secret) return { ok: false };
  const account = await trx('accounts').where({ kind: 'staff', id: secret.account_id, password_hash: NO_PASSWORD }).whereNot({ status: 'closed' }).first('id');
  return account ? { ok: true, accountId: secret.account_id, email: secret.email } : { ok: false };
}

/** Uses the link once and gives the account its password: the staff member then signs in at /backoffice with the emailed code. */
export async function completeInvite(token: string, passwordHash: string): Promise<boolean> {
  const trx = await db();
  const link = await findInvite(token);
  if (!link.ok) return false;
  const now = new Date();
  await trx('email_secrets').where({ purpose: INVITE_PURPOSE, secret_hash: digest(token) }).update({ used_at: now });
  await trx('accounts').where({ id: link.accountId }).update({ password_hash: passwordHash, status: 'active', email_confirmed_at: now, sessions_valid_after: now, updated_at: now });
  return true;
}
