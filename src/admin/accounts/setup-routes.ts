import type { SecretBox } from '../../platform/secret-box.js';
import Router from '@koa/router';
import type Koa from 'koa';
import type { Knex } from 'knex';
import { z } from 'zod';
import { addError, noErrors, parseForm, type FormErrors } from '../../platform/http/forms.js';
import type { Views } from '../../platform/http/views.js';
import { platformAudit } from '../audit.js';
import { renderAdmin, seeOther, t } from '../page.js';
import { adminSession } from '../session.js';
import { admins, newRecoveryCodes } from './admins.js';
import { ADMIN_PASSWORD, adminPasswordProblem } from './password-policy.js';
import { hashAdminPassword } from './sign-in.js';
import { checkTotp, groupedSecret, newTotpSecret, totpQrCode } from './totp.js';

const passwordForm = z.object({ password: z.string().max(1024).default(''), confirm: z.string().max(1024).default('') });
const codeForm = z.object({ code: z.string().trim().max(20).default('') });
/** The set-up link's token (checked by its lookup). */
const linkParams = z.object({ token: z.string().catch('') });

/**
 * The one-time set-up link from `npm run admin:create`: choose a password, register
 * an authenticator app (QR code and the secret as text), then see ten recovery
 * codes, once.
 */
export function adminSetupRoutes(views: Views, platform: Knex, totpSecrets: SecretBox): Router {
  const router = new Router();

  const setupAdmin = async (ctx: Koa.Context) => {
    const setup = adminSession(ctx).setup;
    const admin = setup && (await admins.byId(platform, setup.adminId));
    return admin && admin.status === 'invited' ? admin : undefined;
  };
  const linkProblem = (ctx: Koa.Context) => {
    ctx.status = 404;
    renderAdmin(ctx, views, 'admin/accounts/setup-link-problem', { title: t('admin.console.setup.linkProblem.title') });
  };

  const showPassword = (ctx: Koa.Context, email: string, errors: FormErrors = noErrors()) =>
    renderAdmin(ctx, views, 'admin/accounts/setup-password', { title: t('admin.console.setup.password.title'), email, rules: t('admin.console.setup.password.rules', ADMIN_PASSWORD), errors });

  router.get('/setup/password', async (ctx) => {
    const admin = await setupAdmin(ctx);
    if (!admin) return linkProblem(ctx);
    showPassword(ctx, admin.email);
  });
  router.post('/setup/password', async (ctx) => {
    const admin = await setupAdmin(ctx);
    if (!admin) return linkProblem(ctx);
    const { data } = parseForm(ctx, passwordForm);
    const problem = adminPasswordProblem(data?.password ?? '', data?.confirm ?? '', admin.email);
    if (problem) return showPassword(ctx, admin.email, addError(noErrors(), ctx, problem === 'mismatch' ? 'confirm' : 'password', `admin.console.setup.password.errors.${problem}`, ADMIN_PASSWORD));
    await admins.update(platform, admin.id, { password_hash: await hashAdminPassword(data!.password) });
    adminSession(ctx).setup = { adminId: admin.id, secret: newTotpSecret() };
    seeOther(ctx, '/setup/authenticator');
  });

  const showAuthenticator = async (ctx: Koa.Context, email: string, secret: string, errors: FormErrors = noErrors()) =>
    renderAdmin(ctx, views, 'admin/accounts/setup-authenticator', {
      title: t('admin.console.setup.authenticator.title'),
      qrCode: await totpQrCode(secret, email, t('admin.serviceName')),
      secret: groupedSecret(secret),
      errors,
    });

  router.get('/setup/authenticator', async (ctx) => {
    const admin = await setupAdmin(ctx);
    const secret = adminSession(ctx).setup?.secret;
    if (!admin || !admin.password_hash || !secret) return linkProblem(ctx);
    await showAuthenticator(ctx, admin.email, secret);
  });
  router.post('/setup/authenticator', async (ctx) => {
    const admin = await setupAdmin(ctx);
    const secret = adminSession(ctx).setup?.secret;
    if (!admin || !admin.password_hash || !secret) return linkProblem(ctx);
    const { data } = parseForm(ctx, codeForm);
    const step = await checkTotp(secret, (data?.code ?? '').replace(/\s+/g, ''));
    if (step === undefined) return showAuthenticator(ctx, admin.email, secret, addError(noErrors(), ctx, 'code', data?.code ? 'admin.console.setup.authenticator.errors.wrong' : 'admin.console.setup.authenticator.errors.missing'));
    const codes = newRecoveryCodes();
    await admins.replaceRecoveryCodes(platform, admin.id, codes);
    await admins.update(platform, admin.id, { status: 'active', totp_secret: totpSecrets.seal(secret), totp_last_step: step, setup_token_hash: null, setup_expires_at: null, failed_attempts: 0 });
    await platformAudit(platform, ctx, { action: 'admin.set-up', admin: { id: admin.id, email: admin.email } });
    adminSession(ctx).setup = { adminId: admin.id, recoveryCodes: codes };
    seeOther(ctx, '/setup/recovery-codes');
  });

  router.get('/setup/recovery-codes', (ctx) => {
    const session = adminSession(ctx);
    const codes = session.setup?.recoveryCodes;
    if (!codes) return seeOther(ctx, '/sign-in');
    // Shown once: gone from the session as soon as this page is rendered.
    delete session.setup;
    renderAdmin(ctx, views, 'admin/accounts/setup-recovery-codes', { title: t('admin.console.setup.recovery.title'), codes });
  });
  // Last: /setup/password and the other steps are not tokens.
  router.get('/setup/:token', async (ctx) => {
    const admin = await admins.bySetupToken(platform, linkParams.parse(ctx.params).token);
    if (!admin) return linkProblem(ctx);
    await ctx.session!.regenerate();
    adminSession(ctx).setup = { adminId: admin.id };
    seeOther(ctx, '/setup/password');
  });
  return router;
}
