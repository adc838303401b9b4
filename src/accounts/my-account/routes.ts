import Router from '@koa/router';

// Being built: see the accounts issue.
export function myAccountRoutes(): Router {
  return new Router();
}
