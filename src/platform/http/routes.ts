import type Router from '@koa/router';
import { themeRoutes } from '../../tenancy/theme-routes.js';
import { homeRoutes } from '../../home/routes.js';
import { helpRoutes } from '../../help/routes.js';
import { devMailboxRoutes } from '../../dev/routes.js';
import { registrationRoutes } from '../../accounts/registration/routes.js';
import { signInRoutes } from '../../accounts/sign-in/routes.js';
import { myAccountRoutes } from '../../accounts/my-account/routes.js';
import { backofficeRoutes } from '../../backoffice/routes.js';
import { peopleRoutes } from '../../people/routes.js';
import { formRoutes } from '../../forms/routes.js';
import { progressRoutes } from '../../send/progress/routes.js';
import { sendRoutes } from '../../send/routes.js';
import { messageRoutes } from '../../messages/routes.js';
import { uploadRoutes } from '../../uploads/routes.js';

/** Every router served on a council's host, in order. Each domain owns its own. */
export function tenantRouters(production: boolean): Router[] {
  return [
    themeRoutes(),
    homeRoutes(),
    helpRoutes(),
    registrationRoutes(),
    signInRoutes(),
    myAccountRoutes(),
    peopleRoutes(),
    progressRoutes(),
    formRoutes(),
    sendRoutes(),
    messageRoutes(),
    uploadRoutes(),
    backofficeRoutes(),
    ...(production ? [] : [devMailboxRoutes()]),
  ];
}
