/**
 * UK addresses and postcodes as people read and type them: the parts, the
 * postcode format, one-line and multi-line forms, and the standard address
 * columns. No database: the look-up over the national list is lookup.ts.
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
