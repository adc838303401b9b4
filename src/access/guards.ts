import type Koa from 'koa';
import type { Middleware } from 'koa';
import type { ServiceName } from '../tenancy/schema.js';
import type { ActorKind, StaffRole } from './actor.js';
import { can } from './policies.js';
import { rememberReturnTo } from './sign-in-session.js';

/**
 * The guards every route puts in front of its handler. Each says who may open
 * the page; anything about a particular record is a policy (policies.ts).
 */

/** Pages for signed-in people of `kind`: others are sent to sign in and brought back afterwards. */
export function signedIn(kind: ActorKind = 'professional'): Middleware {
  return async (ctx, next) => {
    if (ctx.state.actor?.kind === kind) return next();
    if (ctx.method === 'GET') rememberReturnTo(ctx, ctx.originalUrl);
    ctx.redirect(kind === 'staff' ? '/backoffice/sign-in' : '/sign-in');
  };
}

/**
 * Service areas hold children's information. Where the council requires the
 * second sign-in step for them, a person without it sees why and how to turn it on.
 */
export function twoStepForServices(): Middleware {
  return async (ctx, next) => {
    const actor = ctx.state.actor;
    if (ctx.state.tenant!.signIn.secondStep === 'requiredForServices' && actor?.kind === 'professional' && !actor.twoStep) {
      ctx.status = 403;
      ctx.render('access/two-step-required', { title: ctx.state.t('services.twoStepRequired.title') });
      return;
    }
    await next();
  };
}

/** A signed-in professional whose account is active (not waiting for the council), past the second step where required. */
export function activeProfessional(): Middleware[] {
  return [
    signedIn('professional'),
    async (ctx, next) => {
      if (!can(ctx.state.actor, 'useServices')) ctx.throw(404);
      await next();
    },
    twoStepForServices(),
  ];
}

/** A service area's page: an active professional, in a council that runs the service. */
export function serviceArea(service: ServiceName): Middleware[] {
  const [first, active, twoStep] = activeProfessional();
  return [
    first!,
    active!,
    async (ctx, next) => {
      if (!ctx.state.tenant!.services.includes(service)) ctx.throw(404);
      await next();
    },
    twoStep!,
  ];
}

/** Back office pages: a signed-in staff member, holding `role` when one is given (403 otherwise). */
export function staffWith(role?: StaffRole): Middleware[] {
  return [
    signedIn('staff'),
    async (ctx, next) => {
      if (role && !can(ctx.state.actor, 'actAs', role)) ctx.throw(403);
      await next();
    },
  ];
}

/** Runs middleware in order, then `last` (for a guard chosen once the record is known, e.g. by its form's service). */
export function runChain(ctx: Koa.Context, chain: Middleware[], last: Koa.Next): Promise<void> {
  const dispatch = async (i: number): Promise<void> => {
    if (i === chain.length) return void (await last());
    await chain[i]!(ctx, () => dispatch(i + 1));
  };
  return dispatch(0);
}
