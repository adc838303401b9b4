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

/** Home / My Account for a signed-in professional; Sign out is a button (a POST) beside them. */
function navigation(ctx: Koa.Context) {
  const account = ctx.state.account;
  if (!account) return [];
  const t = ctx.state.t;
  const items =
    account.kind === 'staff'
      ? [{ href: '/backoffice', text: t('backoffice.nav.home') }]
      : [
          { href: '/', text: t('common.home') },
          { href: '/my-account', text: t('common.myAccount') },
        ];
  return items.map((item) => ({ ...item, current: ctx.path === item.href || (item.href !== '/' && ctx.path.startsWith(`${item.href}/`)) }));
}

/** What every page's layout needs, computed from the request. */
export function pageLocals(ctx: Koa.Context): Record<string, unknown> {
  const tenant = ctx.state.tenant;
  const lang = ctx.state.lang;
  const account = ctx.state.account;
  return {
    account,
    navigation: navigation(ctx),
    signOutAction: account ? (account.kind === 'staff' ? '/backoffice/sign-out' : '/sign-out') : undefined,
    idleMinutes: account && tenant ? tenant.session.idleTimeoutMinutes : undefined,
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
