import type Koa from 'koa';

/**
 * Who is asking. Set once per request from the session (src/access/load-actor.ts);
 * a plain value with what guards, policies and page headers need, never an
 * account row (no password hash travels with it).
 */

export const STAFF_ROLES = ['council-admin', 'send-officer', 'social-care-intake', 'early-help-intake'] as const;
/** What a council's staff member may do in the back office; policies check these. */
export type StaffRole = (typeof STAFF_ROLES)[number];
export const isStaffRole = (value: unknown): value is StaffRole => STAFF_ROLES.some((role) => role === value);

export type AccountStatus = 'unconfirmed' | 'awaiting_verification' | 'active' | 'rejected' | 'closed';

interface Person {
  id: string;
  email: string;
  title: string | null;
  forename: string;
  surname: string;
  status: AccountStatus;
}

export interface Professional extends Person {
  kind: 'professional';
  /** The person chose the emailed code as a second sign-in step. */
  twoStep: boolean;
}

export interface Staff extends Person {
  kind: 'staff';
  roles: StaffRole[];
}

export type SignedIn = Professional | Staff;
export type ActorKind = SignedIn['kind'];

declare module 'koa' {
  interface DefaultState {
    /** The signed-in professional or staff member, when there is one. */
    actor?: SignedIn;
  }
}

export const fullName = (person: Pick<Person, 'forename' | 'surname'>) => `${person.forename} ${person.surname}`;

/** The signed-in professional (guards have run): throws when there is none, which a guard prevents. */
export function professional(ctx: Koa.Context): Professional {
  const actor = ctx.state.actor;
  if (actor?.kind !== 'professional') throw new Error('No signed-in professional: the route needs a professional guard');
  return actor;
}

/** The signed-in staff member (guards have run). */
export function staff(ctx: Koa.Context): Staff {
  const actor = ctx.state.actor;
  if (actor?.kind !== 'staff') throw new Error('No signed-in staff member: the route needs a staff guard');
  return actor;
}
