import type { Middleware } from 'koa';
import { requireAccount } from '../accounts/session-auth.js';
import type { ServiceName } from '../tenancy/schema.js';
import { requireTwoStepForServices } from './two-step-gate.js';

/** The services a council may run, each an area of the portal behind its own tile. */
export interface ServiceArea {
  service: ServiceName;
  path: string;
  /** The area has its own module serving its home page (SEND: Select Person). */
  ownHome?: boolean;
  /** Locale key prefix: `<key>.title`, `<key>.description`. */
  key: string;
}

export const SERVICE_AREAS: ServiceArea[] = [
  { service: 'send', path: '/send', key: 'services.send', ownHome: true },
  { service: 'socialCare', path: '/social-care', key: 'services.socialCare' },
  { service: 'earlyHelp', path: '/early-help', key: 'services.earlyHelp' },
];

/**
 * Everything a service area's page needs before it runs: a signed-in, active
 * professional, a council that runs the service, and the second sign-in step
 * where the council requires it for services.
 */
export function serviceArea(service: ServiceName): Middleware[] {
  return [
    requireAccount('professional'),
    async (ctx, next) => {
      if (!ctx.state.tenant!.services.includes(service) || ctx.state.account!.status !== 'active') ctx.throw(404);
      await next();
    },
    requireTwoStepForServices(),
  ];
}
