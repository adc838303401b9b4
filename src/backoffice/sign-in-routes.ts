import Router from '@koa/router';
import type Koa from 'koa';
import { startSignedInSession, signOut } from '../accounts/session-auth.js';
import { allow, allowAll } from '../accounts/rate-limit.js';
import { findAccount, normaliseEmail } from '../accounts/account.js';
import { addError, field, hasErrors, noErrors, type FormErrors } from '../platform/http/forms.js';
import { renderBackoffice } from './page.js';
import { clearFailures, STAFF_LIMITS } from './lockout.js';
import { setNotice, takeNotice } from './notices.js';
import { checkStaffCode, checkStaffPassword, forgetPendingSignIn, pendingSignIn, sendStaffCode } from './staff-sign-in.js';

const SIGN_IN = '/backoffice/sign-in';
const CODE = '/backoffice/sign-in/code';

function renderSignIn(ctx: Koa.Context, values: { email?: string } = {}, errors: FormErrors = noErrors()) {
  renderBackoffice(ctx, 'sign-in', { title: ctx.state.t('backoffice.signIn.title'), values, errors, codeMinutes: ctx.state.tenant!.signIn.codeLifetimeMinutes });
}

function renderCode(ctx: Koa.Context, email: string, errors: FormErrors = noErrors(), options: { notice?: string; code?: string } = {}) {
  renderBackoffice(ctx, 'code', { title: ctx.state.t('backoffice.code.title'), email, errors, ...options, codeMinutes: ctx.state.tenant!.signIn.codeLifetimeMinutes });
}

const minutesUntil = (date: Date) => Math.max(1, Math.ceil((date.getTime() - Date.now()) / 60_000));

/** Staff sign-in: password, then always an emailed code; sign-out. */
export function staffSignInRoutes(): Router {
  const router = new Router();

  router.get(SIGN_IN, (ctx) => {
    if (ctx.state.account?.kind === 'staff') return ctx.redirect('/backoffice');
    renderSignIn(ctx);
  });

  router.post(SIGN_IN, async (ctx) => {
    const email = field(ctx.request.body, 'email');
    const typed = (ctx.request.body as Record<string, unknown> | undefined)?.password;
    const password = typeof typed === 'string' ? typed : '';
    const errors = noErrors();
    if (!email) addError(errors, ctx, 'email', 'backoffice.signIn.errors.emailMissing');
    if (!password) addError(errors, ctx, 'password', 'backoffice.signIn.errors.passwordMissing');
    if (hasErrors(errors)) {
      ctx.status = 400;
      return renderSignIn(ctx, { email }, errors);
    }
    if (!(await allowAll([[STAFF_LIMITS.signInPerAccount, normaliseEmail(email)], [STAFF_LIMITS.signInPerAddress, ctx.ip]]))) ctx.throw(429);

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
    ctx.status = 303;
    ctx.redirect(CODE);
  });

  router.get(CODE, (ctx) => {
    const pending = pendingSignIn(ctx);
    if (!pending) return ctx.redirect(SIGN_IN);
    renderCode(ctx, pending.email, noErrors(), { notice: takeNotice(ctx) });
  });

  router.post(CODE, async (ctx) => {
    const pending = pendingSignIn(ctx);
    if (!pending) {
      ctx.status = 303;
      return ctx.redirect(SIGN_IN);
    }
    const typed = field(ctx.request.body, 'code');
    const code = typed.replace(/[\s-]+/g, '');
    const errors = noErrors();
    if (!code) addError(errors, ctx, 'code', 'backoffice.code.errors.missing');
    else if (!/^\d{6}$/.test(code)) addError(errors, ctx, 'code', 'backoffice.code.errors.format');
    if (hasErrors(errors)) {
      ctx.status = 400;
      return renderCode(ctx, pending.email, errors, { code: typed });
    }
    if (!(await allowAll([[STAFF_LIMITS.codePerAccount, pending.email], [STAFF_LIMITS.codePerAddress, ctx.ip]]))) ctx.throw(429);

    const result = await checkStaffCode(pending, code);
    if (!result.ok) {
      if (result.problem === 'account') {
        forgetPendingSignIn(ctx);
        ctx.status = 303;
        return ctx.redirect(SIGN_IN);
      }
      ctx.status = 400;
      addError(errors, ctx, 'code', `backoffice.code.errors.${result.problem}`, { count: result.attemptsLeft ?? 0 });
      return renderCode(ctx, pending.email, errors, { code: typed });
    }
    await clearFailures(result.account.email);
    const returnTo = await startSignedInSession(ctx, result.account);
    ctx.status = 303;
    ctx.redirect(returnTo ?? '/backoffice');
  });

  router.post('/backoffice/sign-in/new-code', async (ctx) => {
    const pending = pendingSignIn(ctx);
    if (!pending) {
      ctx.status = 303;
      return ctx.redirect(SIGN_IN);
    }
    if (!(await allow(STAFF_LIMITS.newCodePerAccount, pending.email))) ctx.throw(429);
    const account = await findAccount(pending.accountId);
    if (!account || account.kind !== 'staff' || account.status !== 'active') {
      forgetPendingSignIn(ctx);
      ctx.status = 303;
      return ctx.redirect(SIGN_IN);
    }
    await sendStaffCode(ctx, account, true);
    setNotice(ctx, 'backoffice.code.newCodeSent', { email: account.email });
    ctx.status = 303;
    ctx.redirect(CODE);
  });

  router.post('/backoffice/sign-out', async (ctx) => {
    await signOut(ctx);
    ctx.status = 303;
    ctx.redirect('/backoffice/signed-out');
  });

  router.get('/backoffice/signed-out', (ctx) => {
    if (ctx.state.account?.kind === 'staff') return ctx.redirect('/backoffice');
    renderBackoffice(ctx, 'signed-out', { title: ctx.state.t('backoffice.signedOut.title') });
  });

  return router;
}
