import Koa from 'koa';
import { bodyParser } from '@koa/bodyparser';
import type { Logger } from 'pino';
import './state.js';
import type { Config } from '../config.js';
import type { Databases } from '../db/connections.js';
import { inTenant } from '../db/tenant-context.js';
import type { TenantRegistry } from '../../tenancy/registry.js';
import { chooseLanguage, resolveTenant } from '../../tenancy/middleware.js';
import { adminRoutes } from '../../admin/routes.js';
import { loadAccount } from '../../accounts/session-auth.js';
import { tenantRouters } from './routes.js';
import { assets, type CompiledStyles } from './assets.js';
import { csrf } from './csrf.js';
import { bilingualPage, errorPages } from './errors.js';
import { healthRoutes } from './health.js';
import { installRender } from './render.js';
import { requestContext } from './request-context.js';
import { securityHeaders } from './security-headers.js';
import { sessions } from './session.js';
import { Views } from './views.js';
import { translator } from '../../i18n/index.js';

export interface AppDeps {
  config: Config;
  db: Databases;
  registry: TenantRegistry;
  styles: CompiledStyles;
  logger: Logger;
  /** Signing keys, newest first: cookies and CSRF tokens. */
  secrets: string[];
}

/**
 * One Koa app for every council. The order matters:
 * request id → headers → shared assets and health (any host) → host → tenant
 * → errors in the tenant's look → language → tenant transaction → session → body → CSRF → account → routes.
 */
export function createApp(deps: AppDeps): Koa {
  const { config, db, registry, styles, logger, secrets } = deps;
  const production = config.NODE_ENV === 'production';
  const app = new Koa({ proxy: config.TRUST_PROXY, keys: secrets });
  const views = new Views();
  app.context.assetVersion = styles.version;
  installRender(app, views);
  app.silent = true;

  app.use(requestContext(logger));
  app.use(securityHeaders(production));
  app.use(errorPages());

  app.use(assets(styles));
  app.use(healthRoutes(db.app).routes());

  const admin = adminRoutes(views).routes();

  const sessionMiddleware = sessions(app, production);

  app.use(resolveTenant(registry));
  app.use(async (ctx, next) => {
    if (ctx.state.tenant) return next();
    if (ctx.hostname === config.ADMIN_HOST) return admin(ctx as Parameters<typeof admin>[0], next);
    const en = translator('en');
    const cy = translator('cy');
    ctx.status = 404;
    ctx.type = 'html';
    ctx.body = bilingualPage(en('errors.unknownHost.title'), cy('errors.unknownHost.title'), en('errors.unknownHost.body'), cy('errors.unknownHost.body'));
  });
  app.use(chooseLanguage(production));
  app.use((ctx, next) => inTenant(db.app, ctx.state.tenant!.id, next));
  app.use(sessionMiddleware);
  app.use(bodyParser({ enableTypes: ['form', 'json'], formLimit: '2mb', jsonLimit: '1mb' }));
  app.use(csrf(secrets[0]!, production));
  app.use(loadAccount());
  for (const router of tenantRouters(production)) {
    app.use(router.routes());
    app.use(router.allowedMethods());
  }
  return app;
}
