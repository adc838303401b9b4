import Router from '@koa/router';
import type Koa from 'koa';
import { brokenRules, hashPassword } from '../passwords.js';
import { passwordChecklist } from '../registration/page.js';
import { z } from 'zod';
import { addError, noErrors, rawText, readForm, type FormErrors } from '../../platform/http/forms.js';
import { audit } from '../../platform/audit.js';
import { completeInvite, findInvite } from './invitations.js';

/** The set-up link's token (anything else is a link that has expired). */
const linkParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/) });
/** The chosen password and its confirmation, exactly as typed (never trimmed). */
const passwordInput = z.object({ password: rawText(), passwordConfirm: rawText() });

/** The invitation the link is for, when its token has the right form. */
const inviteOf = async (ctx: Koa.Context) => {
  const params = linkParams.safeParse(ctx.params);
  return params.success ? { token: params.data.token, link: await findInvite(params.data.token) } : { token: '', link: { ok: false as const } };
};

/**
 * On the council's host (the staff member's own council): the set-up link from
 * the console's invitation. The staff member chooses a password that meets the
 * council's policy, then signs in at /backoffice with the emailed code as always.
 */
export function staffInviteRoutes(): Router {
  const router = new Router();

  const show = (ctx: Koa.Context, email: string, errors: FormErrors = noErrors()) => {
    if (errors.list.length) ctx.status = 400;
    const t = ctx.state.t;
    ctx.set('Cache-Control', 'no-store');
    ctx.render('accounts/staff/setup', { title: errors.list.length ? `${t('common.errorPrefix')} ${t('admin.staffSetup.title')}` : t('admin.staffSetup.title'), heading: t('admin.staffSetup.title'), email, errors, passwordChecklist: passwordChecklist(ctx), action: ctx.path });
  };
  const expired = (ctx: Koa.Context) => {
    ctx.status = 404;
    ctx.set('Cache-Control', 'no-store');
    ctx.render('accounts/staff/setup-expired', { title: ctx.state.t('admin.staffSetup.expired.title') });
  };

  router.get('/staff-setup/:token', async (ctx) => {
    const { link } = await inviteOf(ctx);
    if (!link.ok) return expired(ctx);
    show(ctx, link.email);
  });

  router.post('/staff-setup/:token', async (ctx) => {
    const { token, link } = await inviteOf(ctx);
    if (!link.ok) return expired(ctx);
    const { password, passwordConfirm: confirm } = readForm(ctx, passwordInput);
    const errors = noErrors();
    const broken = brokenRules(ctx.state.tenant!.passwordPolicy, password, link.email);
    if (!password) addError(errors, ctx, 'password', 'admin.staffSetup.errors.missing');
    else if (broken.length) addError(errors, ctx, 'password', 'admin.staffSetup.errors.policy');
    else if (password !== confirm) addError(errors, ctx, 'passwordConfirm', 'admin.staffSetup.errors.mismatch');
    if (errors.list.length) return show(ctx, link.email, errors);
    if (!(await completeInvite(token, await hashPassword(password)))) return expired(ctx);
    await audit('staff.set-up', { subjectType: 'account', subjectId: link.accountId });
    ctx.status = 303;
    ctx.redirect('/backoffice/sign-in');
  });
  return router;
}
