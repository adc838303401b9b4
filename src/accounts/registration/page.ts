import type Koa from 'koa';
import { hasErrors, noErrors, type FormErrors } from '../../platform/http/forms.js';
import { policyRules } from '../passwords.js';
import type { Step } from './draft.js';

export { seeOther } from '../../platform/http/see-other.js';

const STEPS: Step[] = ['security', 'about', 'work'];

/**
 * Renders a registration page: "Error: " in the title when the form has problems
 * (with status 400), the step indicator for the three-step layout.
 */
export function renderPage(ctx: Koa.Context, page: string, titleKey: string, locals: Record<string, unknown> = {}, errors: FormErrors = noErrors()): void {
  const t = ctx.state.t;
  const title = t(titleKey) as string;
  if (hasErrors(errors)) ctx.status = 400;
  ctx.render(`accounts/registration/${page}`, {
    ...locals,
    title: hasErrors(errors) ? `${t('common.errorPrefix')} ${title}` : title,
    heading: title,
    errors,
  });
}

/** "Security details / About you / Work details", the current one marked for assistive technology. */
export function stepIndicator(ctx: Koa.Context, current: Step) {
  const t = ctx.state.t;
  const index = STEPS.indexOf(current);
  return {
    caption: t('registration.steps.progress', { current: index + 1, total: STEPS.length }),
    steps: STEPS.map((step, i) => ({ text: t(`registration.steps.${step}`), current: step === current, done: i < index })),
  };
}

/** The council's password rules as a checklist the browser script keeps up to date. */
export function passwordChecklist(ctx: Koa.Context) {
  const t = ctx.state.t;
  const policy = ctx.state.tenant!.passwordPolicy;
  return {
    rules: policyRules(policy).map((r) => ({ ...r, text: t(`registration.rules.${r.rule}`, { count: r.count, max: r.max }) })),
    metText: t('registration.checklist.met'),
    notMetText: t('registration.checklist.notMet'),
    summaryText: t('registration.checklist.summary', { met: '{met}', total: '{total}' }),
  };
}

/** Post/Redirect/Get: 303 See Other. */
