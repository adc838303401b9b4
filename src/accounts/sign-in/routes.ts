import Router from '@koa/router';
import { z } from 'zod';
import { flag, readForm } from '../../platform/http/forms.js';
import { safeReturnTo, signOut } from '../../access/sign-in-session.js';
import * as code from './code-step.js';
import * as forgotten from './forgotten-password.js';
import { showSignIn, submitSignIn } from './password-step.js';

/** Sign out: where to come back to after signing in again (only a path of this portal), and whether the session timed out. */
const signOutInput = z.object({ returnTo: z.preprocess((value) => safeReturnTo(value), z.string().optional()), timedOut: flag() });

/** Sign in (password, then the emailed code where needed), sign out, forgotten password, keep-alive. */
export function signInRoutes(): Router {
  const router = new Router();
  router.get('/sign-in', showSignIn);
  router.post('/sign-in', submitSignIn);
  router.get('/sign-in/code', code.showCode);
  router.post('/sign-in/code', code.submitCode);
  router.post('/sign-in/code/new', code.newCode);

  router.post('/sign-out', async (ctx) => {
    await signOut(ctx);
    const { returnTo, timedOut } = readForm(ctx, signOutInput);
    ctx.status = 303;
    if (timedOut && returnTo) ctx.redirect(`/sign-in?timedOut=1&returnTo=${encodeURIComponent(returnTo)}`);
    else ctx.redirect('/sign-in?signedOut=1');
  });
  // "Stay signed in" in the idle warning: any request renews the session.
  router.post('/session/keep-alive', (ctx) => {
    ctx.status = ctx.state.actor ? 204 : 401;
  });

  router.get('/forgotten-password', forgotten.showEmail);
  router.post('/forgotten-password', forgotten.submitEmail);
  router.get('/forgotten-password/code', forgotten.showCode);
  router.post('/forgotten-password/code', forgotten.submitCode);
  router.post('/forgotten-password/code/new', forgotten.newCode);
  router.get('/forgotten-password/new-password', forgotten.showPassword);
  router.post('/forgotten-password/new-password', forgotten.submitPassword);
  return router;
}
