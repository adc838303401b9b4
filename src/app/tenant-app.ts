import Koa from 'koa';
import '../platform/http/state.js';
import { loadActor, noStoreForPersonalPages } from '../access/sign-in-session.js';
import { parseSession } from '../access/session.js';
import { translator } from '../i18n/index.js';
import { inTenant } from '../platform/db/unit-of-work.js';
import { assets } from '../platform/http/assets.js';
import { bodyLayer, closeUnreadBodies } from '../platform/http/body.js';
import { csrf } from '../platform/http/csrf.js';
import { bilingualPage, errorPages } from '../platform/http/errors.js';
import { healthRoutes } from '../platform/http/health.js';
import { httpsOnly } from '../platform/http/https-only.js';
import { installRender } from '../platform/http/render.js';
import { requestContext } from '../platform/http/request-context.js';
import { securityHeaders } from '../platform/http/security-headers.js';
import { sessions } from '../platform/http/session.js';
import { chooseLanguage, resolveTenant } from '../tenancy/middleware.js';
import { themeRoutes } from '../tenancy/theme-routes.js';
import { tlsAskRoutes } from '../tenancy/tls-ask.js';
import { layoutLocals } from './layout.js';
import { tenantRouters } from './routes.js';
import { MAX_UPLOAD_REQUEST_BYTES } from '../uploads/receive.js';
import type { Services } from './services.js';
import { publicUrlSettings } from '../tenancy/urls.js';

/**
 * The portal every council's host name serves. The order matters:
 * request id → headers → errors → shared assets and health (no tenant) → host → tenant
 * → language → theme CSS and logo (no session, no database) → body (read, with limits,
 * before any database work) → the tenant's lazy unit of work (a transaction only once
 * a query needs one) → session → CSRF → who is signed in → routes.
 */
export function createTenantApp(services: Services): Koa {
  const { config, db, registry, styles, logger, secrets, views } = services;
  const production = config.NODE_ENV === 'production';
  const app = new Koa({ proxy: config.TRUST_PROXY, keys: secrets });
  app.context.assetVersion = styles.version;
  installRender(app, views, layoutLocals);
  app.silent = true;

  app.use(requestContext(logger));
  app.use(closeUnreadBodies());
  app.use(securityHeaders(production));
  app.use(errorPages((ctx) => Boolean(ctx.state.tenant && ctx.state.t)));
  app.use(assets(styles));
  app.use(healthRoutes(db.app).routes());
  app.use(tlsAskRoutes(registry).routes());

  // Read per request: a server learns its port (PUBLIC_PORT outside production) after the app is built.
  app.use(resolveTenant(registry, () => publicUrlSettings(config)));
  app.use(async (ctx, next) => {
    if (ctx.state.tenant) return next();
    const [en, cy] = [translator('en'), translator('cy')];
    ctx.status = 404;
    ctx.type = 'html';
    ctx.body = bilingualPage(en('errors.unknownHost.title'), cy('errors.unknownHost.title'), en('errors.unknownHost.body'), cy('errors.unknownHost.body'));
  });
  app.use(httpsOnly(production, config.TRUST_PROXY));
  app.use(chooseLanguage(production));
  app.use(themeRoutes(db.app).routes());
  app.use(bodyLayer({ formBytes: 2 * 1024 * 1024, timeoutMs: config.BODY_TIMEOUT_SECONDS * 1000, multipartBytes: MAX_UPLOAD_REQUEST_BYTES }));
  app.use((ctx, next) => inTenant(db.app, ctx.state.tenant!.id, next));
  app.use(sessions(app, { production, idleMinutes: (ctx) => ctx.state.tenant!.session.idleTimeoutMinutes, parse: parseSession }));
  app.use(csrf(secrets[0]!, production));
  app.use(loadActor(services.accounts.findSessionAccount));
  app.use(noStoreForPersonalPages());
  for (const router of tenantRouters(services)) {
    app.use(router.routes());
    app.use(router.allowedMethods());
  }
  return app;
}
