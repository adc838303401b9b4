import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Router from '@koa/router';
import type { Tenant } from './schema.js';
import { TENANTS_DIR } from './load.js';

/** The tenant's colours as CSS custom properties, read by themes/default/styles/app.scss. */
export function themeCss(tenant: Tenant): string {
  const c = tenant.brand.colours;
  return `:root{--brand-header:${c.header};--brand-header-text:${c.headerText};--brand-primary:${c.primary};--brand-link:${c.link};--brand-footer:${c.footer};--brand-footer-text:${c.footerText}}\n`;
}

export function themeRoutes(): Router {
  const router = new Router();
  router.get('/theme.css', (ctx) => {
    ctx.type = 'text/css';
    ctx.set('Cache-Control', 'public, max-age=300');
    ctx.body = themeCss(ctx.state.tenant!);
  });
  router.get('/logo.svg', async (ctx) => {
    const tenant = ctx.state.tenant!;
    const logo = tenant.brand.logo;
    if (!logo) return ctx.throw(404);
    const file = path.join(TENANTS_DIR, tenant.slug, path.basename(logo));
    try {
      ctx.body = await readFile(file);
    } catch {
      ctx.throw(404);
    }
    ctx.type = 'image/svg+xml';
    ctx.set('Cache-Control', 'public, max-age=3600');
  });
  return router;
}
