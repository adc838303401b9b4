import type Koa from 'koa';
import { z } from 'zod';
import { hasErrors, noErrors, rawText, readForm, text } from '../../platform/http/forms.js';
import { normaliseEmail } from '../queries/accounts.js';
import { hashPassword } from '../passwords.js';
import { countAttempt } from '../../platform/rate-limit.js';
import { LIMITS } from '../limits.js';
import { getDraft, saveDraft } from './draft.js';
import { passwordChecklist, renderPage } from './page.js';
import { submitRegistration } from './submit.js';
import { checkEmail, checkNewPassword, checkText } from './validation.js';

/** The one-page layout at /register: names, email address and password, then (usually) a code. */

/** The form as posted: names and email trimmed, passwords exactly as typed. */
const input = z.object({ forename: text(), surname: text(), email: text(), password: rawText(), passwordConfirm: rawText() });

function renderOneStep(ctx: Koa.Context, values: Record<string, string | undefined>, errors = noErrors(), passwordErrors: string[] = []) {
  renderPage(ctx, 'one-step', 'registration.oneStep.title', { values, passwordErrors, passwordChecklist: passwordChecklist(ctx) }, errors);
}

export function getOneStep(ctx: Koa.Context) {
  // After "Start again" everything typed is kept except the password.
  const draft = getDraft(ctx);
  renderOneStep(ctx, { forename: draft.forename, surname: draft.surname, email: draft.email });
}

export async function postOneStep(ctx: Koa.Context) {
  // Every attempt counts against the limit for this address, before any work is done.
  await countAttempt('registration', [[LIMITS.registerPerAddress, ctx.ip]]);
  const tenant = ctx.state.tenant!;
  const { password, passwordConfirm: confirm, ...values } = readForm(ctx, input);
  const errors = noErrors();
  checkText(ctx, errors, 'forename', values.forename, 100);
  checkText(ctx, errors, 'surname', values.surname, 100);
  checkEmail(ctx, errors, values.email);
  const passwordErrors = checkNewPassword(ctx, errors, tenant, password, confirm, values.email);
  if (hasErrors(errors)) {
    // Keep the order of the page in the error summary: names, email, then password.
    const order = ['forename', 'surname', 'email', 'password', 'passwordConfirm'];
    errors.list.sort((a, b) => order.indexOf(a.href.slice(1)) - order.indexOf(b.href.slice(1)));
    return renderOneStep(ctx, values, errors, passwordErrors);
  }
  const draft = { ...getDraft(ctx), ...values, email: normaliseEmail(values.email), passwordHash: await hashPassword(password) };
  saveDraft(ctx, draft);
  await submitRegistration(ctx, draft);
}
