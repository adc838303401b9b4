import type Router from '@koa/router';
import type Koa from 'koa';
import { localise } from '../../i18n/index.js';
import { audit } from '../../platform/audit.js';
import { queueEmail } from '../../platform/mail/outbox.js';
import { updateAccount } from '../queries/accounts.js';
import { signOut } from '../../access/sign-in-session.js';
import { tellCouncil } from './circumstances.js';
import { renderSection } from './sections.js';
import { isCurrentPassword } from './current-password.js';
import { passwordValue } from './form-values.js';
import { addError, noErrors, type FormErrors } from '../../platform/http/forms.js';

function show(ctx: Koa.Context, errors: FormErrors = noErrors()) {
  const pending = ctx.session?.myAccountCircumstances;
  renderSection(ctx, 'circumstances', 'close-account', {
    title: ctx.state.t('my-account.closeAccount.title'),
    pending: pending ? { change: ctx.state.t(`my-account.circumstances.changes.${pending.change}`), details: pending.details } : undefined,
    contactTeam: localise(ctx.state.tenant!.contact.team, ctx.state.lang),
    errors,
  });
}

/**
 * Closing, once the current password is given (someone at an unlocked computer
 * cannot close it): the council is told, the account is closed, every session
 * ends and the person is emailed.
 */
async function closeAccount(ctx: Koa.Context) {
  const account = ctx.state.account!;
  const password = passwordValue(ctx.request.body, 'currentPassword');
  const errors = noErrors();
  if (!password) addError(errors, ctx, 'currentPassword', 'my-account.closeAccount.errors.passwordMissing');
  else if (!(await isCurrentPassword(ctx, account, password))) addError(errors, ctx, 'currentPassword', 'my-account.closeAccount.errors.passwordWrong');
  if (errors.list.length) return show(ctx, errors);
  const circumstances = ctx.session?.myAccountCircumstances;
  await tellCouncil(ctx, account, circumstances, true);
  const now = new Date();
  await updateAccount(account.id, { status: 'closed', closed_at: now, sessions_valid_after: now });
  await audit('account.closed', { subjectType: 'account', subjectId: account.id, details: { change: circumstances?.change ?? null } });
  await queueEmail({
    to: account.email,
    template: 'my-account.emails.accountClosed',
    locale: ctx.state.lang,
    data: { contactTeam: localise(ctx.state.tenant!.contact.team, ctx.state.lang), contactEmail: ctx.state.tenant!.contact.email },
  });
  await signOut(ctx);
  // Signed out, so there is no session to carry a message across a redirect: the page is the answer.
  ctx.render('accounts/my-account/account-closed', {
    title: ctx.state.t('my-account.closeAccount.closed.title'),
    contactTeam: localise(ctx.state.tenant!.contact.team, ctx.state.lang),
    contactEmail: ctx.state.tenant!.contact.email,
  });
}

/** "Close my account" (ticked in Change of circumstances): a page to confirm, then the account is closed. */
export function closeAccountRoutes(router: Router): void {
  router.get('/close-account', (ctx) => show(ctx));
  router.post('/close-account', closeAccount);
}
