import type Koa from 'koa';
import { audit } from '../../platform/audit.js';
import { queueEmail } from '../../platform/mail/outbox.js';
import type { NewRegistration } from '../../access/session.js';
import { toAddressColumns } from '../addresses/format.js';
import { findAccountByEmail, insertAccount, type Account, type AccountStatus } from '../queries/accounts.js';
import { insertRole } from '../queries/work-roles.js';
import { issueCode, issueLinkToken } from '../queries/email-secrets.js';
import { clearDraft, saveDraft, type RegistrationDraft } from './draft.js';
import { seeOther } from './page.js';

/**
 * What happens on "Submit registration" (or "Register"), whichever layout
 * collected the answers. The council's `registration.confirmation` decides:
 * - emailLink: the account is created now, unconfirmed, and a link is emailed;
 * - emailCode: a code is emailed, and the account is created only when it is entered.
 * An email address that already has an account gets the same page and a different
 * email, so nobody can find out who is registered.
 */

export const CONFIRM_LINK_HOURS = 24;

/** A registration ready to become an account. Holds the password's hash, never the password. */
export type { NewRegistration } from '../../access/session.js';
export type NewWorkRole = NonNullable<NewRegistration['workRole']>;

/** Links in emails: the council's canonical origin, never the request's Host header. */
const origin = (ctx: Koa.Context) => ctx.state.origin!;

/**
 * The account and its first work role, in the request's transaction (one commit).
 * Undefined when the address was registered in the meantime.
 */
export async function createAccount(registration: NewRegistration, status: AccountStatus, emailConfirmed: boolean): Promise<Account | undefined> {
  const account = await insertAccount({
    kind: 'professional',
    email: registration.email,
    password_hash: registration.passwordHash,
    status,
    title: registration.title,
    forename: registration.forename,
    surname: registration.surname,
    gender: registration.gender,
    preferred_language: registration.language,
    email_confirmed_at: emailConfirmed ? new Date() : null,
  });
  if (!account) return undefined;
  const role = registration.workRole;
  if (role) {
    await insertRole(account.id, {
      role: role.role,
      organisation: role.organisation,
      ...toAddressColumns(role.address),
      mobile: role.mobile,
      work_phone: role.workPhone,
    });
  }
  return account;
}

/** Emails a new single-use link to confirm the address (earlier links stop working). */
export async function sendConfirmationLink(ctx: Koa.Context, account: Pick<Account, 'id' | 'email' | 'preferred_language'>): Promise<void> {
  const token = await issueLinkToken({ purpose: 'confirm-email', email: account.email, accountId: account.id, lifetimeMinutes: CONFIRM_LINK_HOURS * 60 });
  await queueEmail({
    to: account.email,
    template: 'registration.emails.confirm',
    locale: ctx.state.lang,
    data: { actionUrl: `${origin(ctx)}/register/confirm/${token}`, hours: CONFIRM_LINK_HOURS },
  });
}

/** Tells the owner of an address that already has an account that someone tried to register with it. */
export async function sendAlreadyRegistered(ctx: Koa.Context, account: Account): Promise<void> {
  await queueEmail({ to: account.email, template: 'registration.emails.alreadyRegistered', locale: ctx.state.lang, data: { actionUrl: `${origin(ctx)}/sign-in` } });
  await audit('registration.existing-email', { subjectType: 'account', subjectId: account.id });
}

async function registerWithLink(ctx: Koa.Context, registration: NewRegistration): Promise<void> {
  const existing = await findAccountByEmail('professional', registration.email);
  if (existing?.status === 'unconfirmed') {
    // Registered before but never confirmed: a fresh link is what they need.
    await sendConfirmationLink(ctx, existing);
    await audit('registration.confirmation-resent', { subjectType: 'account', subjectId: existing.id });
    return;
  }
  const account = existing ? undefined : await createAccount(registration, 'unconfirmed', false);
  if (!account) return sendAlreadyRegistered(ctx, existing ?? (await findAccountByEmail('professional', registration.email))!);
  await sendConfirmationLink(ctx, account);
  await audit('registration.submitted', { subjectType: 'account', subjectId: account.id, details: { confirmation: 'emailLink' } });
}

/**
 * Emails a registration code (earlier codes stop working). For an address that
 * already has an account, a code is still issued (so the code page behaves the
 * same) but never sent: that person gets the "already registered" email instead.
 */
export async function sendRegistrationCode(ctx: Koa.Context, registration: NewRegistration): Promise<void> {
  const tenant = ctx.state.tenant!;
  const existing = await findAccountByEmail('professional', registration.email);
  const minutes = tenant.signIn.codeLifetimeMinutes;
  const code = await issueCode({
    purpose: 'register',
    email: registration.email,
    lifetimeMinutes: minutes,
    payload: existing ? { existing: true } : { registration },
  });
  if (existing) return sendAlreadyRegistered(ctx, existing);
  await queueEmail({ to: registration.email, template: 'registration.emails.code', locale: ctx.state.lang, data: { code, minutes } });
  await audit('registration.code-sent', { subjectType: 'email', details: { email: registration.email } });
}

/** The answers of a finished form as a registration. */
export function registrationFrom(ctx: Koa.Context, draft: RegistrationDraft, workRole?: NewWorkRole): NewRegistration {
  return {
    email: draft.email!,
    passwordHash: draft.passwordHash!,
    title: draft.title || null,
    forename: draft.forename!,
    surname: draft.surname!,
    gender: draft.gender || null,
    language: ctx.state.lang,
    workRole,
  };
}

/** Submits a complete registration and moves on to "Nearly done…" or to entering the code. */
export async function submitRegistration(ctx: Koa.Context, draft: RegistrationDraft, workRole?: NewWorkRole): Promise<void> {
  const registration = registrationFrom(ctx, draft, workRole);
  if (ctx.state.tenant!.registration.confirmation === 'emailLink') {
    await registerWithLink(ctx, registration);
    clearDraft(ctx);
    return seeOther(ctx, '/register/nearly-done');
  }
  await sendRegistrationCode(ctx, registration);
  saveDraft(ctx, { ...draft, pending: registration });
  seeOther(ctx, '/register/code');
}
