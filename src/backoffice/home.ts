import Router from '@koa/router';
import type Koa from 'koa';
import { staff } from '../access/actor.js';
import { staffWith } from '../access/guards.js';
import { can, SERVICE_ROLE } from '../access/policies.js';
import { intakePath, SERVICE_AREAS } from '../tenancy/services.js';
import { localise } from '../i18n/index.js';
import { renderBackoffice } from './page.js';
import { countAwaiting } from '../accounts/verification.js';

/** One entry on the back office home page: a link to an area of work, with how many items wait there. */
export interface BackofficeArea {
  href: string;
  text: string;
  description?: string;
  count?: number;
}

/**
 * Everything a council's staff can open from the back office home, in order.
 * Each entry is present when the council's configuration uses it; later areas
 * (the SEND back office, messages…) add their entries here.
 */
export async function backofficeAreas(ctx: Koa.Context): Promise<BackofficeArea[]> {
  const tenant = ctx.state.tenant!;
  const t = ctx.state.t;
  const areas: BackofficeArea[] = [];
  const actor = staff(ctx);
  if (tenant.registration.backOfficeVerification && can(actor, 'actAs', 'council-admin')) {
    const count = await countAwaiting();
    areas.push({
      href: '/backoffice/registrations',
      text: t('backoffice.home.areas.registrations.text', { count }),
      description: t('backoffice.home.areas.registrations.description'),
      count,
    });
  }
  if (tenant.services.includes('send') && can(actor, 'actAs', 'send-officer')) {
    areas.push(
      { href: '/backoffice/send/children', text: t('backoffice-send.home.children.text'), description: t('backoffice-send.home.children.description') },
      { href: '/backoffice/send/submissions', text: t('backoffice-send.home.submissions.text'), description: t('backoffice-send.home.submissions.description') },
    );
  }
  // Each service with an intake queue the council runs, for staff holding its role.
  for (const area of SERVICE_AREAS.filter((a) => a.intake && tenant.services.includes(a.service))) {
    if (can(actor, 'actAs', SERVICE_ROLE[area.service])) areas.push({ href: intakePath(area), text: t(`backoffice.intake.areas.${area.service}`), description: t(`backoffice.intake.areaDescriptions.${area.service}`) });
  }
  return areas;
}

export function backofficeHomeRoutes(): Router {
  const router = new Router();
  router.get('/backoffice', ...staffWith(), async (ctx) => {
    renderBackoffice(ctx, 'home', { title: ctx.state.t('backoffice.home.title', { council: localise(ctx.state.tenant!.name, ctx.state.lang) }), areas: await backofficeAreas(ctx) });
  });
  return router;
}
