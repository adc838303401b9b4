import Router from '@koa/router';
import { requireAccount } from '../accounts/session-auth.js';
import { SERVICE_AREAS } from './service-areas.js';
import { requireTwoStepForServices } from './two-step-gate.js';

/**
 * The service areas (SEND, Social Care, Early Help) of the council's enabled services.
 * Each is for active professionals only, behind the second sign-in step where required.
 */
export function sendRoutes(): Router {
  const router = new Router();
  for (const area of SERVICE_AREAS) {
    router.get(area.path, requireAccount('professional'), async (ctx, next) => {
      if (!ctx.state.tenant!.services.includes(area.service) || ctx.state.account!.status !== 'active') ctx.throw(404);
      await next();
    }, requireTwoStepForServices(), (ctx) => {
      ctx.render('send/area', { title: ctx.state.t(`${area.key}.title`), area });
    });
  }
  return router;
}
