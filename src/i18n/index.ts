import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import i18next, { type TFunction } from 'i18next';
import type { LocalisedText } from './text.js';

export { localisedText, type LocalisedText } from './text.js';

export const LOCALES_DIR = path.resolve(import.meta.dirname, '../../locales');
export const LANGUAGES = ['en', 'cy'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * Welsh has six plural forms (zero, one, two, few, many, other). Where a text
 * gives only some of them, the missing ones read as its `_other` form.
 */
function fillPluralForms(node: Record<string, unknown>, categories: string[]): void {
  for (const [key, value] of Object.entries(node)) {
    if (value && typeof value === 'object') fillPluralForms(value as Record<string, unknown>, categories);
    if (key.endsWith('_other')) {
      const stem = key.slice(0, -'_other'.length);
      for (const category of categories) if (!(`${stem}_${category}` in node)) node[`${stem}_${category}`] = value;
    }
  }
}

/** locales/<lang>/<file>.json becomes the keys `<file>.*` for that language. */
function loadResources(dir: string) {
  const resources: Record<string, { translation: Record<string, unknown> }> = {};
  for (const lang of LANGUAGES) {
    const translation: Record<string, unknown> = {};
    for (const file of readdirSync(path.join(dir, lang)).filter((f) => f.endsWith('.json')).sort()) {
      translation[path.basename(file, '.json')] = JSON.parse(readFileSync(path.join(dir, lang, file), 'utf8'));
    }
    fillPluralForms(translation, new Intl.PluralRules(lang).resolvedOptions().pluralCategories);
    resources[lang] = { translation };
  }
  return resources;
}

const instance = i18next.createInstance();
await instance.init({
  resources: loadResources(LOCALES_DIR),
  lng: 'en',
  fallbackLng: false,
  supportedLngs: [...LANGUAGES],
  // Handlebars escapes output; escaping here too would double-escape.
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
  showSupportNotice: false,
});

/** At most this many texts are remembered per language (more than the locale files hold, so a key made from input cannot grow it without end). */
const MEMO_LIMIT = 10_000;

/**
 * The page language's `t`. i18next's own fixed `t` (`getFixedT`) costs 8–20 µs a call here
 * (it copies all of i18next's options on every call), and a page asks for a dozen texts or
 * more, so:
 * - a text asked for without options (a Handlebars `{{t "key"}}` passes an empty hash) is
 *   looked up once per language and remembered: the texts are loaded once and never change;
 * - a call with options (interpolation, plurals, `returnObjects`) goes to `i18n.t` with the
 *   language added, which is what the fixed `t` does, without the copying;
 * - anything else (a default value as the second argument) goes to the fixed `t` itself.
 */
function pageTranslator(lang: Language): TFunction {
  const fixedT = instance.getFixedT(lang);
  const texts = new Map<string, string>();
  const t = (key: unknown, options?: unknown, ...rest: unknown[]): unknown => {
    if (typeof key !== 'string' || rest.length > 0 || (options !== undefined && (typeof options !== 'object' || options === null))) {
      return Reflect.apply(fixedT, undefined, [key, options, ...rest]) as unknown;
    }
    if (options !== undefined && Object.keys(options).length > 0) {
      const given = options as Record<string, unknown>;
      return instance.t(key, { ...given, lng: (given.lng as Language | undefined) || lang });
    }
    let text = texts.get(key);
    if (text === undefined) {
      const found: unknown = instance.t(key, { lng: lang });
      if (typeof found !== 'string') return found;
      text = found;
      if (texts.size < MEMO_LIMIT) texts.set(key, text);
    }
    return text;
  };
  // i18next's TFunction is a set of generic overloads no plain function can be declared with.
  return t as unknown as TFunction;
}

const fixed = new Map<Language, TFunction>(LANGUAGES.map((l) => [l, pageTranslator(l)]));

export function translator(lang: Language): TFunction {
  return fixed.get(lang)!;
}

/** textWith's texts, split where the value goes, per translator (language) and key: the texts never change. */
const splitTexts = new WeakMap<TFunction, Map<string, string[]>>();

/**
 * A text with one variable, for many values (a label on every row of a list): i18next is
 * asked once, with a marker for the value, and each value is put where the marker is. The
 * same as `t(key, { [name]: value })` (values are inserted as they are, never read as texts
 * themselves; Handlebars escapes them), for a fraction of the cost of asking each time.
 */
export function textWith(t: TFunction, key: string, name: string): (value: string) => string {
  let texts = splitTexts.get(t);
  if (!texts) splitTexts.set(t, (texts = new Map()));
  const id = `${key}\u0000${name}`;
  let parts = texts.get(id);
  if (!parts) {
    const marker = `\u0000${name}\u0000`;
    parts = String(t(key, { [name]: marker })).split(marker);
    // Keys come from code, not input: a handful per translator.
    if (texts.size < MEMO_LIMIT) texts.set(id, parts);
  }
  const split = parts;
  return (value) => split.join(value);
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Picks the text of a tenant's own wording in the page language (English when no Welsh is given). */
export function localise(text: LocalisedText | undefined, lang: Language): string {
  if (!text) return '';
  return (lang === 'cy' ? text.cy : undefined) ?? text.en;
}

export function hasKey(key: string, lang: Language): boolean {
  return instance.exists(key, { lng: lang });
}

export const i18n = instance;
