import type Koa from 'koa';
import { Account, WorkRole } from '../accounts/account.js';
import { isLanguage, localise, translator } from '../i18n/index.js';
import { audit } from '../platform/audit.js';
import { queueEmail } from '../platform/mail/outbox.js';

/**
 * The council's check of new registrations: professionals whose email is
 * confirmed wait (status 'awaiting_verification') until a staff member approves
 * or rejects them. Everything runs in the request's tenant transaction, so only
 * the council's own registrations are ever seen.
 */
export interface Registration {
  account: Account;
  roles: WorkRole[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const awaiting = () => Account.query().where({ kind: 'professional', status: 'awaiting_verification' });

export async function countAwaiting(): Promise<number> {
  const row = (await awaiting().count('* as n').first()) as unknown as { n: number | string } | undefined;
  return Number(row?.n ?? 0);
}

/** Oldest first: the people who have waited longest are at the top. */
export async function listAwaiting(): Promise<Registration[]> {
  const accounts = await awaiting().orderBy('created_at', 'asc').orderBy('id');
  if (!accounts.length) return [];
  const roles = await WorkRole.query()
    .whereIn(
      'account_id',
      accounts.map((a) => a.id),
    )
    .orderBy('created_at');
  return accounts.map((account) => ({ account, roles: roles.filter((r) => r.account_id === account.id) }));
}

export async function findAwaiting(id: string): Promise<Registration | undefined> {
  if (!UUID.test(id)) return undefined;
  const account = await awaiting().findOne({ id });
  if (!account) return undefined;
  const roles = await WorkRole.query().where({ account_id: id }).orderBy('created_at');
  return { account, roles };
}

/** The professional's own language where the council offers it. */
function emailLocale(ctx: Koa.Context, account: Account) {
  const lang = account.preferred_language;
  return isLanguage(lang) && ctx.state.tenant!.languages.includes(lang) ? lang : ctx.state.tenant!.languages[0]!;
}

/** Approves: the professional may now use the portal's services and is told by email. False if already decided. */
export async function approveRegistration(ctx: Koa.Context, registration: Registration): Promise<boolean> {
  const staff = ctx.state.account!;
  const { account } = registration;
  const changed = await Account.query()
    .patch({ status: 'active', verified_at: new Date(), verified_by: staff.id, rejection_reason: null })
    .where({ id: account.id, kind: 'professional', status: 'awaiting_verification' });
  if (!changed) return false;
  await audit('registration.approved', { subjectType: 'account', subjectId: account.id, details: { email: account.email } });
  await queueEmail({
    to: account.email,
    template: 'backoffice.emails.approved',
    locale: emailLocale(ctx, account),
    data: { name: account.fullName, actionUrl: `${ctx.protocol}://${ctx.host}/sign-in` },
  });
  return true;
}

/** Rejects with a reason, which the professional is sent with the council's contact details. False if already decided. */
export async function rejectRegistration(ctx: Koa.Context, registration: Registration, reason: string): Promise<boolean> {
  const tenant = ctx.state.tenant!;
  const { account } = registration;
  const locale = emailLocale(ctx, account);
  const changed = await Account.query()
    .patch({ status: 'rejected', rejection_reason: reason, verified_at: null, verified_by: null })
    .where({ id: account.id, kind: 'professional', status: 'awaiting_verification' });
  if (!changed) return false;
  await audit('registration.rejected', { subjectType: 'account', subjectId: account.id, details: { email: account.email, reason } });
  await queueEmail({
    to: account.email,
    template: 'backoffice.emails.rejected',
    locale,
    data: {
      name: account.fullName,
      reason,
      contactTeam: localise(tenant.contact.team, locale),
      contact: tenant.contact.phone
        ? translator(locale)('backoffice.emails.contactEmailOrPhone', { email: tenant.contact.email, phone: tenant.contact.phone })
        : tenant.contact.email,
    },
  });
  return true;
}
