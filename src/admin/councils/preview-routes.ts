import { signedOutHomeView } from '../../home/signed-out-view.js';
import Router from '@koa/router';
import Koa from 'koa';
import { z } from 'zod';
import { isLanguage, localise, translator, type Language } from '../../i18n/index.js';
import { noErrors } from '../../platform/http/forms.js';
import { installRender } from '../../platform/http/render.js';
import type { Views } from '../../platform/http/views.js';
import { passwordChecklist, renderPage, stepIndicator } from '../../accounts/registration/page.js';
import { tenantSchema, type Tenant } from '../../tenancy/schema.js';
import { tenantRows } from '../../tenancy/tenant-rows.js';
import { ASSET_CSP, themeCss } from '../../tenancy/theme-routes.js';
import { assetVersion } from '../../tenancy/assets.js';
import { requireAdmin } from '../accounts/guard.js';
import type { AdminDeps } from '../deps.js';
import { renderAdmin, t } from '../page.js';
import { councilFromUrl } from './council-page.js';
import type { CouncilDraft } from './drafts.js';

const PAGES = ['home', 'sign-in', 'register'] as const;
/** The page to preview (any other is not found), and in which of the council's languages. */
const previewParams = z.object({ page: z.enum(PAGES).optional().catch(undefined) });
const previewQuery = z.object({ lang: z.custom<Language>(isLanguage).optional().catch(undefined) });
type PreviewPage = (typeof PAGES)[number];

/** The council paths that have a preview page of their own. */
const PREVIEWED: Record<string, PreviewPage> = { '/': 'home', '/sign-in': 'sign-in', '/register': 'register' };

/**
 * Keeps the previewed page's links in the preview: a link to the council's
 * home, sign-in or registration page opens its preview (in the same language);
 * a link to any other council path (which the admin host does not serve) stays
 * on the page, inert. Links already in the preview (the language switch), to
 * other sites, and within the page are left as they are.
 */
export function keepLinksInPreview(html: string, base: string, lang: Language): string {
  return html.replace(/<a\b([^>]*?)\shref="(\/[^"]*)"/g, (whole, attributes: string, href: string) => {
    if (href === base || href.startsWith(`${base}/`) || href.startsWith(`${base}?`) || href.startsWith('//')) return whole;
    const path = href.replace(/&amp;/g, '&').split(/[?#]/)[0]!;
    const page = PREVIEWED[path];
    if (page) return `<a${attributes} href="${base}/${page}?lang=${lang}"`;
    return `<a${attributes} href="#main-content" aria-disabled="true" data-preview-of="${href}"`;
  });
}

/** The draft as a tenant, when every task is done; otherwise the problems. */
function draftTenant(draft: CouncilDraft): { tenant?: Tenant; problems: string[] } {
  const parsed = tenantSchema.safeParse(draft.config);
  if (!parsed.success) return { problems: parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`) };
  return { tenant: { ...parsed.data, id: draft.tenantId, status: 'live', logoVersion: assetVersion(draft.logoSha256) }, problems: [] };
}

/**
 * The council's home, sign-in and registration pages rendered with the unsaved
 * draft, through the council's own views and layout, for platform admins only.
 * The page's stylesheet and logo point at preview copies on the admin host.
 */
export function previewRoutes(views: Views, deps: AdminDeps): Router {
  const router = new Router();
  // A Koa app of its own only to make contexts that render like a council's pages.
  const councilPages = new Koa();
  councilPages.context.assetVersion = deps.styles.version;
  installRender(councilPages, views, deps.councilLayout);

  const render = (ctx: Koa.Context, tenant: Tenant, lang: Language, page: PreviewPage): string => {
    const p = councilPages.createContext(ctx.req, ctx.res);
    const tr = translator(lang);
    p.state = { ...ctx.state, tenant, lang, t: tr };
    if (page === 'home') {
      p.render('home/signed-out', { ...signedOutHomeView(tenant, lang, tr), contactTeam: localise(tenant.contact.team, lang) });
    } else if (page === 'sign-in') {
      p.render('accounts/sign-in/sign-in', { title: tr('sign-in.title'), values: {}, errors: noErrors() });
    } else if (tenant.registration.steps === 'threeStep') {
      renderPage(p, 'security-details', 'registration.steps.security', { progress: stepIndicator(p, 'security'), values: {}, passwordErrors: [], passwordChecklist: passwordChecklist(p), keepPassword: false });
    } else {
      renderPage(p, 'one-step', 'registration.oneStep.title', { values: {}, passwordErrors: [], passwordChecklist: passwordChecklist(p) });
    }
    return String(p.body ?? '');
  };

  router.get('/councils/:slug/preview', requireAdmin, async (ctx) => {
    const draft = await councilFromUrl(ctx, deps);
    const { tenant, problems } = draftTenant(draft);
    renderAdmin(ctx, views, 'admin/councils/preview', {
      title: t('admin.console.preview.title', { name: draft.config.name?.en ?? draft.slug }),
      slug: draft.slug,
      problems,
      pages: tenant ? tenant.languages.flatMap((lang) => PAGES.map((page) => ({ href: `/councils/${draft.slug}/preview/${page}?lang=${lang}`, text: t(`admin.console.preview.pages.${page}`, { language: t(`admin.console.languages.${lang}`) }) }))) : [],
    });
  });

  router.get('/councils/:slug/preview/theme.css', requireAdmin, async (ctx) => {
    const { tenant } = draftTenant(await councilFromUrl(ctx, deps));
    if (!tenant) return ctx.throw(404);
    ctx.type = 'text/css';
    ctx.body = themeCss(tenant);
  });

  router.get('/councils/:slug/preview/logo', requireAdmin, async (ctx) => {
    const draft = await councilFromUrl(ctx, deps);
    const asset = draft.logoSha256 ? await tenantRows.asset(deps.platform, draft.tenantId, draft.logoSha256) : undefined;
    if (!asset) return ctx.throw(404);
    ctx.type = asset.content_type;
    ctx.set('Content-Security-Policy', ASSET_CSP);
    ctx.body = asset.bytes;
  });

  router.get('/councils/:slug/preview/:page', requireAdmin, async (ctx) => {
    const draft = await councilFromUrl(ctx, deps);
    const { page } = previewParams.parse(ctx.params);
    const { tenant } = draftTenant(draft);
    if (!page || !tenant) return ctx.throw(404);
    const { lang: asked } = previewQuery.parse(ctx.query);
    const lang: Language = asked && tenant.languages.includes(asked) ? asked : 'en';
    const base = `/councils/${draft.slug}/preview`;
    const banner = `<div class="govuk-notification-banner" role="region" aria-labelledby="preview-banner-title"><div class="govuk-notification-banner__header"><h2 class="govuk-notification-banner__title" id="preview-banner-title">${t('admin.console.preview.bannerTitle')}</h2></div><div class="govuk-notification-banner__content"><p class="govuk-notification-banner__heading">${t('admin.console.preview.banner')} <a class="govuk-notification-banner__link" href="${base}">${t('admin.console.preview.back')}</a></p></div></div>`;
    ctx.type = 'html';
    ctx.body = keepLinksInPreview(render(ctx, tenant, lang, page), base, lang)
      .replace(/href="\/theme\.css\?v=[^"]*"/g, `href="${base}/theme.css"`)
      .replace(/src="\/logo(\.svg)?(\?v=[^"]*)?"/g, `src="${base}/logo"`)
      .replace('<main class="govuk-main-wrapper" id="main-content">', `<main class="govuk-main-wrapper" id="main-content">${banner}`);
  });
  return router;
}
