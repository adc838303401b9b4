import type Koa from 'koa';
import { staff } from '../access/actor.js';
import { isLanguage, localise, translator, type Language } from '../i18n/index.js';
import { audit } from '../platform/audit.js';
import { queueEmail } from '../platform/mail/outbox.js';
import { awaitingVerification, countAwaitingVerification, findAccount, updateAccount, type Account } from './queries/accounts.js';
import { rolesOf, rolesOfAccounts, type WorkRole } from './queries/work-roles.js';

/**
 * The council's check of new registrations: professionals whose email is
 * confirmed wait (status 'awaiting_verification') until a staff member approves
 * or rejects them. Only the council's own registrations are ever seen (RLS).
 */

/** A registration as the back office shows it: what the professional gave, never the account row. */
export interface Registration {
  id: string;
  title: string | null;
  forename: string;
  surname: string;
  name: string;
  gender: string | null;
  email: string;
  /** The language they registered in. */
  language: string;
  registeredAt: Date;
  emailConfirmedAt: Date | null;
  roles: Pick<WorkRole, 'role' | 'organisation' | 'building_name' | 'house_name' | 'house_number' | 'street' | 'district' | 'town' | 'county' | 'postcode' | 'country' | 'mobile' | 'work_phone'>[];
}

function registrationOf(account: Account, roles: WorkRole[]): Registration {
  return {
    id: account.id,
    title: account.title,
    forename: account.forename,
    surname: account.surname,
    name: [account.title, account.forename, account.surname].filter(Boolean).join(' '),
    gender: account.gender,
    email: account.email,
    language: account.preferred_language,
    registeredAt: account.created_at,
    emailConfirmedAt: account.email_confirmed_at,
    roles: roles.filter((r) => r.account_id === account.id),
  };
}

export const countAwaiting = countAwaitingVerification;

/** Oldest first: the people who have waited longest are at the top. */
export async function listAwaiting(): Promise<Registration[]> {
  const accounts = await awaitingVerification();
  const roles = await rolesOfAccounts(accounts.map((a) => a.id));
  return accounts.map((account) => registrationOf(account, roles));
}

/** A registration still waiting, or undefined. */
export async function findAwaiting(id: string): Promise<Registration | undefined> {
  const account = await findAccount(id);
  if (account?.kind !== 'professional' || account.status !== 'awaiting_verification') return undefined;
  return registrationOf(account, await rolesOf(account.id));
}

/** Whether the id is a professional of this council at all (decided or not). */
export async function isProfessional(id: string): Promise<boolean> {
  return (await findAccount(id))?.kind === 'professional';
}

/** The professional's own language where the council offers it. */
function emailLocale(ctx: Koa.Context, registration: Registration): Language {
  const lang = registration.language;
  return isLanguage(lang) && ctx.state.tenant!.languages.includes(lang) ? lang : ctx.state.tenant!.languages[0]!;
}

/** Approves: the professional may now use the portal's services and is told by email. False if already decided. */
export async function approveRegistration(ctx: Koa.Context, registration: Registration): Promise<boolean> {
  const changed = await updateAccount(registration.id, { status: 'active', verified_at: new Date(), verified_by: staff(ctx).id, rejection_reason: null }, { kind: 'professional', status: 'awaiting_verification' });
  if (!changed) return false;
  await audit('registration.approved', { subjectType: 'account', subjectId: registration.id, details: { email: registration.email } });
  await queueEmail({
    to: registration.email,
    template: 'backoffice.emails.approved',
    locale: emailLocale(ctx, registration),
    data: { name: `${registration.forename} ${registration.surname}`, actionUrl: `${ctx.state.origin}/sign-in` },
  });
  return true;
}

/** Rejects with a reason, which the professional is sent with the council's contact details. False if already decided. */
export async function rejectRegistration(ctx: Koa.Context, registration: Registration, reason: string): Promise<boolean> {
  const tenant = ctx.state.tenant!;
  const locale = emailLocale(ctx, registration);
  const changed = await updateAccount(registration.id, { status: 'rejected', rejection_reason: reason, verified_at: null, verified_by: null }, { kind: 'professional', status: 'awaiting_verification' });
  if (!changed) return false;
  await audit('registration.rejected', { subjectType: 'account', subjectId: registration.id, details: { email: registration.email, reason } });
  await queueEmail({
    to: registration.email,
    template: 'backoffice.emails.rejected',
    locale,
    data: {
      name: `${registration.forename} ${registration.surname}`,
      reason,
      contactTeam: localise(tenant.contact.team, locale),
      contact: tenant.contact.phone
        ? translator(locale)('backoffice.emails.contactEmailOrPhone', { email: tenant.contact.email, phone: tenant.contact.phone })
        : tenant.contact.email,
    },
  });
  return true;
}
