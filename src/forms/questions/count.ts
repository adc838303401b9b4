import { formatCount, type Texts } from '../texts.js';

/** govuk-frontend's character count texts ("data-i18n.*" attributes), in every plural form of the language. */
export function countAttributes(max: number, texts: Texts): { name: string; value: string }[] {
  const categories = new Intl.PluralRules(texts.lang === 'cy' ? 'cy' : 'en').resolvedOptions().pluralCategories;
  const limit = formatCount(max, texts.lang);
  const plural = (attr: string, key: string) => categories.map((c) => ({ name: `data-i18n.${attr}.${c}`, value: texts.t(`${key}_${c}`, { max: limit }) }));
  return [
    ...plural('characters-under-limit', 'forms.count.under'),
    { name: 'data-i18n.characters-at-limit', value: texts.t('forms.count.atLimit', { max: limit }) },
    ...plural('characters-over-limit', 'forms.count.over'),
  ];
}
