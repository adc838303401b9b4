import type Koa from 'koa';
import { can, type ResponseSubject } from '../access/policies.js';
import type { Child } from '../people/children.js';
import type { EnabledForm } from '../tenancy/schema.js';
import type { Answers } from './answers.js';
import type { FormDefinition } from './definition.js';
import type { FormResponseRow } from './responses.js';
import type { Subject } from './subjects.js';

/** An edit of a submitted form in progress: why, and since when (kept in the answers under "_edit"). */
export interface EditInProgress {
  reason: string;
  startedAt: string;
}

export const editInProgress = (answers: Answers) => answers._edit as EditInProgress | undefined;

/**
 * The response a form page is about, with the definition it was started with,
 * the council's settings for it, and who it is about: the linked child (a SEND
 * form) and its subjects. Set by ownResponse() (response-scope.ts).
 */
export interface FormScope {
  response: FormResponseRow;
  form: FormDefinition;
  enabled: EnabledForm;
  /** The child picked in Select Person (forms about one child). */
  child?: Child;
  /** Who the form is about (the child, or the people entered on it). */
  subjects: Subject[];
  /** The reason given for an edit of a submitted form, while it is being edited. */
  edit?: EditInProgress;
}

declare module 'koa' {
  interface DefaultState {
    formScope?: FormScope;
  }
}

/** The scope set by ownResponse(). */
export const scopeOf = (ctx: Koa.Context): FormScope => ctx.state.formScope!;

/** A response as the access policies see it. */
export const responseSubject = (scope: Pick<FormScope, 'response' | 'enabled' | 'edit'>): ResponseSubject => ({
  accountId: scope.response.account_id,
  status: scope.response.status,
  editing: !!scope.edit,
  service: scope.enabled.service,
});

/** Whether the professional may change answers now: a draft, or a submitted form with an edit started. */
export const canChange = (ctx: Koa.Context, scope: FormScope) => can(ctx.state.actor, 'changeResponse', responseSubject(scope));
