import Router from '@koa/router';
import type { TenantRegistry } from './registry.js';

/**
 * Caddy's on-demand TLS asks here before getting a certificate for a host name
 * it has not seen: 200 only for a host name of a live council, on any host
 * (Caddy calls the upstream directly). No database, no session.
 */
export function tlsAskRoutes(registry: TenantRegistry): Router {
  const router = new Router();
  router.get('/_tls/ask', (ctx) => {
    const domain = typeof ctx.query.domain === 'string' ? ctx.query.domain.trim().toLowerCase() : '';
    ctx.set('Cache-Control', 'no-store');
    ctx.type = 'text/plain';
    if (domain && registry.isLiveHost(domain)) {
      ctx.body = 'ok';
    } else {
      ctx.status = 404;
      ctx.body = 'unknown';
    }
  });
  return router;
}
