import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES_DIR } from '../../src/i18n/index.js';

const PLURAL = /_(zero|one|two|few|many|other)$/;
/** The platform admin console is for platform staff and in English only; what councils' people see is in both languages. */
const ENGLISH_ONLY = /^console(\.|$)/;

function keys(node: unknown, prefix = ''): string[] {
  if (typeof node === 'string') return [prefix.replace(PLURAL, '')];
  if (Array.isArray(node)) return [prefix];
  return Object.entries(node as Record<string, unknown>).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

function texts(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (Array.isArray(node)) return node.flatMap(texts);
  return Object.values(node as Record<string, unknown>).flatMap(texts);
}

describe('English and Welsh texts', () => {
  const files = readdirSync(path.join(LOCALES_DIR, 'en')).filter((f) => f.endsWith('.json'));

  it('has a Welsh file for every English one', () => {
    expect(readdirSync(path.join(LOCALES_DIR, 'cy')).filter((f) => f.endsWith('.json')).sort()).toEqual(files.sort());
  });

  for (const file of files) {
    it(`${file}: every text exists in both languages, none empty`, () => {
      const en = JSON.parse(readFileSync(path.join(LOCALES_DIR, 'en', file), 'utf8'));
      const cy = JSON.parse(readFileSync(path.join(LOCALES_DIR, 'cy', file), 'utf8'));
      const inEnglish = keys(en).filter((k) => !(file === 'admin.json' && ENGLISH_ONLY.test(k)));
      expect([...new Set(keys(cy))].sort()).toEqual([...new Set(inEnglish)].sort());
      for (const text of [...texts(en), ...texts(cy)]) expect(text.trim()).not.toBe('');
    });
  }
});
