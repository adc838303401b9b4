import type { TFunction } from 'i18next';
import type Koa from 'koa';
import { formatNumber } from '../i18n/numbers.js';
import { localise, type Language } from '../i18n/index.js';
import type { LocalisedText } from '../tenancy/schema.js';

/**
 * The council's own values a form definition's texts may name as placeholders,
 * e.g. "call the Emergency Duty Team on {{council.emergencyPhone}}". The route
 * fills them from the tenant (see src/forms/README.md).
 */
export interface CouncilValues {
  /** The council's name in the page language. */
  name?: string;
  /** The council's general contact number. */
  phone?: string;
  /** The children's services emergency duty team (out of hours) number. */
  emergencyPhone?: string;
  /** The out-of-hours number, when the council gives one apart from the emergency duty team. */
  outOfHoursPhone?: string;
}

/** What every text of a form page needs: the translator, the page language, the council's values. */
export interface Texts {
  t: TFunction;
  lang: Language;
  council?: CouncilValues;
  /** The age today of the child or young person the form is about (answers that depend on it are checked against it). */
  childAge?: number;
}

/** Age in whole years on `today` of someone born on `dateOfBirth` (YYYY-MM-DD). */
export function ageOn(dateOfBirth: string, today: Date = new Date()): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateOfBirth);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [ty, tm, td] = today.toLocaleDateString('en-CA', { timeZone: 'Europe/London' }).split('-').map(Number) as [number, number, number];
  return ty - y - (tm < mo || (tm === mo && td < d) ? 1 : 0);
}

export const formatCount = (n: number, lang: Language) => formatNumber(n, lang);

const PLACEHOLDER = /\{\{\s*council\.([a-zA-Z]+)\s*\}\}/g;
export const PLACEHOLDER_NAMES = ['name', 'phone', 'emergencyPhone', 'outOfHoursPhone'] as const satisfies readonly (keyof CouncilValues)[];

const isPlaceholderName = (name: string): name is keyof CouncilValues => (PLACEHOLDER_NAMES as readonly string[]).includes(name);

/** The placeholders a text uses ("emergencyPhone" for {{council.emergencyPhone}}). */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

/** Fills {{council.x}} placeholders; a value the council has not given reads as a plain "the council" text. */
export function fillPlaceholders(text: string, texts: Texts): string {
  if (!text.includes('{{')) return text;
  return text.replace(PLACEHOLDER, (_, name: string) => {
    const value = isPlaceholderName(name) ? texts.council?.[name] : undefined;
    return value ?? texts.t(`forms.placeholders.${isPlaceholderName(name) ? name : 'unknown'}`);
  });
}

/** A text of a form definition in the page language, with the council's values filled in. */
export function formText(text: LocalisedText | undefined, texts: Texts): string {
  return fillPlaceholders(localise(text, texts.lang), texts);
}

/** "Amy Smith, Tom Smith and Jo Smith" (Welsh: "… a Jo", "… ac Alun": "ac" before a vowel). */
export function listOfNames(names: string[], texts: Texts): string {
  if (names.length < 2) return names.join('');
  const last = names.at(-1)!;
  const and = texts.t(/^[aeiouwy]/i.test(last) ? 'forms.list.andBeforeVowel' : 'forms.list.and');
  return `${names.slice(0, -1).join(', ')} ${and} ${last}`;
}

/** The page's texts: the translator, the language, the council's own values for {{council.x}} in form texts, and the child's age (for age rules). */
export function textsOf(ctx: Koa.Context): Texts {
  const tenant = ctx.state.tenant;
  const council = tenant
    ? { name: localise(tenant.name, ctx.state.lang), phone: tenant.contact.phone, emergencyPhone: tenant.contact.emergencyPhone, outOfHoursPhone: tenant.contact.outOfHoursPhone }
    : undefined;
  const child = ctx.state.formScope?.child;
  return { t: ctx.state.t, lang: ctx.state.lang, council, ...(child?.date_of_birth ? { childAge: ageOn(child.date_of_birth) } : {}) };
}
