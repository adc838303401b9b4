import Router from '@koa/router';
import { serviceArea } from '../access/guards.js';
import { SERVICE_AREAS } from '../tenancy/services.js';

/**
 * The service areas without a home page of their own yet (Social Care, Early Help).
 * Each is for active professionals only, behind the second sign-in step where required.
 */
export function serviceAreaRoutes(): Router {
  const router = new Router();
  for (const area of SERVICE_AREAS.filter((a) => !a.ownHome)) {
    router.get(area.path, ...serviceArea(area.service), (ctx) => {
      ctx.render('home/area', { title: ctx.state.t(`${area.key}.title`), titleKey: `${area.key}.title`, descriptionKey: `${area.key}.description` });
    });
  }
  return router;
}
