import Router from '@koa/router';
import type Koa from 'koa';
import { localise } from '../../i18n/index.js';
import { requireAccount } from '../session-auth.js';
import { changeEmailRoutes } from './change-email.js';
import { changePasswordRoutes } from './change-password.js';
import { circumstancesRoutes } from './circumstances.js';
import { closeAccountRoutes } from './close-account.js';
import { personalDetailsRoutes } from './personal-details.js';
import { renderSection, SECTIONS } from './sections.js';
import { offersTwoStepChoice, twoStepRoutes } from './two-step.js';
import { workDetailsRoutes } from './work-details.js';

function overview(ctx: Koa.Context) {
  const account = ctx.state.account!;
  const t = ctx.state.t;
  renderSection(ctx, 'overview', 'overview', {
    title: t('my-account.title'),
    name: [account.title, account.forename, account.surname].filter(Boolean).join(' '),
    awaitingVerification: account.status === 'awaiting_verification',
    contactTeam: localise(ctx.state.tenant!.contact.team, ctx.state.lang),
    offerTwoStep: offersTwoStepChoice(ctx.state.tenant!) && account.two_step === 'none',
    sections: SECTIONS.map((s) => ({ href: s.href, title: t(`my-account.${s.key}.title`), description: t(`my-account.${s.key}.description`) })),
  });
}

/** My Account for professionals: every page needs a signed-in professional. */
export function myAccountRoutes(): Router {
  const router = new Router({ prefix: '/my-account' });
  router.use(requireAccount('professional'));
  router.get('/', overview);
  personalDetailsRoutes(router);
  workDetailsRoutes(router);
  changeEmailRoutes(router);
  changePasswordRoutes(router);
  circumstancesRoutes(router);
  closeAccountRoutes(router);
  twoStepRoutes(router);
  return router;
}
