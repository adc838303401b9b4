import Router from '@koa/router';

// Being built: see the accounts issue.
export function backofficeRoutes(): Router {
  return new Router();
}
