import { localise } from '../../i18n/index.js';
import type Router from '@koa/router';
import type Koa from 'koa';
import { audit } from '../../platform/audit.js';
import { z } from 'zod';
import { hasErrors, noErrors, readForm, text, type FormErrors } from '../../platform/http/forms.js';
import { findAccount, findAccountByEmail, normaliseEmail, updateAccount } from '../queries/accounts.js';
import { useLinkToken } from '../queries/email-secrets.js';
import { countAttempt } from '../../platform/rate-limit.js';
import { LIMITS } from '../limits.js';
import { renderPage, seeOther } from './page.js';
import { sendConfirmationLink } from './submit.js';
import { checkEmail } from './validation.js';

/** "Nearly done…", the emailed confirmation link, and asking for a new one. */

/** The emailed link's token (checked by the link's lookup). */
const linkParams = z.object({ token: z.string().catch('') });
const resendInput = z.object({ email: text() });

function renderResend(ctx: Koa.Context, values: { email?: string } = {}, errors: FormErrors = noErrors()) {
  renderPage(ctx, 'resend-confirmation', 'registration.resend.title', { values }, errors);
}

async function confirm(ctx: Koa.Context) {
  const tenant = ctx.state.tenant!;
  const check = await useLinkToken('confirm-email', linkParams.parse(ctx.params).token);
  if (!check.ok) {
    await audit('registration.link-refused', { subjectType: 'account', subjectId: check.secret?.account_id ?? undefined, details: { problem: check.problem } });
    return renderPage(ctx, 'link-problem', `registration.linkProblem.${check.problem}.title`, { problem: check.problem, values: {} });
  }
  const account = check.secret.account_id ? await findAccount(check.secret.account_id) : undefined;
  if (account?.status === 'unconfirmed') {
    const status = tenant.registration.backOfficeVerification ? 'awaiting_verification' : 'active';
    await updateAccount(account.id, { status, email_confirmed_at: new Date() });
    await audit('registration.confirmed', { subjectType: 'account', subjectId: account.id, details: { status } });
  }
  renderPage(ctx, 'confirmed', 'registration.confirmed.title', { awaitingVerification: tenant.registration.backOfficeVerification, afterRegistration: localise(tenant.registration.afterRegistration, ctx.state.lang) });
}

/** Same answer whether or not the address has an account waiting for confirmation. */
async function resend(ctx: Koa.Context) {
  const { email } = readForm(ctx, resendInput);
  const errors = noErrors();
  checkEmail(ctx, errors, email);
  if (hasErrors(errors)) return renderResend(ctx, { email }, errors);
  await countAttempt('registration.resend-confirmation', [
    [LIMITS.newCodePerAccount, `confirm:${normaliseEmail(email)}`],
    [LIMITS.codePerAddress, ctx.ip],
  ]);
  const account = await findAccountByEmail('professional', email);
  if (account?.status === 'unconfirmed') {
    await sendConfirmationLink(ctx, account);
    await audit('registration.confirmation-resent', { subjectType: 'account', subjectId: account.id });
  }
  seeOther(ctx, '/register/resend-confirmation/sent');
}

export function confirmEmailRoutes(router: Router): void {
  router.get('/register/nearly-done', (ctx) => renderPage(ctx, 'nearly-done', 'registration.nearlyDone.title'));
  router.get('/register/confirm/:token', confirm);
  router.get('/register/resend-confirmation', (ctx) => renderResend(ctx));
  router.post('/register/resend-confirmation', resend);
  router.get('/register/resend-confirmation/sent', (ctx) => renderPage(ctx, 'resend-sent', 'registration.resendSent.title'));
}
