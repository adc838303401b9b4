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
import { z } from 'zod';
import { addError, noErrors, parseForm, rawText, readForm, text, type FormErrors } from '../../platform/http/forms.js';
import { countAttempt } from '../../platform/rate-limit.js';
import { LIMITS } from '../limits.js';
import { issueCode, MAX_CODE_ATTEMPTS, useCode } from '../queries/email-secrets.js';
import type { Account } from '../queries/accounts.js';
import { needsSecondStep } from '../sign-in/second-step.js';

const CODE_PAGE = '/my-account/close-account/code';
/** The current password, exactly as typed (never trimmed). */
const passwordInput = z.object({ currentPassword: rawText() });
/** The emailed code: six digits, spaces allowed. */
const codeForm = z.object({ code: text(z.string().refine((code) => /^\d{6}$/.test(code.replace(/\s+/g, '')), 'my-account.closeAccount.code.errors.format')) });

function show(ctx: Koa.Context, errors: FormErrors = noErrors()) {
  const pending = ctx.session?.myAccountCircumstances;
  renderSection(ctx, 'circumstances', 'close-account', {
    title: ctx.state.t('my-account.closeAccount.title'),
    pending: pending ? { change: ctx.state.t(`my-account.circumstances.changes.${pending.change}`), details: pending.details } : undefined,
    contactTeam: localise(ctx.state.tenant!.contact.team, ctx.state.lang),
    codeNext: needsSecondStep(ctx, ctx.state.account!),
    errors,
  });
}

/** The emailed code's page: the code is still to come, within the council's code lifetime. */
function closing(ctx: Koa.Context): boolean {
  const started = ctx.session?.myAccountClosing?.startedAt;
  return !!started && Date.now() - started < ctx.state.tenant!.signIn.codeLifetimeMinutes * 60_000;
}

function showCode(ctx: Koa.Context, errors: FormErrors = noErrors()) {
  renderSection(ctx, 'circumstances', 'close-account-code', {
    title: ctx.state.t('my-account.closeAccount.code.title'),
    minutes: ctx.state.tenant!.signIn.codeLifetimeMinutes,
    maxAttempts: MAX_CODE_ATTEMPTS,
    errors,
  });
}

/**
 * Closing, once the current password is given (someone at an unlocked computer
 * cannot close it) and, where the account signs in with an emailed code, that
 * code too (someone who knows the password but not the mailbox cannot either).
 */
async function confirmPassword(ctx: Koa.Context) {
  const account = ctx.state.account!;
  const { currentPassword: password } = readForm(ctx, passwordInput);
  const errors = noErrors();
  if (!password) addError(errors, ctx, 'currentPassword', 'my-account.closeAccount.errors.passwordMissing');
  else if (!(await isCurrentPassword(ctx, account, password))) addError(errors, ctx, 'currentPassword', 'my-account.closeAccount.errors.passwordWrong');
  if (errors.list.length) return show(ctx, errors);
  if (!needsSecondStep(ctx, account)) return close(ctx, account);
  const minutes = ctx.state.tenant!.signIn.codeLifetimeMinutes;
  const code = await issueCode({ purpose: 'close-account', email: account.email, accountId: account.id, lifetimeMinutes: minutes });
  await queueEmail({ to: account.email, template: 'my-account.emails.closeAccountCode', locale: ctx.state.lang, data: { code, minutes } });
  await audit('account.close-code-sent', { subjectType: 'account', subjectId: account.id });
  ctx.session!.myAccountClosing = { startedAt: Date.now() };
  ctx.status = 303;
  ctx.redirect(CODE_PAGE);
}

async function confirmCode(ctx: Koa.Context) {
  const account = ctx.state.account!;
  if (!closing(ctx)) return ctx.redirect('/my-account/close-account');
  await countAttempt('account.close-code', [[{ ...LIMITS.codePerAccount, bucket: 'close-account-code:account' }, account.id]]);
  const { data, errors } = parseForm(ctx, codeForm);
  if (!data) return showCode(ctx, errors);
  const { code } = data;
  const result = await useCode('close-account', account.email, code);
  if (!result.ok) {
    await audit('account.close-code-failed', { subjectType: 'account', subjectId: account.id, details: { problem: result.problem } });
    const key = result.problem === 'wrong' ? 'wrong' : 'expired';
    return showCode(ctx, addError(noErrors(), ctx, 'code', `my-account.closeAccount.code.errors.${key}`, { count: result.attemptsLeft ?? 0 }));
  }
  ctx.session!.myAccountClosing = undefined;
  await close(ctx, account);
}

/** The council is told, the account is closed, every session ends and the person is emailed. */
async function close(ctx: Koa.Context, account: Account) {
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
  router.post('/close-account', confirmPassword);
  router.get('/close-account/code', (ctx) => (closing(ctx) ? showCode(ctx) : ctx.redirect('/my-account/close-account')));
  router.post('/close-account/code', confirmCode);
}
