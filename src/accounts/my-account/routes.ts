import Router from '@koa/router';
import type Koa from 'koa';
import { localise } from '../../i18n/index.js';
import { professional } from '../../access/actor.js';
import { signedIn } from '../../access/guards.js';
import { findAccount, type Account } from '../queries/accounts.js';
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
    // Recover a form and Submitted Forms, where the council has forms and the account may use them.
    formLinks: ctx.state.tenant!.forms.length > 0 && account.status === 'active',
    sections: SECTIONS.map((s) => ({ href: s.href, title: t(`my-account.${s.key}.title`), description: t(`my-account.${s.key}.description`) })),
  });
}

declare module 'koa' {
  interface DefaultState {
    /** My Account pages: the signed-in professional's own account row (never given to a template). */
    account?: Account;
  }
}

/** My Account for professionals: every page needs a signed-in professional; its pages work on their account row. */
export function myAccountRoutes(): Router {
  const router = new Router({ prefix: '/my-account' });
  router.use(signedIn('professional'), async (ctx, next) => {
    ctx.state.account = await findAccount(professional(ctx).id);
    if (!ctx.state.account) return ctx.throw(404);
    await next();
  });
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
