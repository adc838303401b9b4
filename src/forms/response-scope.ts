import type Koa from 'koa';
import type { Middleware } from 'koa';
import { professional } from '../access/actor.js';
import { runChain, serviceArea, signedIn, twoStepForServices } from '../access/guards.js';
import { can, type ResponseSubject } from '../access/policies.js';
import { findChildForProfessional, type Child } from '../people/children.js';
import type { EnabledForm } from '../tenancy/schema.js';
import { editInProgress, type EditInProgress } from './answers.js';
import type { FormDefinition } from './definition.js';
import type { FormLibrary } from './library.js';
import { findOwnResponse, type FormResponseRow } from './responses.js';

/** The response a form page is about, with its definition, the council's settings for it and the child. */
export interface FormScope {
  response: FormResponseRow;
  form: FormDefinition;
  enabled: EnabledForm;
  child: Child;
  /** The reason given for an edit of a submitted form, while it is being edited. */
  edit?: EditInProgress;
}

declare module 'koa' {
  interface DefaultState {
    formScope?: FormScope;
  }
}

/** A council's form, by id, if the council uses it. */
export function enabledForm(ctx: Koa.Context, library: FormLibrary, formId: unknown): { enabled: EnabledForm; form: FormDefinition } | undefined {
  const enabled = ctx.state.tenant!.forms.find((f) => f.form === formId);
  const form = enabled && library.get(enabled.form);
  return enabled && form ? { enabled, form } : undefined;
}

/** "August Apple": how the forms name a child in sentences. */
export const childName = (child: Pick<Child, 'forename' | 'surname'>) => `${child.forename} ${child.surname}`;

/** A response as the access policies see it. */
export const responseSubject = (scope: Pick<FormScope, 'response' | 'enabled' | 'edit'>): ResponseSubject => ({
  accountId: scope.response.account_id,
  status: scope.response.status,
  editing: !!scope.edit,
  service: scope.enabled.service,
});

/**
 * Every page of a response: the signed-in professional's own response (404
 * otherwise, whether it belongs to someone else, another council or nobody),
 * of a form the council uses, behind its service area's guard, about a child
 * still linked to the professional.
 */
export function ownResponse(library: FormLibrary): Middleware[] {
  return [
    signedIn('professional'),
    twoStepForServices(),
    async (ctx, next) => {
      const accountId = professional(ctx).id;
      const response = await findOwnResponse(accountId, ctx.params.responseId);
      const found = response && enabledForm(ctx, library, response.form_id);
      if (!response || !found) return ctx.throw(404);
      await runChain(ctx, serviceArea(found.enabled.service), async () => {
        const child = await findChildForProfessional(accountId, response.child_id);
        if (!child) return ctx.throw(404);
        ctx.state.formScope = { response, ...found, child, edit: editInProgress(response.answers) };
        await next();
      });
    },
  ];
}

/** The scope set by ownResponse(). */
export const scopeOf = (ctx: Koa.Context): FormScope => ctx.state.formScope!;

/** Whether the professional may change answers now: a draft, or a submitted form with an edit started. */
export const canChange = (ctx: Koa.Context, scope: FormScope) => can(ctx.state.actor, 'changeResponse', responseSubject(scope));

/** Post/Redirect/Get: 303 See Other. */
export function seeOther(ctx: Koa.Context, url: string): void {
  ctx.status = 303;
  ctx.redirect(url);
}
