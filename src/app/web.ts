import http from 'node:http';
import Koa from 'koa';
import { createAdminApp } from '../admin/app.js';
import { libraryForms } from '../admin/form-library.js';
import { errorPages } from '../platform/http/errors.js';
import { requestContext } from '../platform/http/request-context.js';
import { securityHeaders } from '../platform/http/security-headers.js';
import { layoutLocals } from './layout.js';
import type { Services } from './services.js';
import { createTenantApp } from './tenant-app.js';

/** A request handler for node:http (and supertest): the council portal or the admin console, by host name. */
export interface WebApp {
  callback(): http.RequestListener;
  /** The council portal's Koa app (tests may add a route to it before calling callback()). */
  tenant: Koa;
  /** The platform admin console's Koa app. */
  admin: Koa;
}

/** Where the process holds no platform role (the production web process), the admin host answers 404 to everything. */
function noAdminConsole(services: Services): Koa {
  const app = new Koa({ proxy: services.config.TRUST_PROXY });
  app.silent = true;
  app.use(requestContext(services.logger));
  app.use(securityHeaders(services.config.NODE_ENV === 'production'));
  app.use(errorPages(() => false));
  return app;
}

/** The platform admin console (its own Koa app, on ADMIN_HOST only, on the platform role). */
function adminConsole(services: Services): Koa {
  const { config, db, registry, tenants, styles, logger, secrets } = services;
  if (!db.platform || !tenants) return noAdminConsole(services);
  return createAdminApp({ config, platform: db.platform, registry, tenants, formLibrary: libraryForms, styles, logger, secrets, councilLayout: layoutLocals });
}

/** The host a request is for, without its port (X-Forwarded-Host first behind a trusted proxy), lower-cased. */
function hostOf(req: http.IncomingMessage, trustProxy: boolean): string {
  const forwarded = trustProxy ? String(req.headers['x-forwarded-host'] ?? '').split(',')[0]!.trim() : '';
  const host = forwarded || req.headers.host || '';
  return (host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0]!).toLowerCase();
}

/**
 * The production admin process (`npm run admin`, platform role): the admin console on
 * ADMIN_HOST, and a plain 404 on every other host (councils are the web process's).
 */
export function createAdminWebApp(services: Services): WebApp {
  const adminApp = adminConsole(services);
  const nothing = noAdminConsole(services);
  const { ADMIN_HOST, TRUST_PROXY } = services.config;
  return {
    tenant: nothing,
    admin: adminApp,
    callback() {
      const admin = adminApp.callback();
      const other = nothing.callback();
      return (req, res) => (hostOf(req, TRUST_PROXY) === ADMIN_HOST ? admin(req, res) : other(req, res));
    },
  };
}

/** Every council's portal and the admin console, each its own app, chosen by the request's host name. */
export function createWebApp(services: Services): WebApp {
  const tenantApp = createTenantApp(services);
  const adminApp = adminConsole(services);
  const { ADMIN_HOST, TRUST_PROXY } = services.config;
  return {
    tenant: tenantApp,
    admin: adminApp,
    callback() {
      const tenant = tenantApp.callback();
      const admin = adminApp.callback();
      return (req, res) => (hostOf(req, TRUST_PROXY) === ADMIN_HOST ? admin(req, res) : tenant(req, res));
    },
  };
}

function portOf(server: http.Server): number {
  const address = server.address();
  return address && typeof address === 'object' ? address.port : 0;
}

/**
 * Serves the web app. Slow clients never hold anything but a socket: headers must
 * arrive within 10 s and a whole request within `requestTimeoutMs` (30 s unless
 * given; `npm start` gives UPLOAD_TIMEOUT_SECONDS, so that a 10 MiB upload on a
 * slow line is not cut off; forms are held to BODY_TIMEOUT_SECONDS by the body
 * layer, and every body is read before any database work), idle keep-alive
 * connections close after 65 s.
 */
export async function listen(web: WebApp, port: number, host?: string, limits: { requestTimeoutMs?: number } = {}): Promise<{ server: http.Server; port: number; close(): Promise<void> }> {
  const server = http.createServer({ requestTimeout: limits.requestTimeoutMs ?? 30_000, headersTimeout: 10_000, keepAliveTimeout: 65_000 }, web.callback());
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return {
    server,
    port: portOf(server),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
