import type Koa from 'koa';
import type { SessionData } from '../../access/session.js';
import { z } from 'zod';
import { audit } from '../../platform/audit.js';
import { addError, flag, noErrors, parseForm, rawText, readForm, text, type FormErrors } from '../../platform/http/forms.js';
import { queueEmail } from '../../platform/mail/outbox.js';
import { countAttempt } from '../../platform/rate-limit.js';
import { LIMITS } from '../limits.js';
import { brokenRules, hashPassword, policyRules } from '../passwords.js';
import { findAccountByEmail, normaliseEmail, updateAccount } from '../queries/accounts.js';
import { issueCode, MAX_CODE_ATTEMPTS, useCode } from '../queries/email-secrets.js';
import { tooSoonForNewCode } from './second-step.js';

type PasswordReset = NonNullable<SessionData['passwordReset']>;

const RESET_MINUTES = 30;
const reset = (ctx: Koa.Context) => {
  const value = ctx.session?.passwordReset;
  return value && Date.now() - value.startedAt < RESET_MINUTES * 60_000 ? value : undefined;
};
const setReset = (ctx: Koa.Context, value: PasswordReset | undefined) => {
  ctx.session!.passwordReset = value;
};

const emailInput = z.object({ email: text() });
const emailForm = z.object({ email: z.string().min(1, 'sign-in.errors.emailMissing').max(320).email('sign-in.errors.emailFormat') });
/** The emailed code: six digits, spaces allowed. */
const codeForm = z.object({ code: text(z.string().refine((code) => /^\d{6}$/.test(code.replace(/\s+/g, '')), 'sign-in.errors.codeFormat')) });
/** The new password and its confirmation, exactly as typed (never trimmed). */
const passwordInput = z.object({ password: rawText(), confirmPassword: rawText() });
const codePageQuery = z.object({ sent: flag() });

function render(ctx: Koa.Context, page: string, locals: Record<string, unknown> = {}, errors: FormErrors = noErrors()) {
  if (errors.list.length) ctx.status = 400;
  ctx.render(`accounts/sign-in/${page}`, { title: ctx.state.t(`sign-in.forgotten.${page}.title`), errors, ...locals });
}

export function showEmail(ctx: Koa.Context) {
  render(ctx, 'forgotten-email', { values: {} });
}

/**
 * Sends a code if the address belongs to an account that may reset its password.
 * Any other address gets a decoy: a code stored the same way but sent to nobody,
 * so that its page, its count of tries left, "too many tries", "send a new code"
 * and the database work are the same as for a registered address (no account
 * enumeration). The email itself is only a row in the outbox, sent by the worker.
 */
async function sendResetCode(ctx: Koa.Context, email: string) {
  const account = await findAccountByEmail('professional', email);
  const known = !!account && ['active', 'awaiting_verification', 'unconfirmed'].includes(account.status);
  const minutes = ctx.state.tenant!.signIn.codeLifetimeMinutes;
  const code = await issueCode({ purpose: 'reset-password', email, accountId: known ? account.id : undefined, lifetimeMinutes: minutes });
  if (known) await queueEmail({ to: email, template: 'sign-in.emails.resetCode', locale: ctx.state.lang, data: { code, minutes } });
  await audit('password-reset.requested', { subjectType: 'account', subjectId: account?.id, details: { email, known } });
}

export async function submitEmail(ctx: Koa.Context) {
  const values = readForm(ctx, emailInput);
  const { data, errors } = parseForm(ctx, emailForm, values);
  if (!data) return render(ctx, 'forgotten-email', { values }, errors);
  const email = normaliseEmail(data.email);
  await countAttempt('password-reset', [
    [LIMITS.resetPerAccount, email],
    [LIMITS.resetPerAddress, ctx.ip],
  ]);
  await sendResetCode(ctx, email);
  setReset(ctx, { email, startedAt: Date.now() });
  ctx.status = 303;
  ctx.redirect('/forgotten-password/code');
}

export function showCode(ctx: Koa.Context) {
  const current = reset(ctx);
  if (!current) return ctx.redirect('/forgotten-password');
  render(ctx, 'forgotten-code', { email: current.email, minutes: ctx.state.tenant!.signIn.codeLifetimeMinutes, sent: codePageQuery.parse(ctx.query).sent });
}

