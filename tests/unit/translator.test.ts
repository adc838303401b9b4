import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { i18n, LANGUAGES, LOCALES_DIR, textWith, translator } from '../../src/i18n/index.js';
import { formatNumber } from '../../src/i18n/numbers.js';

/** Every key of a locale tree, plural forms by their stem. */
function keys(node: unknown, prefix = ''): string[] {
  if (typeof node === 'string' || Array.isArray(node)) return [prefix.replace(/_(zero|one|two|few|many|other)$/, '')];
  return Object.entries(node as Record<string, unknown>).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

const allKeys = [
  ...new Set(
    readdirSync(path.join(LOCALES_DIR, 'en'))
      .filter((f) => f.endsWith('.json'))
      .flatMap((f) => keys(JSON.parse(readFileSync(path.join(LOCALES_DIR, 'en', f), 'utf8')), path.basename(f, '.json'))),
  ),
];

describe('the page translator (remembered texts, i18next for the rest)', () => {
  for (const lang of LANGUAGES) {
    const t = translator(lang);
    const reference = i18n.getFixedT(lang);

    it(`${lang}: every text without options reads as i18next's own, the first time and when remembered`, () => {
      expect(allKeys.length).toBeGreaterThan(500);
      for (const key of allKeys) {
        const expected = reference(key);
        expect(t(key), key).toEqual(expected);
        expect(t(key, {}), key).toEqual(expected);
      }
    });

    it(`${lang}: interpolation and plural forms go through i18next with the page language`, () => {
      for (const count of [0, 1, 2, 3, 6, 21]) {
        expect(t('backoffice-send.link.found', { count })).toBe(reference('backoffice-send.link.found', { count }));
        expect(t('backoffice-send.submissions.count', { count })).toBe(reference('backoffice-send.submissions.count', { count }));
      }
      expect(t('common.footerContact', { team: 'Tîm <SEN>' })).toBe(reference('common.footerContact', { team: 'Tîm <SEN>' }));
      expect(t('common.footerContact', { team: 'A' })).not.toBe(t('common.footerContact', { team: 'B' }));
    });
  }

  it('keeps each language apart, and an explicit language in the options wins', () => {
    expect(translator('cy')('common.myAccount')).toBe('Fy Nghyfrif');
    expect(translator('en')('common.myAccount')).not.toBe('Fy Nghyfrif');
    expect(translator('en')('backoffice-send.submissions.count', { count: 2, lng: 'cy' })).toBe(i18n.getFixedT('cy')('backoffice-send.submissions.count', { count: 2 }));
  });

  it('hands a default value (second argument) and unknown keys to i18next unchanged', () => {
    const t = translator('en');
    expect(t('no.such.key', 'A default')).toBe(i18n.getFixedT('en')('no.such.key', 'A default'));
    expect(t('no.such.key')).toBe('no.such.key');
  });

  for (const lang of LANGUAGES) {
    it(`${lang}: a text with one variable for many values reads as asking i18next for each`, () => {
      const t = translator(lang);
      const label = textWith(t, 'people.select.selectPerson', 'name');
      for (const name of ["O'Brien, Seán", 'Jones, Ŵyn', '{{name}}', '$& $1 $$', '$t(common.home)', '<b>Bold</b> & co', '', 'a\u0000b']) {
        expect(label(name), name).toBe(i18n.getFixedT(lang)('people.select.selectPerson', { name }));
      }
      expect(textWith(t, 'common.home', 'name')('ignored')).toBe(t('common.home'));
    });
  }

  it('formats numbers in the page language, the same as a new Intl.NumberFormat', () => {
    for (const n of [0, 7, 1000, 1234567]) {
      expect(formatNumber(n, 'en')).toBe(new Intl.NumberFormat('en-GB').format(n));
      expect(formatNumber(n, 'cy')).toBe(new Intl.NumberFormat('cy-GB').format(n));
    }
    expect(formatNumber(1000, 'en')).toBe('1,000');
  });
});
