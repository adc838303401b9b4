import type Router from '@koa/router';
import { myAccountRoutes } from '../accounts/my-account/routes.js';
import { registrationRoutes } from '../accounts/registration/routes.js';
import { signInRoutes } from '../accounts/sign-in/routes.js';
import { staffSignInRoutes } from '../accounts/staff/sign-in-routes.js';
import { staffInviteRoutes } from '../accounts/staff/invite-routes.js';
import { backofficeRoutes } from '../backoffice/routes.js';
import { devMailboxRoutes } from '../dev/routes.js';
import { findAddresses } from '../accounts/addresses/lookup.js';
import { workRoleOf, workRolesOf } from '../accounts/directory.js';
import { listUploads } from '../uploads/service.js';
import { formsAboutChildren } from '../forms/about-children.js';
import { formRoutes } from '../forms/routes.js';
import { helpRoutes } from '../help/routes.js';
import { homeRoutes } from '../home/routes.js';
import { messageRoutes } from '../messages/routes.js';
import { peopleRoutes } from '../people/routes.js';
import { progressRoutes } from '../send/progress/routes.js';
import { serviceAreaRoutes } from '../home/service-area-routes.js';
import { devMailboxEnabled } from '../platform/config.js';
import type { Services } from './services.js';

/** The route table: every router served on a council's host, in order. Each domain owns its routers. */
export function tenantRouters(services: Services): Router[] {
  const forms = {
    library: services.forms,
    storage: services.storage,
    scanner: services.scanner,
    findAddresses,
    workRoles: { of: workRolesOf, one: workRoleOf },
    documents: { list: listUploads },
  };
  return [
    homeRoutes(),
    helpRoutes({ forms: services.forms }),
    registrationRoutes(),
    signInRoutes(),
    myAccountRoutes(),
    peopleRoutes({ forms: formsAboutChildren(services) }),
    progressRoutes(forms),
    formRoutes(forms),
    serviceAreaRoutes(forms),
    messageRoutes(),
    staffSignInRoutes(),
    backofficeRoutes(forms),
    staffInviteRoutes(),
    // Every email, codes included: only with DEV_MAILBOX=true or NODE_ENV=development, never in production.
    ...(devMailboxEnabled(services.config) ? [devMailboxRoutes()] : []),
  ];
}
