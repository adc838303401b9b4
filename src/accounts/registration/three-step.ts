import type Router from '@koa/router';
import type Koa from 'koa';
import { z } from 'zod';
import { hasErrors, noErrors, addError, rawText, readForm, text, type FormErrors } from '../../platform/http/forms.js';
import { normaliseEmail } from '../queries/accounts.js';
import { hashPassword, verifyPassword } from '../passwords.js';
import { getDraft, hasCompleted, markCompleted, saveDraft, type RegistrationDraft } from './draft.js';
import { passwordChecklist, renderPage, seeOther, stepIndicator } from './page.js';
import { checkEmail, checkNewPassword, checkText } from './validation.js';
import { workDetailsRoutes } from './work-details.js';

/** Steps 1 and 2 of the three-step layout (security details, about you); step 3 is in work-details.ts. */

export const GENDERS = ['female', 'male', 'another', 'notSay'] as const;

/** Step 1 as posted: email addresses trimmed, passwords exactly as typed (spaces are part of them). */
const securityInput = z.object({ email: text(), emailConfirm: text(), password: rawText(), passwordConfirm: rawText() });
/** Step 2 as posted, and the button pressed. */
const aboutInput = z.object({ title: text(), forename: text(), surname: text(), gender: text(), action: text() });

function renderSecurity(ctx: Koa.Context, draft: RegistrationDraft, values: Record<string, string>, errors = noErrors(), passwordErrors: string[] = []) {
  renderPage(
    ctx,
    'security-details',
    'registration.steps.security',
    { progress: stepIndicator(ctx, 'security'), values, passwordErrors, passwordChecklist: passwordChecklist(ctx), keepPassword: Boolean(draft.passwordHash) },
    errors,
  );
}

/** Whether a kept password hash is of the email address itself (the policy may forbid that). */
async function keptPasswordIsEmail(draft: RegistrationDraft, email: string): Promise<boolean> {
  if (!draft.passwordHash) return false;
  return (await verifyPassword(draft.passwordHash, email)) || (await verifyPassword(draft.passwordHash, normaliseEmail(email)));
}

/** Step 1 posted: checks everything, then keeps only the password's hash. */
export async function postSecurity(ctx: Koa.Context) {
  const tenant = ctx.state.tenant!;
  const draft = getDraft(ctx);
  const { password, passwordConfirm: confirm, ...values } = readForm(ctx, securityInput);
  const errors = noErrors();
  checkEmail(ctx, errors, values.email);
  if (!values.emailConfirm) addError(errors, ctx, 'emailConfirm', 'registration.errors.emailConfirmMissing');
  else if (!errors.byField.email && normaliseEmail(values.emailConfirm) !== normaliseEmail(values.email)) addError(errors, ctx, 'emailConfirm', 'registration.errors.emailMismatch');

  // Back from a later step with nothing typed: keep the password chosen before.
  const keep = Boolean(draft.passwordHash) && !password && !confirm;
  let passwordErrors: string[] = [];
  if (keep) {
    if (tenant.passwordPolicy.notEqualToEmail && (await keptPasswordIsEmail(draft, values.email))) {
      passwordErrors = [ctx.state.t('registration.errors.rule.notEmail') as string];
      errors.list.push({ href: '#password', text: passwordErrors[0]! });
      errors.byField.password = passwordErrors[0]!;
    }
  } else {
    passwordErrors = checkNewPassword(ctx, errors, tenant, password, confirm, values.email);
  }
  if (hasErrors(errors)) return renderSecurity(ctx, draft, values, errors, passwordErrors);

  const passwordHash = keep ? draft.passwordHash : await hashPassword(password);
  saveDraft(ctx, markCompleted({ ...draft, email: normaliseEmail(values.email), emailConfirm: normaliseEmail(values.emailConfirm), passwordHash }, 'security'));
  seeOther(ctx, '/register/about-you');
}

function renderAbout(ctx: Koa.Context, values: Record<string, string | undefined>, errors: FormErrors = noErrors()) {
  const t = ctx.state.t;
  renderPage(
    ctx,
    'about-you',
    'registration.steps.about',
    { progress: stepIndicator(ctx, 'about'), values, genderOptions: GENDERS.map((value) => ({ value, text: t(`registration.about.genders.${value}`) })) },
    errors,
  );
}

async function postAbout(ctx: Koa.Context) {
  const draft = getDraft(ctx);
  const { action, ...values } = readForm(ctx, aboutInput);
  if (action === 'previous') {
    // Going back keeps what was typed, checked or not.
    saveDraft(ctx, { ...draft, ...values });
    return seeOther(ctx, '/register');
  }
  const errors = noErrors();
  checkText(ctx, errors, 'title', values.title, 35);
  checkText(ctx, errors, 'forename', values.forename, 100);
  checkText(ctx, errors, 'surname', values.surname, 100);
  if (!(GENDERS as readonly string[]).includes(values.gender)) addError(errors, ctx, 'gender', 'registration.errors.genderMissing');
  if (hasErrors(errors)) return renderAbout(ctx, values, errors);
  saveDraft(ctx, markCompleted({ ...draft, ...values }, 'about'));
  seeOther(ctx, '/register/work-details');
}

/** Each step opens only once the steps before it are done; otherwise back to the first step not done. */
function requireSteps(...steps: ('security' | 'about')[]): Koa.Middleware {
  return async (ctx, next) => {
    const draft = getDraft(ctx);
    if (hasCompleted(draft, ...steps)) return next();
    seeOther(ctx, hasCompleted(draft, 'security') ? '/register/about-you' : '/register');
  };
}

/** Step 1, at /register for councils with the three-step layout (routes.ts chooses). */
export function getSecurity(ctx: Koa.Context) {
  const draft = getDraft(ctx);
  renderSecurity(ctx, draft, { email: draft.email ?? '', emailConfirm: draft.emailConfirm ?? '' });
}

/** Steps 2 and 3; `only` lets them answer only for councils using this layout. */
export function threeStepRoutes(router: Router, only: Koa.Middleware): void {
  router.get('/register/about-you', only, requireSteps('security'), (ctx) => {
    const draft = getDraft(ctx);
    renderAbout(ctx, { title: draft.title, forename: draft.forename, surname: draft.surname, gender: draft.gender });
  });
  router.post('/register/about-you', only, requireSteps('security'), postAbout);
  workDetailsRoutes(router, only, requireSteps('security', 'about'));
}
