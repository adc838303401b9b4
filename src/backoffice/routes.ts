import Router from '@koa/router';
import { backofficeHomeRoutes } from './home.js';
import { registrationQueueRoutes } from './registration-routes.js';
import { staffSignInRoutes } from './sign-in-routes.js';
import { sendBackofficeRoutes } from './send/routes.js';

/** The council staff console at /backoffice on each council's host. */
export function backofficeRoutes(): Router {
  const router = new Router();
  for (const part of [staffSignInRoutes(), backofficeHomeRoutes(), registrationQueueRoutes(), sendBackofficeRoutes()]) {
    router.use(part.routes(), part.allowedMethods());
  }
  return router;
}
