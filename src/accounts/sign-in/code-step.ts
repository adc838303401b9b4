import type Koa from 'koa';
import { audit } from '../../platform/audit.js';
import { z } from 'zod';
import { addError, flag, noErrors, parseForm, text, type FormErrors } from '../../platform/http/forms.js';
import { startSignedInSession } from '../../access/sign-in-session.js';
import { countAttempt } from '../../platform/rate-limit.js';
import { LIMITS } from '../limits.js';
import { findAccount } from '../queries/accounts.js';
import { useCode, MAX_CODE_ATTEMPTS } from '../queries/email-secrets.js';
import { actorOf, recordSignIn } from '../session-account.js';
import { pendingSignIn, sendSignInCode, setPendingSignIn, tooSoonForNewCode } from './second-step.js';

/** The emailed code: six digits, spaces allowed (people copy them with spaces). */
const codeForm = z.object({ code: text(z.string().refine((code) => /^\d{6}$/.test(code.replace(/\s+/g, '')), 'sign-in.errors.codeFormat')) });
const pageQuery = z.object({ sent: flag() });

function show(ctx: Koa.Context, errors: FormErrors = noErrors(), notice?: string) {
  if (errors.list.length) ctx.status = 400;
  ctx.render('accounts/sign-in/code', {
    title: ctx.state.t('sign-in.code.title'),
    minutes: ctx.state.tenant!.signIn.codeLifetimeMinutes,
    maxAttempts: MAX_CODE_ATTEMPTS,
    errors,
    notice,
  });
}

export function showCode(ctx: Koa.Context) {
  if (!pendingSignIn(ctx)) return ctx.redirect('/sign-in');
  show(ctx, noErrors(), pageQuery.parse(ctx.query).sent ? 'newCodeSent' : undefined);
}

export async function submitCode(ctx: Koa.Context) {
  const pending = pendingSignIn(ctx);
  if (!pending) return ctx.redirect('/sign-in');
  await countAttempt('sign-in.code', [
    [LIMITS.codePerAccount, pending.email],
    [LIMITS.codePerAddress, ctx.ip],
  ]);
  const { data, errors } = parseForm(ctx, codeForm);
  if (!data) return show(ctx, errors);
  const { code } = data;
  const result = await useCode('sign-in', pending.email, code);
  if (!result.ok) {
    await audit('sign-in.code-failed', { subjectType: 'account', subjectId: pending.accountId, details: { problem: result.problem } });
    const key = result.problem === 'wrong' ? 'sign-in.errors.codeWrong' : result.problem === 'tooManyAttempts' ? 'sign-in.errors.codeTooManyAttempts' : 'sign-in.errors.codeExpired';
    return show(ctx, addError(noErrors(), ctx, 'code', key, { count: result.attemptsLeft ?? 0 }));
  }
  const account = await findAccount(pending.accountId);
  if (!account || !account.canSignIn) return ctx.redirect('/sign-in');
  setPendingSignIn(ctx, undefined);
  await audit('sign-in.code-accepted', { subjectType: 'account', subjectId: account.id });
  await recordSignIn(account.id);
  const returnTo = await startSignedInSession(ctx, actorOf(account));
  ctx.status = 303;
  ctx.redirect(returnTo ?? '/');
}

/** "Send a new code": limited, and the earlier code stops working. */
export async function newCode(ctx: Koa.Context) {
  const pending = pendingSignIn(ctx);
  if (!pending) return ctx.redirect('/sign-in');
  await countAttempt('sign-in.new-code', [[LIMITS.newCodePerAccount, pending.email]]);
  if (await tooSoonForNewCode(pending.email, 'sign-in')) return show(ctx, addError(noErrors(), ctx, 'code', 'sign-in.errors.tooSoon'));
  await sendSignInCode(ctx, { id: pending.accountId, email: pending.email });
  ctx.status = 303;
  ctx.redirect('/sign-in/code?sent=1');
}
