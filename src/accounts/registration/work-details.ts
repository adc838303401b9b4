import type Router from '@koa/router';
import type Koa from 'koa';
import { z } from 'zod';
import { addError, hasErrors, noErrors, readForm, text, type FormErrors } from '../../platform/http/forms.js';
import { countAttempt } from '../../platform/rate-limit.js';
import { roleSuggestions, roleToSave } from '../../tenancy/roles.js';
import { LIMITS } from '../limits.js';
import { getDraft, saveDraft, type WorkDraft } from './draft.js';
import { renderPage, seeOther, stepIndicator } from './page.js';
import { submitRegistration } from './submit.js';
import { isUkMobile, isUkPhone } from '../phone-numbers.js';
import { addressInput, addressLocals, checkAddress, findAddressAction, readAddress, switchMode } from './work-address.js';

/** Step 3 of the three-step layout: role, organisation, work address and phones; then "Submit registration". */

/** Step 3 as posted (every field trimmed), and the button pressed. */
const workInput = addressInput.extend({ role: text(), organisation: text(), mobile: text(), workPhone: text(), action: text() });

function readWork(input: z.infer<typeof workInput>): WorkDraft {
  return { role: input.role, organisation: input.organisation, mobile: input.mobile, workPhone: input.workPhone, ...readAddress(input) };
}

async function renderWork(ctx: Koa.Context, work: WorkDraft, errors: FormErrors = noErrors()) {
  const tenant = ctx.state.tenant!;
  renderPage(
    ctx,
    'work-details',
    'registration.steps.work',
    { progress: stepIndicator(ctx, 'work'), values: work, address: await addressLocals(ctx, work), roles: roleSuggestions(tenant, ctx.state.lang) },
    errors,
  );
}

function checkWork(ctx: Koa.Context, errors: FormErrors, work: WorkDraft): void {
  if (!work.role) addError(errors, ctx, 'role', 'registration.errors.roleMissing');
  else if (work.role.length > 200) addError(errors, ctx, 'role', 'registration.errors.roleTooLong');
  if (!work.organisation) addError(errors, ctx, 'organisation', 'registration.errors.organisationMissing');
  else if (work.organisation.length > 200) addError(errors, ctx, 'organisation', 'registration.errors.organisationTooLong');
}

function checkPhones(ctx: Koa.Context, errors: FormErrors, work: WorkDraft): void {
  if (work.mobile && !isUkMobile(work.mobile)) addError(errors, ctx, 'mobile', 'registration.errors.mobileFormat');
  if (work.workPhone && !isUkPhone(work.workPhone)) addError(errors, ctx, 'workPhone', 'registration.errors.workPhoneFormat');
}

async function postWork(ctx: Koa.Context) {
  const draft = getDraft(ctx);
  const input = readForm(ctx, workInput);
  const action = input.action;
  let work = readWork(input);
  const errors = noErrors();

  if (action === 'previous') {
    saveDraft(ctx, { ...draft, work });
    return seeOther(ctx, '/register/about-you');
  }
  if (action === 'find-address') {
    work = { ...work, ...(await findAddressAction(ctx, errors, work)) };
  } else if (action === 'manual-address' || action === 'find-mode') {
    const mode = action === 'manual-address' ? 'manual' : 'find';
    work = { ...work, ...switchMode(work, draft.work?.manual, mode) };
  } else {
    // "Submit registration": every attempt counts against the limit for this address.
    await countAttempt('registration', [[LIMITS.registerPerAddress, ctx.ip]]);
    checkWork(ctx, errors, work);
    const checked = await checkAddress(ctx, errors, work);
    work = { ...work, ...checked.draft };
    checkPhones(ctx, errors, work);
    if (!hasErrors(errors) && checked.address) {
      return submitRegistration(ctx, { ...draft, work }, {
        role: roleToSave(ctx.state.tenant!, work.role!),
        organisation: work.organisation!,
        address: checked.address,
        mobile: work.mobile || null,
        workPhone: work.workPhone || null,
      });
    }
  }
  // Whatever was typed stays in this person's session, so Previous and Next keep it.
  saveDraft(ctx, { ...draft, work });
  await renderWork(ctx, work, errors);
}

export function workDetailsRoutes(router: Router, only: Koa.Middleware, ready: Koa.Middleware): void {
  router.get('/register/work-details', only, ready, async (ctx) => {
    await renderWork(ctx, getDraft(ctx).work ?? {});
  });
  router.post('/register/work-details', only, ready, postWork);
}
