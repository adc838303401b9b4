import { localise } from '../../i18n/index.js';
import type Router from '@koa/router';
import type Koa from 'koa';
import { audit } from '../../platform/audit.js';
import { z } from 'zod';
import { addError, noErrors, parseForm, text, type FormErrors } from '../../platform/http/forms.js';
import { findAccountByEmail } from '../queries/accounts.js';
import { useCode } from '../queries/email-secrets.js';
import { countAttempt } from '../../platform/rate-limit.js';
import { LIMITS } from '../limits.js';
import { clearDraft, getDraft, saveDraft, type RegistrationDraft } from './draft.js';
import { renderPage, seeOther } from './page.js';
import { createAccount, sendRegistrationCode, type NewRegistration } from './submit.js';
import { codeDigits, isCode } from './validation.js';

/** "Enter your verification code": the account is created only when the emailed code is accepted. */

/** The emailed code: 6 digits, spaces and dashes allowed. */
const codeForm = z.object({ code: text(z.string().min(1, 'registration.errors.codeMissing').refine(isCode, 'registration.errors.codeFormat')) });

function renderCode(ctx: Koa.Context, draft: RegistrationDraft, errors: FormErrors = noErrors()) {
  const tenant = ctx.state.tenant!;
  renderPage(ctx, 'code', 'registration.code.title', { email: draft.pending!.email, minutes: tenant.signIn.codeLifetimeMinutes, resent: draft.codeResent }, errors);
}

/** Pages here need a submitted registration waiting for its code. */
const pending: Koa.Middleware = async (ctx, next) => {
  if (getDraft(ctx).pending) return next();
  seeOther(ctx, '/register');
};

/** The code has expired: start again, keeping everything typed except the password. */
function startAgain(ctx: Koa.Context, draft: RegistrationDraft) {
  const { pending: _pending, passwordHash: _hash, ...kept } = draft;
  saveDraft(ctx, { ...kept, completed: (draft.completed ?? []).filter((s) => s !== 'security') });
  renderPage(ctx, 'code-expired', 'registration.codeExpired.title', { minutes: ctx.state.tenant!.signIn.codeLifetimeMinutes });
}

async function postCode(ctx: Koa.Context) {
  const draft = getDraft(ctx);
  const registration = draft.pending!;
  const { data, errors } = parseForm(ctx, codeForm);
  if (!data) return renderCode(ctx, { ...draft, codeResent: false }, errors);
  const { code } = data;

  await countAttempt('registration.code', [
    [LIMITS.codePerAccount, registration.email],
    [LIMITS.codePerAddress, ctx.ip],
  ]);
  const check = await useCode('register', registration.email, codeDigits(code));
  if (check.ok) {
    const fromCode = check.secret.payload.registration as NewRegistration | undefined;
    const tenant = ctx.state.tenant!;
    // The account is made from what the code was issued for, never from anything posted now.
    const account = fromCode && !(await findAccountByEmail('professional', fromCode.email))
      ? await createAccount(fromCode, tenant.registration.backOfficeVerification ? 'awaiting_verification' : 'active', true)
      : undefined;
    if (account) await audit('registration.completed', { subjectType: 'account', subjectId: account.id, details: { confirmation: 'emailCode' } });
    clearDraft(ctx);
    return seeOther(ctx, '/register/complete');
  }
  await audit(`registration.code-${check.problem === 'expired' ? 'expired' : 'failed'}`, { subjectType: 'email', details: { email: registration.email, problem: check.problem } });
  if (check.problem === 'expired') return startAgain(ctx, draft);
  if (check.problem === 'wrong') addError(errors, ctx, 'code', 'registration.errors.codeWrong', { count: check.attemptsLeft });
  else if (check.problem === 'tooManyAttempts') addError(errors, ctx, 'code', 'registration.errors.codeTooMany');
  else addError(errors, ctx, 'code', 'registration.errors.codeNone');
  renderCode(ctx, { ...draft, codeResent: false }, errors);
}

async function postNewCode(ctx: Koa.Context) {
  const draft = getDraft(ctx);
  const registration = draft.pending!;
  await countAttempt('registration.new-code', [
    [LIMITS.newCodePerAccount, registration.email],
    [LIMITS.codePerAddress, ctx.ip],
  ]);
  await sendRegistrationCode(ctx, registration);
  saveDraft(ctx, { ...draft, codeResent: true });
  seeOther(ctx, '/register/code');
}

export function codeRoutes(router: Router): void {
  router.get('/register/code', pending, (ctx) => {
    const draft = getDraft(ctx);
    // "We have sent a new code" shows once.
    if (draft.codeResent) saveDraft(ctx, { ...draft, codeResent: false });
    renderCode(ctx, draft);
  });
  router.post('/register/code', pending, postCode);
  router.post('/register/code/new', pending, postNewCode);
  router.get('/register/complete', (ctx) => {
    renderPage(ctx, 'complete', 'registration.complete.title', { awaitingVerification: ctx.state.tenant!.registration.backOfficeVerification, afterRegistration: localise(ctx.state.tenant!.registration.afterRegistration, ctx.state.lang) });
  });
}
