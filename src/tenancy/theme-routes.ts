import Router from '@koa/router';
import type { Tenant } from './schema.js';
import { AssetCache } from './assets.js';
import type { Knex } from 'knex';
import { db, inTenant } from '../platform/db/unit-of-work.js';

/** The tenant's colours as CSS custom properties, read by themes/default/styles/app.scss. */
export function themeCss(tenant: Tenant): string {
  const c = tenant.brand.colours;
  return `:root{--brand-header:${c.header};--brand-header-text:${c.headerText};--brand-primary:${c.primary};--brand-link:${c.link};--brand-footer:${c.footer};--brand-footer-text:${c.footerText}}\n`;
}

const YEAR = 'public, max-age=31536000, immutable';
/** An image cannot run anything, and an SVG opened on its own may not either. */
export const ASSET_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

const logos = new AssetCache();

/**
 * The council's theme CSS and logo, served before sessions and before the request's
 * unit of work: a logo is read from the database once (a short unit of its own) and
 * then served from memory.
 */
export function themeRoutes(pool: Knex): Router {
  const router = new Router();
  router.get('/theme.css', (ctx) => {
    ctx.type = 'text/css';
    ctx.set('Cache-Control', 'public, max-age=300');
    ctx.body = themeCss(ctx.state.tenant!);
  });
  // /logo?v=<hash> is cached for a year (a new logo has a new URL); /logo.svg stays for old links.
  router.get(['/logo', '/logo.svg'], async (ctx) => {
    const tenant = ctx.state.tenant!;
    const version = tenant.logoVersion;
    if (!version || !tenant.brand.logo) return ctx.throw(404);
    const key = `${tenant.id}:${version}`;
    let asset = logos.get(key);
    if (!asset) {
      const row: { bytes: Buffer; content_type: string } | undefined = await inTenant(pool, tenant.id, async () =>
        (await db())('tenant_assets').where('sha256', 'like', `${version}%`).first('bytes', 'content_type'),
      );
      if (!row) return ctx.throw(404);
      asset = { bytes: row.bytes, contentType: row.content_type };
      logos.set(key, asset);
    }
    ctx.type = asset.contentType;
    ctx.set('Cache-Control', ctx.path === '/logo' && ctx.query.v === version ? YEAR : 'public, max-age=300');
    ctx.set('Content-Security-Policy', ASSET_CSP);
    ctx.body = asset.bytes;
  });
  return router;
}
