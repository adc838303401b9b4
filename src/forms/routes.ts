import Router from '@koa/router';
import type Koa from 'koa';
import { professional } from '../access/actor.js';
import { runChain, serviceArea, signedIn, twoStepForServices } from '../access/guards.js';
import { audit } from '../platform/audit.js';
import { findChildForProfessional } from '../people/children.js';
import type { FormsDeps } from './deps.js';
import { readInput, startInput } from './inputs.js';
import { documentRoutes } from './document-routes.js';
import { enabledForm, ownResponse } from './response-scope.js';
import { seeOther } from '../platform/http/see-other.js';
import { historyRoutes } from './history-routes.js';
import { createDraft, findDraft, responsesForChild, requestsFor } from './responses.js';
import { stepRoutes } from './step-routes.js';
import { formSteps } from './form-steps.js';
import { pdfRoutes } from './pdf-routes.js';
import { myFormsRoutes } from './my-forms-routes.js';
import { setChildSubject } from './subjects.js';
import { startingPeople } from './people.js';
import { submissionRoutes } from './submission-routes.js';
import { formPath } from './paths.js';
import { areaOf } from './areas.js';
import { localise } from '../i18n/index.js';

/**
 * The council's request this professional has not answered yet, for a form
 * they may only start when asked ("onRequest").
 */
export async function openRequestId(accountId: string, childId: string, formId: string): Promise<string | undefined> {
  const requests = await requestsFor(accountId, childId);
  const responses = await responsesForChild(accountId, childId);
  const answered = new Set(responses.map((r) => r.request_id));
  return requests.find((r) => r.form_id === formId && !answered.has(r.id))?.id;
}

/**
 * Start a form. A form about a child (Select Person): one draft at a time per
 * form, child and professional. A form about the people entered on it (or no
 * one): a new draft each time, its people step starting with the blank people
 * the definition asks for. Each starts at the form's latest stored version.
 */
const start = (deps: FormsDeps) => async (ctx: Koa.Context) => {
  const account = professional(ctx);
  const input = readInput(startInput, ctx.request.body);
  const found = enabledForm(ctx, deps.library, input.form);
  if (!found) return ctx.throw(404);
  const draftDays = ctx.state.tenant!.retention.draftDays;
  await runChain(ctx, serviceArea(found.enabled.service), async () => {
    if (found.form.subject !== 'child') {
      if (found.enabled.start === 'onRequest') return ctx.throw(404);
      const people = found.form.steps.find((s) => s.type === 'people');
      const answers = people?.type === 'people' ? { [people.id]: startingPeople(people) } : {};
      const created = await createDraft({ accountId: account.id, formId: found.form.id, formVersion: found.version, draftDays, answers });
      await audit('form.started', { subjectType: 'form_response', subjectId: created.id, details: { formId: found.form.id, formVersion: found.version } });
      return seeOther(ctx, formPath(created.id));
    }
    const child = await findChildForProfessional(account.id, input.child);
    if (!child) return ctx.throw(404);
    const draft = await findDraft(account.id, child.id, found.form.id);
    if (draft) return seeOther(ctx, formPath(draft.id));
    const requestId = await openRequestId(account.id, child.id, found.form.id);
    if (found.enabled.start === 'onRequest' && !requestId) return ctx.throw(404);
    const created = await createDraft({ accountId: account.id, childId: child.id, formId: found.form.id, formVersion: found.version, requestId, draftDays });
    await setChildSubject(created.id, child);
    await audit('form.started', { subjectType: 'form_response', subjectId: created.id, details: { formId: found.form.id, formVersion: found.version, childId: child.id, requestId: requestId ?? null } });
    seeOther(ctx, formPath(created.id));
  });
};

/** The forms engine: start, the step list, each step, autosave, summary and submit, edit with a reason, view. */
export function formRoutes(deps: FormsDeps): Router {
  const router = new Router();
  router.post('/forms/start', signedIn('professional'), twoStepForServices(), start(deps));
  /**
   * A form's own link, to share (the partnership website links to it): someone
   * not signed in goes through sign-in (or registration) and comes back here to Start.
   */
  router.get('/forms/new/:formId', signedIn('professional'), twoStepForServices(), async (ctx) => {
    const found = enabledForm(ctx, deps.library, ctx.params.formId);
    if (!found || found.form.subject === 'child' || found.enabled.start !== 'professional') return ctx.throw(404);
    await runChain(ctx, serviceArea(found.enabled.service), async () => {
      const area = areaOf(found.enabled.service);
      const title = localise(found.form.title, ctx.state.lang);
      ctx.render('forms/start', { title, formId: found.form.id, areaHref: area?.path ?? '/', areaTitle: area ? ctx.state.t(`${area.key}.title`) : '', draftDays: ctx.state.tenant!.retention.draftDays });
    });
  });
  // Before /forms/:responseId, which would take "saved" for an id.
  myFormsRoutes(router, deps);
  const routeDeps = { ...deps, ownResponse: ownResponse(deps.library) };
  stepRoutes(router, { ownResponse: routeDeps.ownResponse, steps: formSteps(deps) });
  submissionRoutes(router, routeDeps);
  historyRoutes(router, routeDeps);
  documentRoutes(router, deps);
  pdfRoutes(router, routeDeps);
  return router;
}
