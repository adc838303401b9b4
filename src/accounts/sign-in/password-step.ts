import type Koa from 'koa';
import { z } from 'zod';
import { audit } from '../../platform/audit.js';
import { addError, flag, noErrors, parseForm, rawText, readForm, text, type FormErrors } from '../../platform/http/forms.js';
import { rememberReturnTo, safeReturnTo, startSignedInSession } from '../../access/sign-in-session.js';
import { commit } from '../../platform/db/unit-of-work.js';
import { allow, countAttempt, exhausted } from '../../platform/rate-limit.js';
import { LIMITS } from '../limits.js';
import { verifyAgainstDecoy, verifyPassword } from '../passwords.js';
import { findAccountByEmail, normaliseEmail } from '../queries/accounts.js';
import { actorOf, recordSignIn } from '../session-account.js';
import { needsSecondStep, sendSignInCode, setPendingSignIn } from './second-step.js';

/** The sign-in form as posted: the email trimmed, the password exactly as typed. */
const input = z.object({ email: text(), password: rawText() });
const form = z.object({
  email: z.string().min(1, 'sign-in.errors.emailMissing').max(320, 'sign-in.errors.emailMissing'),
  password: z.string().min(1, 'sign-in.errors.passwordMissing').max(1024, 'sign-in.errors.passwordMissing'),
});

/** The sign-in page's query: the notice to show, and the page to go back to after a timeout. */
const pageQuery = z.object({ timedOut: flag(), signedOut: flag(), twoStepSaved: flag(), passwordReset: flag(), returnTo: z.preprocess((value) => safeReturnTo(value), z.string().optional()) });

function show(ctx: Koa.Context, values: { email?: string }, errors: FormErrors = noErrors()) {
  if (errors.list.length) ctx.status = 400;
  const query = pageQuery.parse(ctx.query);
  const notice = query.timedOut ? 'timedOut' : query.signedOut ? 'signedOut' : query.twoStepSaved ? 'twoStepSaved' : query.passwordReset ? 'passwordReset' : undefined;
  ctx.render('accounts/sign-in/sign-in', { title: ctx.state.t('sign-in.title'), values, errors, notice });
}

export function showSignIn(ctx: Koa.Context) {
  if (ctx.state.actor?.kind === 'professional') return ctx.redirect('/');
  // After a timeout the browser comes back with the page it was on.
  const { returnTo } = pageQuery.parse(ctx.query);
  if (returnTo) rememberReturnTo(ctx, returnTo);
  show(ctx, {});
}

/**
 * Email and password. Whatever is wrong (unknown email, wrong password, closed
 * account) the answer is the same, after the same argon2 work. The attempt is
 * counted and committed first; argon2 runs with no transaction open.
 */
export async function submitSignIn(ctx: Koa.Context) {
  const values = readForm(ctx, input);
  const { data, errors } = parseForm(ctx, form, values);
  if (!data) return show(ctx, { email: values.email }, errors);
  const email = normaliseEmail(data.email);
  await countAttempt('sign-in', [
    [LIMITS.signInPerAccount, email],
    [LIMITS.signInPerAddress, ctx.ip],
  ]);
  if (await exhausted(LIMITS.signInFailuresPerAccount, email)) {
    await audit('sign-in.locked-out', { details: { email } });
    return show(ctx, { email: data.email }, addError(noErrors(), ctx, 'email', 'sign-in.errors.lockedOut', { minutes: LIMITS.signInFailuresPerAccount.windowSeconds / 60 }));
  }
  const account = await findAccountByEmail('professional', email);
  await commit();
  const passwordOk = account ? await verifyPassword(account.password_hash, data.password) : await verifyAgainstDecoy(data.password);
  if (!account || !passwordOk || !['active', 'awaiting_verification', 'unconfirmed'].includes(account.status)) {
    await allow(LIMITS.signInFailuresPerAccount, email);
    await audit('sign-in.failed', { subjectType: 'account', subjectId: account?.id, details: { email, reason: account ? (passwordOk ? account.status : 'password') : 'unknown-email' } });
    return show(ctx, { email: data.email }, addError(noErrors(), ctx, 'email', 'sign-in.errors.wrong'));
  }
  if (account.status === 'unconfirmed') {
    // The password proves it is their account, so saying why is safe.
    await audit('sign-in.unconfirmed', { subjectType: 'account', subjectId: account.id });
    return show(ctx, { email: data.email }, addError(noErrors(), ctx, 'email', 'sign-in.errors.unconfirmed'));
  }
  if (needsSecondStep(ctx, account)) {
    await sendSignInCode(ctx, account);
    setPendingSignIn(ctx, { accountId: account.id, email: account.email, startedAt: Date.now() });
    return ctx.redirect('/sign-in/code');
  }
  await recordSignIn(account.id);
  const returnTo = await startSignedInSession(ctx, actorOf(account));
  ctx.status = 303;
  ctx.redirect(returnTo ?? '/');
}
