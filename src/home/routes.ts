import Router from '@koa/router';
import type Koa from 'koa';
import { fullName } from '../access/actor.js';
import { can } from '../access/policies.js';
import { unreadCount } from '../messages/inbox.js';
import { SERVICE_AREAS } from '../tenancy/services.js';
import { signedOutHomeView } from './signed-out-view.js';

/** The council's signed-out home page: welcome, who the portal is for, what you can do, sign in and register. */
function signedOut(ctx: Koa.Context) {
  ctx.render('home/signed-out', signedOutHomeView(ctx.state.tenant!, ctx.state.lang, ctx.state.t));
}

/** Signed in: a tile per service the council runs, plus Messages with the unread count. */
async function signedIn(ctx: Koa.Context) {
  const tenant = ctx.state.tenant!;
  const actor = ctx.state.actor!;
  const waiting = actor.status === 'awaiting_verification';
  const twoStep = actor.kind === 'professional' && actor.twoStep;
  const offerTwoStep = !twoStep && tenant.signIn.secondStep !== 'always' && tenant.signIn.secondStep !== 'off';
  const services = can(actor, 'useServices') ? SERVICE_AREAS.filter((s) => tenant.services.includes(s.service)) : [];
  ctx.render('home/signed-in', {
    title: ctx.state.t('home.title'),
    name: fullName(actor),
    waiting,
    offerTwoStep,
    services: services.map((s) => ({ href: s.path, titleKey: `${s.key}.title`, descriptionKey: `${s.key}.description` })),
    unread: waiting ? 0 : await unreadCount(actor.id),
  });
}

export function homeRoutes(): Router {
  const router = new Router();
  router.get('/', (ctx) => (ctx.state.actor?.kind === 'professional' ? signedIn(ctx) : signedOut(ctx)));
  return router;
}
