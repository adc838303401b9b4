import type Router from '@koa/router';
import type { Middleware } from 'koa';
import { seeOther } from '../platform/http/see-other.js';
import type { FormSteps } from './form-steps.js';
import { formPath, stepPath, viewPath } from './paths.js';
import { canChange, scopeOf } from './scope.js';
import { readStepInput } from './inputs.js';

/** What the step pages are given (forms/routes.ts builds them from the composition root's services). */
export interface StepRouteDeps {
  /** The signed-in professional's own response, behind its service area's guards (response-scope.ts). */
  ownResponse: Middleware[];
  /** The forms engine behind the pages (form-steps.ts). */
  steps: FormSteps;
}

/**
 * A response's step list and steps. Each route: the response (ownResponse),
 * whether it may be changed now (a submitted form opens read only), which step
 * (404 for none, back to the step list while earlier steps are unfinished),
 * then the engine shows or saves it.
 */
export function stepRoutes(router: Router, { ownResponse, steps }: StepRouteDeps): void {
  router.get('/forms/:responseId', ...ownResponse, (ctx) => {
    const scope = scopeOf(ctx);
    if (!canChange(ctx, scope)) return ctx.redirect(viewPath(scope.response.id));
    steps.showOverview(ctx, scope);
  });

  /** "Your form has been saved": until when it is kept, and the way back to it. */
  router.get('/forms/:responseId/saved', ...ownResponse, (ctx) => {
    const scope = scopeOf(ctx);
    if (scope.response.status !== 'draft') return ctx.redirect(formPath(scope.response.id));
    ctx.set('Cache-Control', 'no-store');
    steps.showSaved(ctx, scope);
  });

  /** Continue a saved form (Recover a form): the first step not yet complete. */
  router.get('/forms/:responseId/continue', ...ownResponse, (ctx) => {
    const scope = scopeOf(ctx);
    if (!canChange(ctx, scope)) return ctx.redirect(viewPath(scope.response.id));
    const step = steps.firstUnfinished(scope, ctx.state.lang);
    ctx.redirect(step ? stepPath(scope.response.id, step.id) : formPath(scope.response.id));
  });

  router.get('/forms/:responseId/steps/:stepId', ...ownResponse, async (ctx) => {
    const scope = scopeOf(ctx);
    if (!canChange(ctx, scope)) return ctx.redirect(viewPath(scope.response.id));
    const step = steps.open(scope, ctx.params.stepId!, ctx.state.lang);
    if (!step) return ctx.throw(404);
    if (step === 'wait') return ctx.redirect(formPath(scope.response.id));
    await steps.show(ctx, scope, step);
  });

  /** Save and continue, Save for later, and the buttons that save and come back (Answer for, + Include, Find address, Add, Remove). */
  router.post('/forms/:responseId/steps/:stepId', ...ownResponse, async (ctx) => {
    const scope = scopeOf(ctx);
    if (!canChange(ctx, scope)) return seeOther(ctx, viewPath(scope.response.id));
    const step = steps.open(scope, ctx.params.stepId!, ctx.state.lang);
    if (!step) return ctx.throw(404);
    if (step === 'wait') return seeOther(ctx, formPath(scope.response.id));
    if (step.type === 'summary') return seeOther(ctx, stepPath(scope.response.id, step.id));
    const outcome = await steps.save(ctx, scope, step, readStepInput(ctx.request.body));
    // A page changed by hand (a question, person or field not on this step): nothing is stored.
    if (outcome.kind === 'tampered') return ctx.throw(400, 'This page was changed: a question or person is not on this form', { expose: false });
    if (outcome.kind === 'redirect') seeOther(ctx, outcome.to);
  });

  /** Autosave (forms-autosave.js): what is typed, saved in the background; the step's status is left as it was. */
  router.post('/forms/:responseId/steps/:stepId/autosave', ...ownResponse, async (ctx) => {
    const scope = scopeOf(ctx);
    if (!canChange(ctx, scope)) return ctx.throw(409);
    const step = steps.open(scope, ctx.params.stepId!, ctx.state.lang);
    if (!step) return ctx.throw(404);
    if (step === 'wait' || !(await steps.autosave(scope, step, readStepInput(ctx.request.body).fields))) return ctx.throw(409);
    ctx.status = 204;
  });
}
