import type { SecretBox } from '../../platform/secret-box.js';
import Router from '@koa/router';
import type Koa from 'koa';
import type { Knex } from 'knex';
import { z } from 'zod';
import { addError, flag, noErrors, parseForm, rawText, readForm, text, type FormErrors } from '../../platform/http/forms.js';
import type { Views } from '../../platform/http/views.js';
import { platformAudit } from '../audit.js';
import { renderAdmin, seeOther, t } from '../page.js';
import { adminSession } from '../session.js';
import { checkAdminCode, checkAdminPassword } from './sign-in.js';
import { admins } from './admins.js';
import { RateLimiter } from './rate-limiter.js';

/** The sign-in form: the email trimmed, the password exactly as typed. */
const passwordForm = z.object({
  email: text(z.string().min(1, 'admin.console.signIn.errors.emailMissing').max(320, 'admin.console.signIn.errors.emailMissing')),
  password: rawText(z.string().min(1, 'admin.console.signIn.errors.passwordMissing').max(1024, 'admin.console.signIn.errors.passwordMissing')),
});
/** The email typed, shown again with the errors. */
const typedInput = z.object({ email: text() });
const codeForm = z.object({ code: text(z.string().min(1, 'admin.console.code.errors.missing').max(64, 'admin.console.code.errors.wrong')) });
/** The sign-in page's query: after signing out, a word saying so. */
const signInQuery = z.object({ signedOut: flag() });

/** A pending sign-in (password right) lasts 10 minutes. */
const PENDING_MS = 10 * 60_000;
const minutesUntil = (d: Date) => Math.max(1, Math.ceil((d.getTime() - Date.now()) / 60_000));

/** Sign in: email and password, then always the authenticator code (or a recovery code). Sign out. */
export function adminSignInRoutes(views: Views, platform: Knex, totpSecrets: SecretBox): Router {
  const router = new Router();
  const perAddress = new RateLimiter(platform, 'admin-sign-in:address', 30, 15 * 60);

  const showPassword = (ctx: Koa.Context, values: { email?: string }, errors: FormErrors = noErrors()) =>
    renderAdmin(ctx, views, 'admin/accounts/sign-in', { title: t('admin.console.signIn.title'), values, errors, notice: signInQuery.parse(ctx.query).signedOut ? t('admin.console.signIn.signedOut') : undefined });
  const showCode = (ctx: Koa.Context, errors: FormErrors = noErrors()) => renderAdmin(ctx, views, 'admin/accounts/code', { title: t('admin.console.code.title'), errors });

  router.get('/sign-in', (ctx) => (ctx.state.admin ? seeOther(ctx, '/') : showPassword(ctx, {})));
  router.post('/sign-in', async (ctx) => {
    const { data, errors } = parseForm(ctx, passwordForm);
    if (!data) return showPassword(ctx, readForm(ctx, typedInput), errors);
    if (!(await perAddress.allow(ctx.ip))) ctx.throw(429);
    const check = await checkAdminPassword(platform, data.email, data.password);
    if (!check.ok) {
      await platformAudit(platform, ctx, { action: 'admin.sign-in-failed', admin: null, details: { email: data.email.toLowerCase(), step: 'password', locked: !!check.lockedUntil } });
      ctx.status = check.lockedUntil ? 429 : 400;
      const message = check.lockedUntil ? addError(noErrors(), ctx, 'email', 'admin.console.signIn.errors.locked', { count: minutesUntil(check.lockedUntil) }) : addError(noErrors(), ctx, 'email', 'admin.console.signIn.errors.wrong');
      return showPassword(ctx, { email: data.email }, message);
    }
    adminSession(ctx).pending = { adminId: check.admin.id, startedAt: Date.now() };
    seeOther(ctx, '/sign-in/code');
  });

  const pending = (ctx: Koa.Context) => {
    const p = adminSession(ctx).pending;
    return p && Date.now() - p.startedAt < PENDING_MS ? p : undefined;
  };

  router.get('/sign-in/code', (ctx) => (pending(ctx) ? showCode(ctx) : seeOther(ctx, '/sign-in')));
  router.post('/sign-in/code', async (ctx) => {
    const waiting = pending(ctx);
    if (!waiting) return seeOther(ctx, '/sign-in');
    const { data, errors } = parseForm(ctx, codeForm);
    if (!data) return showCode(ctx, errors);
    if (!(await perAddress.allow(ctx.ip))) ctx.throw(429);
    const check = await checkAdminCode(platform, totpSecrets, waiting.adminId, data.code);
    const admin = await admins.byId(platform, waiting.adminId);
    if (!check.ok) {
      await platformAudit(platform, ctx, { action: 'admin.sign-in-failed', admin: admin ? { id: admin.id, email: admin.email } : null, details: { step: 'code', locked: !!check.lockedUntil } });
      ctx.status = check.lockedUntil ? 429 : 400;
      return showCode(ctx, check.lockedUntil ? addError(noErrors(), ctx, 'code', 'admin.console.signIn.errors.locked', { count: minutesUntil(check.lockedUntil) }) : addError(noErrors(), ctx, 'code', 'admin.console.code.errors.wrong'));
    }
    // A new session id at sign-in: nothing from before carries over (no fixation).
    await ctx.session!.regenerate();
    Object.assign(adminSession(ctx), { adminId: check.admin.id, signedInAt: Date.now() });
    ctx.state.admin = { id: check.admin.id, email: check.admin.email };
    await platformAudit(platform, ctx, { action: 'admin.signed-in', details: { recoveryCode: !!check.recovery } });
    seeOther(ctx, '/');
  });

  router.post('/sign-out', async (ctx) => {
    if (ctx.state.admin) await platformAudit(platform, ctx, { action: 'admin.signed-out' });
    ctx.session = null;
    seeOther(ctx, '/sign-in?signedOut=1');
  });
  return router;
}
