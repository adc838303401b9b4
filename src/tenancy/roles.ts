import { localise, type Language } from '../i18n/index.js';
import type { TenantConfig } from './schema.js';

type WithRoles = Pick<TenantConfig, 'registration'>;

const same = (a: string | undefined, b: string) => !!a && a.trim().toLowerCase() === b.trim().toLowerCase();

function suggested(tenant: WithRoles, role: string) {
  return tenant.registration.roles.find((r) => same(r.en, role) || same(r.cy, role));
}

/** The council's role suggestions in the page language. */
export function roleSuggestions(tenant: WithRoles, lang: Language): string[] {
  return tenant.registration.roles.map((r) => localise(r, lang));
}

/** A saved role as the page shows it: a suggested role in the page language, any other as it was typed. */
export function roleShown(tenant: WithRoles, role: string, lang: Language): string {
  const found = suggested(tenant, role);
  return found ? localise(found, lang) : role;
}

/** The role to save: a suggested role in English whichever language it was chosen in (so it reads right in both), any other as typed. */
export function roleToSave(tenant: WithRoles, typed: string): string {
  return suggested(tenant, typed)?.en ?? typed;
}
