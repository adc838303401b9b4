import { localise, type Language } from '../i18n/index.js';
import type { Tenant } from '../tenancy/schema.js';

/** The signed-out home page's view model (also drawn by the admin console's preview of a council). */
export function signedOutHomeView(tenant: Tenant, lang: Language, t: (key: string) => string) {
  return {
    title: t('home.title'),
    welcome: localise(tenant.home.welcome, lang),
    intro: localise(tenant.home.intro, lang),
    audienceHeading: localise(tenant.home.audienceHeading, lang),
    audience: tenant.home.audience.map((a) => localise(a, lang)),
    canDoHeading: localise(tenant.home.canDoHeading, lang),
    canDo: tenant.home.canDo.map((a) => localise(a, lang)),
  };
}
