import type Koa from 'koa';
import type { AddressParts } from '../addresses/lookup.js';
import type { NewRegistration } from './submit.js';

/** What a person has typed in the work details step, kept while they move between steps. */
export interface WorkDraft {
  role?: string;
  organisation?: string;
  /** 'find' by postcode (the default) or 'manual' entry. */
  addressMode?: 'find' | 'manual';
  postcode?: string;
  /** The postcode whose addresses are listed to choose from. */
  searched?: string;
  uprn?: string;
  manual?: AddressParts;
  mobile?: string;
  workPhone?: string;
}

/**
 * A registration in progress, under one session key. The password is never
 * kept: only its argon2id hash, made when the security details are valid.
 */
export interface RegistrationDraft {
  email?: string;
  emailConfirm?: string;
  passwordHash?: string;
  title?: string;
  forename?: string;
  surname?: string;
  gender?: string;
  work?: WorkDraft;
  /** Steps answered validly, so later steps can be opened. */
  completed?: Step[];
  /** Once submitted, when the council confirms by code: what becomes the account when the code is entered. */
  pending?: NewRegistration;
  /** Shows "We have sent you a new code" once. */
  codeResent?: boolean;
}

export type Step = 'security' | 'about' | 'work';

interface Session {
  registration?: RegistrationDraft;
}

export function getDraft(ctx: Koa.Context): RegistrationDraft {
  const session = ctx.session as unknown as Session;
  return session.registration ?? {};
}

export function saveDraft(ctx: Koa.Context, draft: RegistrationDraft): void {
  (ctx.session as unknown as Session).registration = draft;
}

export function clearDraft(ctx: Koa.Context): void {
  delete (ctx.session as unknown as Session).registration;
}

export function markCompleted(draft: RegistrationDraft, step: Step): RegistrationDraft {
  return { ...draft, completed: [...new Set([...(draft.completed ?? []), step])] };
}

export const hasCompleted = (draft: RegistrationDraft, ...steps: Step[]) => steps.every((s) => draft.completed?.includes(s));
