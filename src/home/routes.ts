import Router from '@koa/router';
import { localise } from '../i18n/index.js';

/** The council's signed-out home page: welcome, who the portal is for, what you can do, sign in and register. */
export function homeRoutes(): Router {
  const router = new Router();
  router.get('/', (ctx) => {
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
  });
  return router;
}
