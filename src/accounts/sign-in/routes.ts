import Router from '@koa/router';

// Being built: see the accounts issue.
export function signInRoutes(): Router {
  return new Router();
}
