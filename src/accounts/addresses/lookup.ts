import type { Language } from '../../i18n/index.js';
import { db } from '../../platform/db/unit-of-work.js';

/**
 * Postcode look-up over the national address list (table `addresses`, OS AddressBase /
 * Open UPRN style). Used by registration, My Account (work roles) and "Add child".
 */

/** The parts of a UK address, as people see them on the page. */
export interface AddressParts {
  organisation?: string | null;
  houseNumber?: string | null;
  houseName?: string | null;
  buildingName?: string | null;
  street?: string | null;
  district?: string | null;
  town?: string | null;
  county?: string | null;
  postcode?: string | null;
  country?: string | null;
}

/** One address from the national list: its UPRN and its parts. */
export interface Address extends AddressParts {
  uprn: number;
  town: string;
  postcode: string;
  country: string;
}

// The full UK format (outward code, space, inward code), including the special GIR 0AA.
const POSTCODE = /^(GIR 0AA|[A-PR-UWYZ]([0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRVWXY]) [0-9][ABD-HJLNP-UW-Z]{2})$/;

/** "cf634ru", " CF63  4RU " → "CF63 4RU": upper case with one space before the last three characters. */
export function normalisePostcode(postcode: string): string {
  const compact = postcode.replace(/\s+/g, '').toUpperCase();
  return compact.length > 3 ? `${compact.slice(0, -3)} ${compact.slice(-3)}` : compact;
}

/** Whether this is a postcode in the UK format (it may still not exist). */
export function isValidPostcode(postcode: string): boolean {
  return POSTCODE.test(normalisePostcode(postcode));
}

/** "12 High Street" or "High Street" or "12". */
function streetLine(parts: AddressParts): string | undefined {
  const line = [parts.houseNumber, parts.street].map((p) => p?.trim()).filter(Boolean).join(' ');
  return line || undefined;
}

const present = (parts: (string | null | undefined)[]) => parts.map((p) => (typeof p === 'string' ? p.trim() : '')).filter(Boolean);

/** One line, as in a list of addresses: "Civic Offices, Holton Road, Barry, CF63 4RU" (no county or country). */
export function formatAddress(parts: AddressParts): string {
  return present([parts.organisation, parts.houseName, parts.buildingName, streetLine(parts), parts.district, parts.town, parts.postcode]).join(', ');
}

/** The address as lines, for a summary list or a letter (with the county; without the country). */
export function addressLines(parts: AddressParts): string[] {
  return present([parts.organisation, parts.houseName, parts.buildingName, streetLine(parts), parts.district, parts.town, parts.county, parts.postcode]);
}

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
  uprn: Number(row.uprn),
  organisation: row.organisation,
  houseNumber: row.house_number,
  houseName: row.house_name,
  buildingName: row.building_name,
  street: row.street,
  district: row.district,
  town: row.town,
  county: row.county,
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

/** The columns a work role (or any table with the same address columns) stores an address in. */
export function toAddressColumns(address: AddressParts & { uprn?: number | null }) {
  const clean = (v: string | null | undefined) => (v && v.trim() ? v.trim() : null);
  return {
    house_number: clean(address.houseNumber),
    house_name: clean(address.houseName),
    building_name: clean(address.buildingName),
    street: clean(address.street),
    district: clean(address.district),
    town: clean(address.town),
    county: clean(address.county),
    postcode: address.postcode ? normalisePostcode(address.postcode) : null,
    country: clean(address.country),
    uprn: address.uprn ?? null,
  };
}

/** The address parts of a row with the standard address columns (e.g. a work role). */
export function fromAddressColumns(row: Partial<Record<'house_number' | 'house_name' | 'building_name' | 'street' | 'district' | 'town' | 'county' | 'postcode' | 'country', string | null>>): AddressParts {
  return {
    houseNumber: row.house_number,
    houseName: row.house_name,
    buildingName: row.building_name,
    street: row.street,
    district: row.district,
    town: row.town,
    county: row.county,
    postcode: row.postcode,
    country: row.country,
  };
}
