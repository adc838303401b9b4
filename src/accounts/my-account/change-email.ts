import type Router from '@koa/router';
import type Koa from 'koa';
import { z } from 'zod';
import { localise } from '../../i18n/index.js';
import { audit } from '../../platform/audit.js';
import { addError, noErrors, rawText, readForm, text, type FormErrors } from '../../platform/http/forms.js';
import { queueEmail } from '../../platform/mail/outbox.js';
import { findAccount, findAccountByEmail, normaliseEmail, updateAccount } from '../queries/accounts.js';
import { issueLinkToken, replaceLiveSecrets, useLinkToken } from '../queries/email-secrets.js';
import { startSignedInSession } from '../../access/sign-in-session.js';
import { actorOf } from '../session-account.js';
import { isCurrentPassword } from './current-password.js';
import { redirectWithNotice, renderSection } from './sections.js';

/** How long the link sent to the new address works. */
export const CHANGE_EMAIL_LINK_HOURS = 24;
const PAGE = '/my-account/email';
const err = (name: string) => `my-account.changeEmail.errors.${name}`;
const emailFormat = z.string().max(320).email();
/** The new address twice (trimmed) and the current password (exactly as typed). */
/** The emailed link's token (checked by the link's lookup). */
const linkParams = z.object({ token: z.string().catch('') });
const changeInput = z.object({ newEmail: text(), confirmEmail: text(), currentPassword: rawText() });


function show(ctx: Koa.Context, values: { newEmail: string; confirmEmail: string }, errors: FormErrors = noErrors()) {
  renderSection(ctx, 'changeEmail', 'change-email', { values, errors, hours: CHANGE_EMAIL_LINK_HOURS });
}

const contactData = (ctx: Koa.Context) => ({
  contactTeam: localise(ctx.state.tenant!.contact.team, ctx.state.lang),
  contactEmail: ctx.state.tenant!.contact.email,
});

/**
 * Asks for the change: a link to the new address, a warning to the old one. If
 * the new address is already another account's, the new address is told so
 * instead and the page is the same, so nobody learns who has an account.
 */
async function requestChange(ctx: Koa.Context) {
  const account = ctx.state.account!;
  const { currentPassword: password, ...values } = readForm(ctx, changeInput);
  const errors = noErrors();
  const newEmail = normaliseEmail(values.newEmail);
  if (!newEmail) addError(errors, ctx, 'newEmail', err('newEmailMissing'));
  else if (!emailFormat.safeParse(newEmail).success) addError(errors, ctx, 'newEmail', err('newEmailFormat'));
  else if (newEmail === account.email) addError(errors, ctx, 'newEmail', err('newEmailSame'));
  if (!values.confirmEmail) addError(errors, ctx, 'confirmEmail', err('confirmEmailMissing'));
  else if (!errors.byField.newEmail && normaliseEmail(values.confirmEmail) !== newEmail) addError(errors, ctx, 'confirmEmail', err('confirmEmailDiffers'));
  if (!password) addError(errors, ctx, 'currentPassword', err('passwordMissing'));
  else if (!(await isCurrentPassword(ctx, account, password))) addError(errors, ctx, 'currentPassword', err('passwordWrong'));
  if (errors.list.length) return show(ctx, values, errors);

  const lang = ctx.state.lang;
  const taken = await findAccountByEmail('professional', newEmail);
  // Only the newest request of this account can be confirmed.
  await replaceLiveSecrets('change-email', account.id);
  if (taken) {
    await queueEmail({ to: newEmail, template: 'my-account.emails.changeEmailInUse', locale: lang, data: contactData(ctx) });
  } else {
    const token = await issueLinkToken({ purpose: 'change-email', email: newEmail, accountId: account.id, payload: { newEmail }, lifetimeMinutes: CHANGE_EMAIL_LINK_HOURS * 60 });
    const actionUrl = `${ctx.state.origin}${PAGE}/confirm/${token}`;
    await queueEmail({ to: newEmail, template: 'my-account.emails.changeEmailConfirm', locale: lang, data: { actionUrl, hours: CHANGE_EMAIL_LINK_HOURS } });
  }
  await queueEmail({ to: account.email, template: 'my-account.emails.changeEmailNotice', locale: lang, data: { newEmail, ...contactData(ctx) } });
  await audit('account.email-change-requested', { subjectType: 'account', subjectId: account.id, details: { newEmail, inUse: !!taken } });
  ctx.session!.myAccountEmailChange = newEmail;
  ctx.status = 303;
  ctx.redirect(`${PAGE}/check-your-email`);
}

function linkProblem(ctx: Koa.Context, problem: 'expired' | 'used' | 'unknown' | 'inUse') {
  ctx.status = problem === 'expired' ? 410 : 400;
  renderSection(ctx, 'changeEmail', 'change-email-problem', {
    title: ctx.state.t(`my-account.changeEmail.problems.${problem}.title`),
    problem,
    hours: CHANGE_EMAIL_LINK_HOURS,
  });
}

/** The link from the new address: the change happens now, and every other session ends. */
async function confirmChange(ctx: Koa.Context) {
  const account = ctx.state.account!;
  const result = await useLinkToken('change-email', linkParams.parse(ctx.params).token);
  if (!result.ok) return linkProblem(ctx, result.problem);
  const newEmail = typeof result.secret.payload.newEmail === 'string' ? result.secret.payload.newEmail : '';
  if (result.secret.account_id !== account.id || !newEmail) return linkProblem(ctx, 'unknown');
  if (await findAccountByEmail('professional', newEmail)) return linkProblem(ctx, 'inUse');
  const now = new Date();
  await updateAccount(account.id, { email: newEmail, email_confirmed_at: now, sessions_valid_after: now });
  await audit('account.email-changed', { subjectType: 'account', subjectId: account.id, details: { from: account.email, to: newEmail } });
  await startSignedInSession(ctx, actorOf((await findAccount(account.id))!));
  redirectWithNotice(ctx, PAGE, 'emailChanged');
}

export function changeEmailRoutes(router: Router): void {
  router.get('/email', (ctx) => show(ctx, { newEmail: '', confirmEmail: '' }));
  router.post('/email', requestChange);
  router.get('/email/check-your-email', (ctx) => {
    const newEmail = ctx.session?.myAccountEmailChange;
    if (!newEmail) return ctx.redirect(PAGE);
    renderSection(ctx, 'changeEmail', 'change-email-sent', { title: ctx.state.t('my-account.changeEmail.sent.title'), newEmail, hours: CHANGE_EMAIL_LINK_HOURS });
  });
  router.get('/email/confirm/:token', confirmChange);
}
