import type Koa from 'koa';
import { fullName } from '../access/actor.js';
import { can } from '../access/policies.js';
import { localise, translator, type Language } from '../i18n/index.js';
import type { Tenant } from '../tenancy/schema.js';

/**
 * The layout's view model: what the header, footer, language switch and
 * timeout warning of every page show. Only plain values: never the account or
 * the whole council configuration.
 */

interface LanguageLink {
  lang: Language;
  label: string;
  href: string;
  current: boolean;
}

/** "English / Cymraeg" for bilingual councils: each language's own name, linking to the same page. */
function languageLinks(ctx: Koa.Context, tenant: Tenant): LanguageLink[] {
  if (tenant.languages.length < 2) return [];
  return tenant.languages.map((lang) => {
    const params = new URLSearchParams(ctx.querystring);
    params.set('lang', lang);
    return { lang, label: translator(lang)('common.languageName'), href: `${ctx.path}?${params}`, current: lang === ctx.state.lang };
  });
}

/** Home / My Account for a signed-in professional (Sign out in the menu under their name), the back office home for staff (Sign out a button beside it). */
function navigation(ctx: Koa.Context) {
  const actor = ctx.state.actor;
  if (!actor) return [];
  const t = ctx.state.t;
  const items =
    actor.kind === 'staff'
      ? [{ href: '/backoffice', text: t('backoffice.nav.home') }]
      : [
          { href: '/', text: t('common.home') },
          { href: '/my-account', text: t('common.myAccount') },
        ];
  return items.map((item) => ({ ...item, current: ctx.path === item.href || (item.href !== '/' && ctx.path.startsWith(`${item.href}/`)) }));
}

/**
 * The menu under a signed-in professional's name (seed 004): Update Account,
 * then Recover a form and Submitted Forms where the council runs a service with
 * forms the professional may start and save (its enabled forms), and Sign out.
 * A native <details> disclosure in the header: no JavaScript needed.
 */
function accountMenu(ctx: Koa.Context) {
  const actor = ctx.state.actor;
  const tenant = ctx.state.tenant;
  if (actor?.kind !== 'professional') return undefined;
  const t = ctx.state.t;
  const hasForms = Boolean(tenant && can(actor, 'useServices') && tenant.forms.some((f) => tenant.services.includes(f.service)));
  const items = [
    { href: '/my-account', text: t('common.accountMenu.updateAccount') },
    ...(hasForms
      ? [
          { href: '/forms/saved', text: t('common.accountMenu.recover') },
          { href: '/forms/submitted', text: t('common.accountMenu.submitted') },
        ]
      : []),
  ];
  return { name: fullName(actor), items: items.map((item) => ({ ...item, current: ctx.path === item.href })) };
}

export function layoutLocals(ctx: Koa.Context): Record<string, unknown> {
  const tenant = ctx.state.tenant;
  const lang = ctx.state.lang;
  const actor = ctx.state.actor;
  return {
    signedIn: Boolean(actor),
    homeHref: actor?.kind === 'staff' ? '/backoffice' : '/',
    staffName: actor?.kind === 'staff' ? fullName(actor) : undefined,
    navigation: navigation(ctx),
    accountMenu: accountMenu(ctx),
    // Signed out: the council's own header links (Home, Sign in, Register…), if it has any.
    signedOutLinks:
      !actor && tenant
        ? (tenant.headerLinks ?? []).map((l) => ({ href: l.href, text: localise(l.text, lang), current: ctx.path === l.href }))
        : [],
    signOutAction: actor ? (actor.kind === 'staff' ? '/backoffice/sign-out' : '/sign-out') : undefined,
    idleMinutes: actor && tenant ? tenant.session.idleTimeoutMinutes : undefined,
    t: ctx.state.t,
    lang,
    portalName: tenant ? localise(tenant.portalName, lang) : undefined,
    councilName: tenant ? localise(tenant.name, lang) : undefined,
    logoUrl: tenant?.brand.logo && tenant.logoVersion ? `/logo?v=${tenant.logoVersion}` : undefined,
    contactTeam: tenant ? localise(tenant.contact.team, lang) : undefined,
    contactEmail: tenant?.contact.email,
    /** Which sender to trust, for the pages that ask for an emailed code. */
    senderAdvice: tenant ? localise(tenant.mail.senderAdvice, lang) : undefined,
    footerLinks: tenant ? tenant.footerLinks.map((l) => ({ href: l.href, text: localise(l.text, lang) })) : [],
    languageLinks: tenant ? languageLinks(ctx, tenant) : [],
    csrfToken: ctx.state.csrfToken,
    assetVersion: ctx.app.context.assetVersion,
    themeVersion: tenant ? tenant.id.slice(0, 8) : '',
  };
}
