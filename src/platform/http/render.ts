import type Koa from 'koa';
import { localise, translator, type Language } from '../../i18n/index.js';
import type { Tenant } from '../../tenancy/schema.js';
import type { Views } from './views.js';

export interface LanguageLink {
  lang: Language;
  label: string;
  href: string;
  current: boolean;
}

/** "English / Cymraeg" for bilingual tenants: each language's own name, linking to the same page. */
function languageLinks(ctx: Koa.Context, tenant: Tenant): LanguageLink[] {
  if (tenant.languages.length < 2) return [];
  return tenant.languages.map((lang) => {
    const params = new URLSearchParams(ctx.querystring);
    params.set('lang', lang);
    return { lang, label: translator(lang)('common.languageName'), href: `${ctx.path}?${params}`, current: lang === ctx.state.lang };
  });
}

/** What every page's layout needs, computed from the request. */
export function pageLocals(ctx: Koa.Context): Record<string, unknown> {
  const tenant = ctx.state.tenant;
  const lang = ctx.state.lang;
  return {
    t: ctx.state.t,
    lang,
    tenant,
    portalName: tenant ? localise(tenant.portalName, lang) : undefined,
    councilName: tenant ? localise(tenant.name, lang) : undefined,
    languageLinks: tenant ? languageLinks(ctx, tenant) : [],
    csrfToken: ctx.state.csrfToken,
    assetVersion: ctx.app.context.assetVersion,
    themeVersion: tenant ? tenant.id.slice(0, 8) : '',
  };
}

export function installRender(app: Koa, views: Views): void {
  app.context.render = function render(this: Koa.Context, page: string, locals: Record<string, unknown> = {}, layout = 'main') {
    this.type = 'html';
    this.body = views.render(page, { ...pageLocals(this), ...locals }, layout);
  };
}

declare module 'koa' {
  interface DefaultContext {
    assetVersion: string;
  }
}