export async function submitCode(ctx: Koa.Context) {
  const current = reset(ctx);
  if (!current) return ctx.redirect('/forgotten-password');
  await countAttempt('password-reset.code', [
    [LIMITS.codePerAccount, current.email],
    [LIMITS.codePerAddress, ctx.ip],
  ]);
  const locals = { email: current.email, minutes: ctx.state.tenant!.signIn.codeLifetimeMinutes };
  const { data, errors } = parseForm(ctx, codeForm);
  if (!data) return render(ctx, 'forgotten-code', locals, errors);
  const { code } = data;
  const checked = await useCode('reset-password', current.email, code);
  // A decoy (an address with no account) guessed right is still a wrong code: it resets nothing.
  const result = checked.ok && !checked.secret.account_id ? ({ ok: false, problem: 'wrong', attemptsLeft: Math.max(1, MAX_CODE_ATTEMPTS - checked.secret.attempts - 1) } as const) : checked;
  if (!result.ok) {
    await audit('password-reset.code-failed', { details: { email: current.email, problem: result.problem } });
    // No live code at all (every address gets one, real or decoy): it reads as a code that has expired.
    const key = result.problem === 'wrong' ? 'sign-in.errors.codeWrong' : result.problem === 'tooManyAttempts' ? 'sign-in.errors.codeTooManyAttempts' : 'sign-in.errors.codeExpired';
    return render(ctx, 'forgotten-code', locals, addError(noErrors(), ctx, 'code', key, { count: result.attemptsLeft ?? MAX_CODE_ATTEMPTS - 1 }));
  }
  setReset(ctx, { ...current, accountId: result.secret.account_id! });
  ctx.status = 303;
  ctx.redirect('/forgotten-password/new-password');
}

export async function newCode(ctx: Koa.Context) {
  const current = reset(ctx);
  if (!current) return ctx.redirect('/forgotten-password');
  await countAttempt('password-reset.new-code', [[LIMITS.newCodePerAccount, current.email]]);
  if (await tooSoonForNewCode(current.email, 'reset-password')) {
    return render(ctx, 'forgotten-code', { email: current.email, minutes: ctx.state.tenant!.signIn.codeLifetimeMinutes }, addError(noErrors(), ctx, 'code', 'sign-in.errors.tooSoon'));
  }
  await sendResetCode(ctx, current.email);
  ctx.status = 303;
  ctx.redirect('/forgotten-password/code?sent=1');
}

function showNewPassword(ctx: Koa.Context, errors: FormErrors = noErrors()) {
  render(ctx, 'forgotten-new-password', { rules: policyRules(ctx.state.tenant!.passwordPolicy) }, errors);
}

export function showPassword(ctx: Koa.Context) {
  if (!reset(ctx)?.accountId) return ctx.redirect('/forgotten-password');
  showNewPassword(ctx);
}

/** The new password: every other session of the account ends, and the person signs in again. */
export async function submitPassword(ctx: Koa.Context) {
  const current = reset(ctx);
  if (!current?.accountId) return ctx.redirect('/forgotten-password');
  const { password, confirmPassword: confirm } = readForm(ctx, passwordInput);
  const errors = noErrors();
  const policy = ctx.state.tenant!.passwordPolicy;
  if (!password) addError(errors, ctx, 'password', 'sign-in.errors.newPasswordMissing');
  else {
    // One message per broken rule in the summary; all of them next to the field.
    const texts = brokenRules(policy, password, current.email).map((rule) => {
      const spec = policyRules(policy).find((r) => r.rule === rule)!;
      return ctx.state.t(`sign-in.passwordErrors.${rule}`, { count: spec.count, max: spec.max }) as string;
    });
    errors.list.push(...texts.map((text) => ({ href: '#password', text })));
    if (texts.length) errors.byField.password = texts.join(' ');
  }
  if (!errors.list.length && password !== confirm) addError(errors, ctx, 'confirmPassword', 'sign-in.errors.passwordsDiffer');
  if (errors.list.length) return showNewPassword(ctx, errors);
  await updateAccount(current.accountId, { password_hash: await hashPassword(password), sessions_valid_after: new Date() });
  await queueEmail({ to: current.email, template: 'sign-in.emails.passwordChanged', locale: ctx.state.lang });
  await audit('password-reset.completed', { subjectType: 'account', subjectId: current.accountId });
  setReset(ctx, undefined);
  ctx.status = 303;
  ctx.redirect('/sign-in?passwordReset=1');
}
