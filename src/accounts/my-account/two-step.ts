import type Router from '@koa/router';
import type Koa from 'koa';
import { localise } from '../../i18n/index.js';
import { audit } from '../../platform/audit.js';
import { z } from 'zod';
import { noErrors, parseForm, text, type FormErrors } from '../../platform/http/forms.js';
import { queueEmail } from '../../platform/mail/outbox.js';
import type { Tenant } from '../../tenancy/schema.js';
import { updateAccount } from '../queries/accounts.js';
import { signOut } from '../../access/sign-in-session.js';
import { redirectWithNotice, renderSection } from './sections.js';

export const TWO_STEP_METHODS = ['none', 'email'] as const;
/** The method chosen. */
const methodForm = z.object({ method: text(z.enum(TWO_STEP_METHODS, { error: 'my-account.twoStep.errors.methodMissing' })) });
const PAGE = '/my-account/two-step-verification';

/** Whether people choose for themselves: not when the council always asks for a code, or never does. */
export function offersTwoStepChoice(tenant: Tenant): boolean {
  return tenant.signIn.secondStep === 'optional' || tenant.signIn.secondStep === 'requiredForServices';
}

function show(ctx: Koa.Context, method: string, errors: FormErrors = noErrors()) {
  const tenant = ctx.state.tenant!;
  const t = ctx.state.t;
  renderSection(ctx, 'twoStep', 'two-step', {
    errors,
    choice: offersTwoStepChoice(tenant),
    always: tenant.signIn.secondStep === 'always',
    someAreas: tenant.signIn.secondStep === 'requiredForServices',
    councilName: localise(tenant.name, ctx.state.lang),
    method,
    methodOptions: TWO_STEP_METHODS.map((value) => ({ value, text: t(`my-account.twoStep.methods.${value}`) })),
  });
}

/**
 * Saving a new preference ends every session of the account, this one too:
 * the person signs in again, with a code if they chose one.
 */
async function save(ctx: Koa.Context) {
  const account = ctx.state.account!;
  if (!offersTwoStepChoice(ctx.state.tenant!)) return ctx.redirect(PAGE);
  const { data, errors } = parseForm(ctx, methodForm);
  if (!data) return show(ctx, account.two_step, errors);
  const { method } = data;
  if (method === account.two_step) return redirectWithNotice(ctx, PAGE, 'twoStepUnchanged');
  await updateAccount(account.id, { two_step: method, sessions_valid_after: new Date() });
  await audit('account.two-step-changed', { subjectType: 'account', subjectId: account.id, details: { from: account.two_step, to: method } });
  await queueEmail({
    to: account.email,
    template: method === 'email' ? 'my-account.emails.twoStepOn' : 'my-account.emails.twoStepOff',
    locale: ctx.state.lang,
    data: { contactEmail: ctx.state.tenant!.contact.email },
  });
  await signOut(ctx);
  ctx.status = 303;
  ctx.redirect('/sign-in?twoStepSaved=1');
}

export function twoStepRoutes(router: Router): void {
  router.get('/two-step-verification', (ctx) => show(ctx, ctx.state.account!.two_step));
  router.post('/two-step-verification', save);
}
