import type { UploadDeps } from '../uploads/service.js';
import Router from '@koa/router';
import type { FormDefinitions } from '../forms/definitions.js';
import { backofficeHomeRoutes } from './home.js';
import { registrationQueueRoutes } from './registration-routes.js';
import { sendBackofficeRoutes } from './send/routes.js';
import { intakeRoutes } from './intake/routes.js';

/** The council staff console at /backoffice on each council's host (staff sign-in is the accounts domain's). */
export function backofficeRoutes(deps: { library: FormDefinitions } & UploadDeps): Router {
  const router = new Router();
  for (const part of [backofficeHomeRoutes(), registrationQueueRoutes(), sendBackofficeRoutes(deps), intakeRoutes(deps)]) {
    router.use(part.routes(), part.allowedMethods());
  }
  return router;
}
