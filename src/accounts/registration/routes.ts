import Router from '@koa/router';

// Being built: see the accounts issue.
export function registrationRoutes(): Router {
  return new Router();
}
