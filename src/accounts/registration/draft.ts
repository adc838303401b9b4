import type Koa from 'koa';
import type { RegistrationDraft, RegistrationStep } from '../../access/session.js';

export type { RegistrationDraft, WorkDraft } from '../../access/session.js';
export type Step = RegistrationStep;

export function getDraft(ctx: Koa.Context): RegistrationDraft {
  return ctx.session?.registration ?? {};
}

export function saveDraft(ctx: Koa.Context, draft: RegistrationDraft): void {
  ctx.session!.registration = draft;
}

export function clearDraft(ctx: Koa.Context): void {
  if (ctx.session) delete ctx.session.registration;
}

export function markCompleted(draft: RegistrationDraft, step: Step): RegistrationDraft {
  return { ...draft, completed: [...new Set([...(draft.completed ?? []), step])] };
}

export const hasCompleted = (draft: RegistrationDraft, ...steps: Step[]) => steps.every((s) => draft.completed?.includes(s));
