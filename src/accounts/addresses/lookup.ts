import type { Language } from '../../i18n/index.js';
import { db } from '../../platform/db/unit-of-work.js';
import { formatAddress, fromAddressColumns, isValidPostcode, normalisePostcode, type Address } from './format.js';

/**
 * Postcode look-up over the national address list (table `addresses`, OS AddressBase /
 * Open UPRN style). Used by registration, My Account (work roles), "Add child" and
 * the forms' address questions (given to them by the composition root).
 */

interface AddressRow {
  uprn: number;
  organisation: string | null;
  house_number: string | null;
  house_name: string | null;
  building_name: string | null;
  street: string | null;
  district: string | null;
  town: string;
  county: string | null;
  postcode: string;
  country: string;
  /** The Welsh form of the text parts, where the list has one. */
  welsh?: Partial<Record<'organisation' | 'house_name' | 'building_name' | 'street' | 'district' | 'town' | 'county', string | null>> | null;
}

/** The text parts that have a Welsh form. */
export const WELSH_PARTS = ['organisation', 'house_name', 'building_name', 'street', 'district', 'town', 'county'] as const;

/** The row in the page language: on Welsh pages, the Welsh form of each part that has one. */
function inLanguage(row: AddressRow, lang: Language): AddressRow {
  if (lang !== 'cy' || !row.welsh) return row;
  const welsh = Object.fromEntries(WELSH_PARTS.filter((p) => row.welsh?.[p]).map((p) => [p, row.welsh![p]]));
  return { ...row, ...welsh };
}

const fromRow = (row: AddressRow): Address => ({
  ...fromAddressColumns(row),
  uprn: Number(row.uprn),
  organisation: row.organisation,
  town: row.town,
  postcode: row.postcode,
  country: row.country,
});

/**
 * The addresses at a postcode, in the order people expect to scan them
 * (alphabetical, numbers in numeric order). An invalid postcode finds nothing.
 * Runs in the current tenant transaction (the list itself is not tenant data).
 */
export async function findAddresses(postcode: string, lang: Language = 'en'): Promise<Address[]> {
  if (!isValidPostcode(postcode)) return [];
  const rows: AddressRow[] = await (await db())('addresses').where({ postcode: normalisePostcode(postcode) }).limit(500);
  const collator = new Intl.Collator(lang === 'cy' ? 'cy-GB' : 'en-GB', { numeric: true, sensitivity: 'base' });
  return rows.map((row) => fromRow(inLanguage(row, lang))).sort((a, b) => collator.compare(formatAddress(a), formatAddress(b)));
}

/** One address by its UPRN, when it is at the given postcode (so a tampered form finds nothing). */
export async function findAddress(postcode: string, uprn: number | string, lang: Language = 'en'): Promise<Address | undefined> {
  const wanted = Number(uprn);
  if (!Number.isSafeInteger(wanted)) return undefined;
  return (await findAddresses(postcode, lang)).find((a) => a.uprn === wanted);
}
