import Router from '@koa/router';

// Being built: see the accounts and SEND issues.
export function sendRoutes(): Router {
  return new Router();
}
