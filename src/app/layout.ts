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

/** What the layout shows that depends only on the council and the page language. */
interface CouncilLayout {
  portalName: string;
  councilName: string;
  logoUrl?: string;
  contactTeam: string;
  contactEmail: string;
  footerContact: string;
  senderAdvice: string;
  footerLinks: { href: string; text: string }[];
  headerLinks: { href: string; text: string }[];
  themeVersion: string;
}

/**
 * Made once per council configuration and language, not on every page: a council's
 * configuration is never changed in place (the registry makes a new object for a new
 * revision, so the old one's entry goes with it).
 */
const councilLayouts = new WeakMap<Tenant, Partial<Record<Language, CouncilLayout>>>();

function councilLayout(tenant: Tenant, lang: Language): CouncilLayout {
  let byLanguage = councilLayouts.get(tenant);
  if (!byLanguage) councilLayouts.set(tenant, (byLanguage = {}));
  const made = byLanguage[lang];
  if (made) return made;
  const contactTeam = localise(tenant.contact.team, lang);
  const layout: CouncilLayout = {
    portalName: localise(tenant.portalName, lang),
    councilName: localise(tenant.name, lang),
    logoUrl: tenant.brand.logo && tenant.logoVersion ? `/logo?v=${tenant.logoVersion}` : undefined,
    contactTeam,
    contactEmail: tenant.contact.email,
    footerContact: translator(lang)('common.footerContact', { team: contactTeam }),
    senderAdvice: localise(tenant.mail.senderAdvice, lang),
    footerLinks: tenant.footerLinks.map((l) => ({ href: l.href, text: localise(l.text, lang) })),
    headerLinks: (tenant.headerLinks ?? []).map((l) => ({ href: l.href, text: localise(l.text, lang) })),
    themeVersion: tenant.id.slice(0, 8),
  };
  byLanguage[lang] = layout;
  return layout;
}

export function layoutLocals(ctx: Koa.Context): Record<string, unknown> {
  const tenant = ctx.state.tenant;
  const lang = ctx.state.lang;
  const actor = ctx.state.actor;
  const council = tenant ? councilLayout(tenant, lang) : undefined;
  return {
    signedIn: Boolean(actor),
    homeHref: actor?.kind === 'staff' ? '/backoffice' : '/',
    staffName: actor?.kind === 'staff' ? fullName(actor) : undefined,
    navigation: navigation(ctx),
    accountMenu: accountMenu(ctx),
    // Signed out: the council's own header links (Home, Sign in, Register…), if it has any.
    signedOutLinks: !actor && council ? council.headerLinks.map((l) => ({ ...l, current: ctx.path === l.href })) : [],
    signOutAction: actor ? (actor.kind === 'staff' ? '/backoffice/sign-out' : '/sign-out') : undefined,
    idleMinutes: actor && tenant ? tenant.session.idleTimeoutMinutes : undefined,
    t: ctx.state.t,
    lang,
    portalName: council?.portalName,
    councilName: council?.councilName,
    logoUrl: council?.logoUrl,
    contactTeam: council?.contactTeam,
    contactEmail: council?.contactEmail,
    footerContact: council?.footerContact,
    /** Which sender to trust, for the pages that ask for an emailed code. */
    senderAdvice: council?.senderAdvice,
    footerLinks: council?.footerLinks ?? [],
    languageLinks: tenant ? languageLinks(ctx, tenant) : [],
    csrfToken: ctx.state.csrfToken,
    assetVersion: ctx.app.context.assetVersion,
    themeVersion: council?.themeVersion ?? '',
  };
}
