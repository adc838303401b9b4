import Router from '@koa/router';
import { localise, type Language } from '../i18n/index.js';
import type { Tenant } from '../tenancy/schema.js';
import type { FormDefinitions } from '../forms/definitions.js';

/** The help pages the tenants' footer links point to: each is /help/<page>, view help/<page>, texts help.<page>.*. */
export const HELP_PAGES = ['user-guides', 'contact', 'terms', 'privacy', 'cookies', 'accessibility', 'forms-and-templates'] as const;
export type HelpPage = (typeof HELP_PAGES)[number];

/** The tenant's own values the help texts are filled with; every choice comes from the tenant's config. */
export function helpLocals(tenant: Tenant, lang: Language): Record<string, unknown> {
  const secondStep = tenant.signIn.secondStep;
  return {
    contactTeam: localise(tenant.contact.team, lang),
    contactEmail: tenant.contact.email,
    contactPhone: tenant.contact.phone,
    idleMinutes: tenant.session.idleTimeoutMinutes,
    draftDays: tenant.retention.draftDays,
    codeMinutes: tenant.signIn.codeLifetimeMinutes,
    passwordMinLength: tenant.passwordPolicy.minLength,
    confirmByLink: tenant.registration.confirmation === 'emailLink',
    backOfficeVerification: tenant.registration.backOfficeVerification,
    signInCodeAlways: secondStep === 'always',
    signInCodeSometimes: secondStep === 'optional' || secondStep === 'requiredForServices',
    bilingual: tenant.languages.length > 1,
  };
}

/** The council's forms, for "Forms and templates": each title and who may start it. */
function formsOf(tenant: Tenant, lang: Language, library: FormDefinitions) {
  return tenant.forms.flatMap((enabled) => {
    const form = library.get(enabled.form);
    return form ? [{ title: localise(form.title, lang), onRequest: enabled.start === 'onRequest' }] : [];
  });
}

export function helpRoutes(deps: { forms: FormDefinitions }): Router {
  const router = new Router();
  for (const page of HELP_PAGES) {
    router.get(`/help/${page}`, (ctx) => {
      ctx.render(`help/${page}`, {
        title: ctx.state.t(`help.${page}.title`),
        ...helpLocals(ctx.state.tenant!, ctx.state.lang),
        ...(page === 'forms-and-templates' ? { forms: formsOf(ctx.state.tenant!, ctx.state.lang, deps.forms) } : {}),
      });
    });
  }
  return router;
}
