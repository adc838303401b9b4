import { secretBox } from '../platform/secret-box.js';
import { createHmac } from 'node:crypto';
import Koa from 'koa';
import '../platform/http/state.js';
import { assets } from '../platform/http/assets.js';
import { httpsOnly } from '../platform/http/https-only.js';
import { bodyLayer, closeUnreadBodies } from '../platform/http/body.js';
import { csrf } from '../platform/http/csrf.js';
import { requestContext } from '../platform/http/request-context.js';
import { securityHeaders } from '../platform/http/security-headers.js';
import { Views } from '../platform/http/views.js';
import type { AdminDeps } from './deps.js';
import { adminErrors } from './errors.js';
import { adminSessions } from './session.js';
import { loadAdmin } from './accounts/guard.js';
import { adminSignInRoutes } from './accounts/sign-in-routes.js';
import { adminSetupRoutes } from './accounts/setup-routes.js';
import { consoleRouters } from './console-routes.js';
import { t } from './page.js';

export type { AdminDeps } from './deps.js';

/** A key of its own for the console's CSRF tokens, so no council page's token is ever valid here. */
const derive = (secret: string, label: string) => createHmac('sha256', secret).update(label).digest('base64url');

/**
 * The platform admin console: its own Koa app for ADMIN_HOST, with its own chain:
 * request id → security headers → errors → shared assets → no-store → body
 * limits → CSRF → admin session (own table, host-only cookie) → admin → routes.
 * It answers nothing else: every other path is a 404.
 */
export function createAdminApp(deps: AdminDeps): Koa {
  const production = deps.config.NODE_ENV === 'production';
  const app = new Koa({ proxy: deps.config.TRUST_PROXY, keys: deps.secrets });
  app.silent = true;
  app.context.assetVersion = deps.styles.version;
  const views = new Views();

  app.use(requestContext(deps.logger.child({ app: 'admin' })));
  app.use(closeUnreadBodies());
  app.use(securityHeaders(production));
  app.use(adminErrors(views));
  app.use(assets(deps.styles));
  app.use(httpsOnly(production, deps.config.TRUST_PROXY));
  app.use(async (ctx, next) => {
    ctx.set('Cache-Control', 'no-store');
    // The console is in English; form helpers read the page's translator from the state.
    ctx.state.lang = 'en';
    ctx.state.t = t;
    await next();
  });
  // Limits before any database work; the logo upload (multipart) is limited where it is read.
  app.use(bodyLayer({ formBytes: 256 * 1024, timeoutMs: deps.config.BODY_TIMEOUT_SECONDS * 1000, multipartBytes: 1024 * 1024 }));
  app.use(csrf(derive(deps.secrets[0]!, 'platform-admin-csrf'), production));
  app.use(adminSessions(app, deps.platform, production));
  app.use(loadAdmin(deps.platform));
  const totpSecrets = secretBox(deps.secrets, 'platform-admin-totp');
  const routers = [adminSignInRoutes(views, deps.platform, totpSecrets), adminSetupRoutes(views, deps.platform, totpSecrets), ...consoleRouters(views, deps)];
  for (const router of routers) {
    app.use(router.routes());
    app.use(router.allowedMethods());
  }
  return app;
}
