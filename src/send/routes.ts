import Router from '@koa/router';
import { SERVICE_AREAS, serviceArea } from './service-areas.js';

/**
 * The service areas (SEND, Social Care, Early Help) of the council's enabled services.
 * Each is for active professionals only, behind the second sign-in step where required.
 */
export function sendRoutes(): Router {
  const router = new Router();
  for (const area of SERVICE_AREAS.filter((a) => !a.ownHome)) {
    router.get(area.path, ...serviceArea(area.service), (ctx) => {
      ctx.render('send/area', { title: ctx.state.t(`${area.key}.title`), area });
    });
  }
  return router;
}
