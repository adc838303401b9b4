import type { UploadDeps } from '../../uploads/service.js';
import Router from '@koa/router';
import type { FormDefinitions } from '../../forms/definitions.js';
import { adviceRoutes } from './advice-routes.js';
import { childRoutes } from './child-routes.js';
import { childrenRoutes } from './children-routes.js';
import { councilDocumentRoutes } from './document-routes.js';
import { stageRoutes } from './stage-routes.js';
import { submissionRoutes } from './submission-routes.js';

/**
 * The council's SEND back office at /backoffice/send: children and young people
 * (search, create, their page, linked professionals and the documents shared about them), stage and key dates,
 * advice requests, and submitted forms with their PDF and JSON.
 */
export function sendBackofficeRoutes(deps: { library: FormDefinitions } & UploadDeps): Router {
  const router = new Router();
  childrenRoutes(router);
  childRoutes(router, deps);
  councilDocumentRoutes(router, deps);
  stageRoutes(router);
  adviceRoutes(router, deps);
  submissionRoutes(router, deps);
  return router;
}
