import Router from '@koa/router';
import type Koa from 'koa';
import { localise } from '../i18n/index.js';
import { SERVICE_AREAS } from '../send/service-areas.js';
import { unreadCount } from '../messages/inbox.js';

/** The council's signed-out home page: welcome, who the portal is for, what you can do, sign in and register. */
function signedOut(ctx: Koa.Context) {
  const tenant = ctx.state.tenant!;
  const lang = ctx.state.lang;
  ctx.render('home/signed-out', {
    title: ctx.state.t('home.title'),
    welcome: localise(tenant.home.welcome, lang),
    intro: localise(tenant.home.intro, lang),
    audienceHeading: localise(tenant.home.audienceHeading, lang),
    audience: tenant.home.audience.map((a) => localise(a, lang)),
    canDoHeading: localise(tenant.home.canDoHeading, lang),
    canDo: tenant.home.canDo.map((a) => localise(a, lang)),
    contactTeam: localise(tenant.contact.team, lang),
  });
}

/** Signed in: a tile per service the council runs, plus Messages with the unread count. */
async function signedIn(ctx: Koa.Context) {
  const tenant = ctx.state.tenant!;
  const account = ctx.state.account!;
  const waiting = account.status === 'awaiting_verification';
  const offerTwoStep = account.two_step === 'none' && tenant.signIn.secondStep !== 'always' && tenant.signIn.secondStep !== 'off';
  ctx.render('home/signed-in', {
    title: ctx.state.t('home.title'),
    name: account.fullName,
    waiting,
    offerTwoStep,
    services: waiting ? [] : SERVICE_AREAS.filter((s) => tenant.services.includes(s.service)),
    unread: waiting ? 0 : await unreadCount(account.id),
  });
}

export function homeRoutes(): Router {
  const router = new Router();
  router.get('/', (ctx) => (ctx.state.account?.kind === 'professional' ? signedIn(ctx) : signedOut(ctx)));
  return router;
}
