import type Koa from 'koa';
import type { Middleware, Next } from 'koa';
import { requireAccount } from '../accounts/session-auth.js';
import { findChildForProfessional, type Child } from '../people/children.js';
import { serviceArea } from '../send/service-areas.js';
import { requireTwoStepForServices } from '../send/two-step-gate.js';
import type { EnabledForm } from '../tenancy/schema.js';
import type { FormDefinition } from './definition.js';
import { getForm } from './library.js';
import { editInProgress, type EditInProgress } from './answers.js';
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

/** Runs middleware in order, then `last`. */
export function runChain(ctx: Koa.Context, chain: Middleware[], last: Next): Promise<void> {
  const dispatch = async (i: number): Promise<void> => {
    if (i === chain.length) return void (await last());
    await chain[i]!(ctx, () => dispatch(i + 1));
  };
  return dispatch(0);
}

/** A council's form, by id, if the council uses it. */
export function enabledForm(ctx: Koa.Context, formId: unknown): { enabled: EnabledForm; form: FormDefinition } | undefined {
  const enabled = ctx.state.tenant!.forms.find((f) => f.form === formId);
  const form = enabled && getForm(enabled.form);
  return enabled && form ? { enabled, form } : undefined;
}

/** "August Apple": how the forms name a child in sentences. */
export const childName = (child: Pick<Child, 'forename' | 'surname'>) => `${child.forename} ${child.surname}`;

/**
 * Every page of a response: the signed-in professional's own response (404
 * otherwise, whether it belongs to someone else, another council or nobody),
 * of a form the council uses, behind its service area's guard, about a child
 * still linked to the professional.
 */
export function ownResponse(): Middleware[] {
  return [
    requireAccount('professional'),
    requireTwoStepForServices(),
    async (ctx, next) => {
      const account = ctx.state.account!;
      const response = await findOwnResponse(account.id, ctx.params.responseId);
      const found = response && enabledForm(ctx, response.form_id);
      if (!response || !found) return ctx.throw(404);
      await runChain(ctx, serviceArea(found.enabled.service), async () => {
        const child = await findChildForProfessional(account.id, response.child_id);
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
export const canChange = (scope: FormScope) => scope.response.status === 'draft' || !!scope.edit;

/** Post/Redirect/Get: 303 See Other. */
export function seeOther(ctx: Koa.Context, url: string): void {
  ctx.status = 303;
  ctx.redirect(url);
}
