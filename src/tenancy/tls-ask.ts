import Router from '@koa/router';
import { z } from 'zod';
import { text } from '../platform/http/forms.js';
import type { TenantRegistry } from './registry.js';

/** ?domain=: the host name Caddy asks about, in lower case. */
const askQuery = z.object({ domain: text(z.string().transform((domain) => domain.toLowerCase())) });

/**
 * Caddy's on-demand TLS asks here before getting a certificate for a host name
 * it has not seen: 200 only for a host name of a live council, on any host
 * (Caddy calls the upstream directly). No database, no session.
 */
export function tlsAskRoutes(registry: TenantRegistry): Router {
  const router = new Router();
  router.get('/_tls/ask', (ctx) => {
    const { domain } = askQuery.parse(ctx.query);
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
