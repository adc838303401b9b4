import Router from '@koa/router';
import type Koa from 'koa';
import type { Tenant } from '../../tenancy/schema.js';
import { codeRoutes } from './code.js';
import { confirmEmailRoutes } from './confirm-email.js';
import { getOneStep, postOneStep } from './one-step.js';
import { seeOther } from './page.js';
import { getSecurity, postSecurity, threeStepRoutes } from './three-step.js';

type Layout = Tenant['registration']['steps'];
const layout = (ctx: Koa.Context): Layout => ctx.state.tenant!.registration.steps;

/**
 * Registration for professionals. The council's `registration.steps` chooses the
 * layout of /register (three steps, or one page); `registration.confirmation`
 * chooses how the email address is confirmed (a link, or a code).
 */
export function registrationRoutes(): Router {
  const router = new Router();

  // Someone already signed in has nothing to register.
  const signedOut: Koa.Middleware = async (ctx, next) => {
    if (ctx.state.actor) return seeOther(ctx, '/');
    await next();
  };
  // Pages of one layout are not found on councils using the other.
  const only: Koa.Middleware = async (ctx, next) => {
    if (layout(ctx) === 'threeStep') await next();
  };

  router.get('/register', signedOut, (ctx) => (layout(ctx) === 'threeStep' ? getSecurity(ctx) : getOneStep(ctx)));
  router.post('/register', signedOut, (ctx) => (layout(ctx) === 'threeStep' ? postSecurity(ctx) : postOneStep(ctx)));
  threeStepRoutes(router, only);
  codeRoutes(router);
  confirmEmailRoutes(router);
  return router;
}
