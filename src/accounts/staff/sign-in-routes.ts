import Router from '@koa/router';
import type Koa from 'koa';
import { setNotice, takeNotice } from '../../access/notices.js';
import { signOut, startSignedInSession } from '../../access/sign-in-session.js';
import { z } from 'zod';
import { addError, hasErrors, noErrors, rawText, readForm, text, type FormErrors } from '../../platform/http/forms.js';
import { countAttempt } from '../../platform/rate-limit.js';
import { STAFF_LIMITS } from '../limits.js';
import { normaliseEmail } from '../queries/accounts.js';
import { actorOf, recordSignIn } from '../session-account.js';
import { activeStaffAccount, checkStaffCode, checkStaffPassword, clearFailures, forgetPendingSignIn, pendingSignIn, sendStaffCode } from './sign-in.js';

const SIGN_IN = '/backoffice/sign-in';
const CODE = '/backoffice/sign-in/code';

/** A staff sign-in page, in the back office layout. */
function render(ctx: Koa.Context, page: string, locals: Record<string, unknown>) {
  ctx.render(`accounts/staff/${page}`, { ...locals, codeMinutes: ctx.state.tenant!.signIn.codeLifetimeMinutes }, 'backoffice');
}

function renderSignIn(ctx: Koa.Context, values: { email?: string } = {}, errors: FormErrors = noErrors()) {
  render(ctx, 'sign-in', { title: ctx.state.t('backoffice.signIn.title'), values, errors });
}

function renderCode(ctx: Koa.Context, email: string, errors: FormErrors = noErrors(), options: { notice?: string; code?: string } = {}) {
  render(ctx, 'code', { title: ctx.state.t('backoffice.code.title'), email, errors, ...options });
}

/** The staff sign-in form: the email trimmed, the password exactly as typed. */
const signInInput = z.object({ email: text(), password: rawText() });
/** The emailed code as typed (shown again when wrong). */
const codeInput = z.object({ code: text() });

const minutesUntil = (date: Date) => Math.max(1, Math.ceil((date.getTime() - Date.now()) / 60_000));

function backTo(ctx: Koa.Context, path: string) {
  ctx.status = 303;
  ctx.redirect(path);
}

/** Staff sign-in: password, then always an emailed code; sign-out. */
export function staffSignInRoutes(): Router {
  const router = new Router();

  router.get(SIGN_IN, (ctx) => {
    if (ctx.state.actor?.kind === 'staff') return ctx.redirect('/backoffice');
    renderSignIn(ctx);
  });

  router.post(SIGN_IN, async (ctx) => {
    const { email, password } = readForm(ctx, signInInput);
    const errors = noErrors();
    if (!email) addError(errors, ctx, 'email', 'backoffice.signIn.errors.emailMissing');
    if (!password) addError(errors, ctx, 'password', 'backoffice.signIn.errors.passwordMissing');
    if (hasErrors(errors)) {
      ctx.status = 400;
      return renderSignIn(ctx, { email }, errors);
    }
    await countAttempt('staff.sign-in', [
      [STAFF_LIMITS.signInPerAccount, normaliseEmail(email)],
      [STAFF_LIMITS.signInPerAddress, ctx.ip],
    ]);
    const check = await checkStaffPassword(email, password);
    if (!check.ok) {
      if (check.pausedUntil) {
        ctx.status = 429;
        addError(errors, ctx, 'email', 'backoffice.signIn.errors.paused', { count: minutesUntil(check.pausedUntil) });
      } else {
        ctx.status = 400;
        addError(errors, ctx, 'email', 'backoffice.signIn.errors.incorrect');
      }
      return renderSignIn(ctx, { email }, errors);
    }
    await sendStaffCode(ctx, check.account);
    backTo(ctx, CODE);
  });

  router.get(CODE, (ctx) => {
    const pending = pendingSignIn(ctx);
    if (!pending) return ctx.redirect(SIGN_IN);
    renderCode(ctx, pending.email, noErrors(), { notice: takeNotice(ctx, 'backoffice') });
  });

  router.post(CODE, async (ctx) => {
    const pending = pendingSignIn(ctx);
    if (!pending) return backTo(ctx, SIGN_IN);
    const typed = readForm(ctx, codeInput).code;
    const code = typed.replace(/[\s-]+/g, '');
    const errors = noErrors();
    if (!code) addError(errors, ctx, 'code', 'backoffice.code.errors.missing');
    else if (!/^\d{6}$/.test(code)) addError(errors, ctx, 'code', 'backoffice.code.errors.format');
    if (hasErrors(errors)) {
      ctx.status = 400;
      return renderCode(ctx, pending.email, errors, { code: typed });
    }
    await countAttempt('staff.sign-in-code', [
      [STAFF_LIMITS.codePerAccount, pending.email],
      [STAFF_LIMITS.codePerAddress, ctx.ip],
    ]);
    const result = await checkStaffCode(pending, code);
    if (!result.ok) {
      if (result.problem === 'account') {
        forgetPendingSignIn(ctx);
        return backTo(ctx, SIGN_IN);
      }
      ctx.status = 400;
      addError(errors, ctx, 'code', `backoffice.code.errors.${result.problem}`, { count: result.attemptsLeft ?? 0 });
      return renderCode(ctx, pending.email, errors, { code: typed });
    }
    await clearFailures(result.account.email);
    await recordSignIn(result.account.id);
    const returnTo = await startSignedInSession(ctx, actorOf(result.account));
    backTo(ctx, returnTo ?? '/backoffice');
  });

  router.post('/backoffice/sign-in/new-code', async (ctx) => {
    const pending = pendingSignIn(ctx);
    if (!pending) return backTo(ctx, SIGN_IN);
    await countAttempt('staff.new-code', [[STAFF_LIMITS.newCodePerAccount, pending.email]]);
    const account = await activeStaffAccount(pending.accountId);
    if (!account) {
      forgetPendingSignIn(ctx);
      return backTo(ctx, SIGN_IN);
    }
    await sendStaffCode(ctx, account, true);
    setNotice(ctx, 'backoffice', 'backoffice.code.newCodeSent', { email: account.email });
    backTo(ctx, CODE);
  });

  router.post('/backoffice/sign-out', async (ctx) => {
    await signOut(ctx);
    backTo(ctx, '/backoffice/signed-out');
  });

  router.get('/backoffice/signed-out', (ctx) => {
    if (ctx.state.actor?.kind === 'staff') return ctx.redirect('/backoffice');
    render(ctx, 'signed-out', { title: ctx.state.t('backoffice.signedOut.title') });
  });

  return router;
}
