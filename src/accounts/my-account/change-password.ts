import type Router from '@koa/router';
import type Koa from 'koa';
import { audit } from '../../platform/audit.js';
import { z } from 'zod';
import { addError, noErrors, rawText, readForm, type FormErrors } from '../../platform/http/forms.js';
import { queueEmail } from '../../platform/mail/outbox.js';
import { findAccount, updateAccount } from '../queries/accounts.js';
import { brokenRules, hashPassword, policyRules } from '../passwords.js';
import { startSignedInSession } from '../../access/sign-in-session.js';
import { actorOf } from '../session-account.js';
import { isCurrentPassword } from './current-password.js';
import { redirectWithNotice, renderSection } from './sections.js';

const PAGE = '/my-account/password';
const err = (name: string) => `my-account.changePassword.errors.${name}`;
/** The three passwords, exactly as typed (never trimmed). */
const passwordsInput = z.object({ currentPassword: rawText(), newPassword: rawText(), confirmPassword: rawText() });

/** The council's rules, each as a sentence for the checklist (and its numbers for the browser script). */
function checklist(ctx: Koa.Context) {
  const policy = ctx.state.tenant!.passwordPolicy;
  return policyRules(policy).map((r) => ({ ...r, text: ctx.state.t(`my-account.passwordRules.${r.rule}`, { count: r.count, max: r.max }) }));
}

function show(ctx: Koa.Context, errors: FormErrors = noErrors(), newPasswordMessages: string[] = []) {
  renderSection(ctx, 'changePassword', 'change-password', { errors, rules: checklist(ctx), newPasswordMessages });
}

/**
 * Current password, new password (one message for every rule it breaks) and
 * confirmation. On success every other session ends and this one carries on.
 */
async function changePassword(ctx: Koa.Context) {
  const account = ctx.state.account!;
  const { currentPassword: current, newPassword: password, confirmPassword: confirm } = readForm(ctx, passwordsInput);
  const policy = ctx.state.tenant!.passwordPolicy;
  const errors = noErrors();

  if (!current) addError(errors, ctx, 'currentPassword', err('currentMissing'));
  else if (!(await isCurrentPassword(ctx, account, current))) addError(errors, ctx, 'currentPassword', err('currentWrong'));

  const newPasswordMessages: string[] = [];
  const problem = (key: string, values: Record<string, unknown> = {}) => {
    const text = ctx.state.t(key, values) as string;
    newPasswordMessages.push(text);
    errors.list.push({ href: '#newPassword', text });
    errors.byField.newPassword ??= text;
  };
  if (!password) problem(err('newMissing'));
  else {
    for (const rule of brokenRules(policy, password, account.email)) {
      const spec = policyRules(policy).find((r) => r.rule === rule)!;
      problem(`my-account.passwordErrors.${rule}`, { count: spec.count, max: spec.max });
    }
    if (!newPasswordMessages.length && current && password === current) problem(err('newSameAsCurrent'));
  }
  if (!newPasswordMessages.length) {
    if (!confirm) addError(errors, ctx, 'confirmPassword', err('confirmMissing'));
    else if (confirm !== password) addError(errors, ctx, 'confirmPassword', err('confirmDiffers'));
  }
  if (errors.list.length) return show(ctx, errors, newPasswordMessages);

  await updateAccount(account.id, { password_hash: await hashPassword(password), sessions_valid_after: new Date() });
  await audit('account.password-changed', { subjectType: 'account', subjectId: account.id });
  await queueEmail({ to: account.email, template: 'my-account.emails.passwordChanged', locale: ctx.state.lang, data: { contactEmail: ctx.state.tenant!.contact.email } });
  // Every other session is now older than sessions_valid_after; this one starts again.
  await startSignedInSession(ctx, actorOf((await findAccount(account.id))!));
  redirectWithNotice(ctx, PAGE, 'passwordChanged');
}

export function changePasswordRoutes(router: Router): void {
  router.get('/password', (ctx) => show(ctx));
  router.post('/password', changePassword);
}
