import type Koa from 'koa';
import type { Middleware } from 'koa';
import { professional } from '../access/actor.js';
import { runChain, serviceArea, signedIn, twoStepForServices } from '../access/guards.js';
import { findChildForProfessional, type Child } from '../people/children.js';
import type { EnabledForm } from '../tenancy/schema.js';
import { editInProgress, type FormScope } from './scope.js';
import type { FormDefinition } from './definition.js';
import type { FormDefinitions } from './definitions.js';
import { findOwnResponse, type FormResponseRow } from './responses.js';
import { namesOf, subjectsOf, type Subject } from './subjects.js';
import { listOfNames, type Texts } from './texts.js';

/** The council's settings for a form, if the council uses it. */
export function enabledFor(ctx: Koa.Context, formId: unknown): EnabledForm | undefined {
  return ctx.state.tenant!.forms.find((f) => f.form === formId);
}

/** A council's form, by id, at its latest version (what a new response starts with), if the council uses it. */
export function enabledForm(ctx: Koa.Context, library: FormDefinitions, formId: unknown): { enabled: EnabledForm; form: FormDefinition; version: number } | undefined {
  const enabled = enabledFor(ctx, formId);
  const latest = enabled && library.latest(enabled.form);
  return enabled && latest ? { enabled, form: latest.definition, version: latest.version } : undefined;
}

/** "August Apple": how the forms name a child in sentences. */
export const childName = (child: Pick<Child, 'forename' | 'surname'>) => `${child.forename} ${child.surname}`;

/** Who a form is about, in a sentence: the child, or the children on it ("Amy Smith and Tom Smith"); empty before any name is typed. */
export function aboutName(scope: Pick<FormScope, 'child' | 'subjects'>, texts: Texts): string {
  if (scope.child) return childName(scope.child);
  return listOfNames(namesOf(scope.subjects), texts);
}

/**
 * Every page of a response: the signed-in professional's own response (404
 * otherwise, whether it belongs to someone else, another council or nobody),
 * of a form the council uses, behind its service area's guard; a form about a
 * child only while the child is still linked to the professional.
 */
export function ownResponse(library: FormDefinitions): Middleware[] {
  return [
    signedIn('professional'),
    twoStepForServices(),
    async (ctx, next) => {
      const accountId = professional(ctx).id;
      const response = await findOwnResponse(accountId, ctx.params.responseId);
      const enabled = response && enabledFor(ctx, response.form_id);
      const form = response && enabled ? await library.of(response) : undefined;
      if (!response || !enabled || !form) return ctx.throw(404);
      await runChain(ctx, serviceArea(enabled.service), async () => {
        const child = response.child_id ? await findChildForProfessional(accountId, response.child_id) : undefined;
        if (response.child_id && !child) return ctx.throw(404);
        ctx.state.formScope = { response, form, enabled, child, subjects: await subjectsOf(response.id), edit: editInProgress(response.answers) };
        await next();
      });
    },
  ];
}
