import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import type { Knex } from 'knex';
import { readCsv } from './csv.js';
import { isValidPostcode, normalisePostcode } from './format.js';
import { WELSH_PARTS } from './lookup.js';

/** The columns we read, by their OS AddressBase / Open UPRN names (and a few common alternatives). */
const COLUMNS = {
  uprn: ['UPRN'],
  organisation: ['ORGANISATION_NAME', 'ORGANISATION'],
  house_number: ['BUILDING_NUMBER', 'HOUSE_NUMBER'],
  house_name: ['SUB_BUILDING_NAME', 'HOUSE_NAME'],
  building_name: ['BUILDING_NAME'],
  street: ['THOROUGHFARE', 'STREET', 'STREET_NAME'],
  district: ['DEPENDENT_LOCALITY', 'LOCALITY', 'DISTRICT'],
  town: ['POST_TOWN', 'TOWN'],
  county: ['COUNTY', 'ADMINISTRATIVE_AREA'],
  postcode: ['POSTCODE'],
  country: ['COUNTRY'],
  /** AddressBase's LPI language: ENG, or CYM for the Welsh form of an address given in English too. */
  language: ['LANGUAGE', 'LANG'],
} as const;

type Column = keyof typeof COLUMNS;
type AddressRow = Record<Exclude<Column, 'language'>, string | number | null>;

/** The values of LANGUAGE that mark a row as the Welsh form. */
const WELSH = new Set(['CYM', 'CY', 'WEL', 'WELSH']);

export interface BadRow {
  line: number;
  reason: string;
}

export interface ImportResult {
  /** Data rows read (not counting the header). */
  rows: number;
  inserted: number;
  updated: number;
  bad: BadRow[];
}

const BATCH = 1000;

function columnIndexes(header: string[]): { indexes: Partial<Record<Column, number>>; missing: Column[] } {
  const names = header.map((h) => h.trim().toUpperCase());
  const indexes: Partial<Record<Column, number>> = {};
  for (const [column, aliases] of Object.entries(COLUMNS) as [Column, readonly string[]][]) {
    const at = names.findIndex((n) => aliases.includes(n));
    if (at >= 0) indexes[column] = at;
  }
  const missing = (['uprn', 'town', 'postcode'] as Column[]).filter((c) => indexes[c] === undefined);
  return { indexes, missing };
}

/** Title Case for place names given in capitals ("HOLTON ROAD" → "Holton Road"); mixed case is kept. */
function tidy(value: string): string | null {
  const text = value.trim().replace(/\s+/g, ' ');
  if (!text) return null;
  if (text !== text.toUpperCase() || !/[A-Z]/.test(text)) return text;
  return text.toLowerCase().replace(/(^|[\s\-'(/])(\p{L})/gu, (_m, sep: string, letter: string) => sep + letter.toUpperCase());
}

function toRow(fields: string[], indexes: Partial<Record<Column, number>>): { row: AddressRow; welsh: boolean } | string {
  const get = (c: Column) => (indexes[c] === undefined ? '' : (fields[indexes[c]!] ?? '').trim());
  const uprn = get('uprn');
  if (!/^\d{1,12}$/.test(uprn) || Number(uprn) === 0) return `UPRN "${uprn}" is not a number of up to 12 digits`;
  const postcode = get('postcode');
  if (!postcode) return 'POSTCODE is empty';
  if (!isValidPostcode(postcode)) return `POSTCODE "${postcode}" is not a UK postcode`;
  const town = get('town');
  if (!town) return 'POST_TOWN is empty';
  const row = {
    uprn: Number(uprn),
    organisation: tidy(get('organisation')),
    house_number: get('house_number') || null,
    house_name: tidy(get('house_name')),
    building_name: tidy(get('building_name')),
    street: tidy(get('street')),
    district: tidy(get('district')),
    town: tidy(town),
    county: tidy(get('county')),
    postcode: normalisePostcode(postcode),
    country: tidy(get('country')) ?? 'United Kingdom',
  };
  return { row, welsh: WELSH.has(get('language').toUpperCase()) };
}

const MAIN_COLUMNS = ['organisation', 'house_number', 'house_name', 'building_name', 'street', 'district', 'town', 'county', 'postcode', 'country'] as const;

/**
 * The Welsh forms: stored in `welsh` of their UPRN. An address known only in Welsh so far
 * takes the Welsh values as its own too, until its English row arrives (which keeps `welsh`).
 */
async function upsertWelsh(db: Knex, batch: Map<number, AddressRow>, result: ImportResult): Promise<void> {
  if (!batch.size) return;
  const rows = [...batch.values()].map((row) => ({ ...row, welsh: JSON.stringify(Object.fromEntries(WELSH_PARTS.map((p) => [p, row[p]]))) }));
  const insert = db('addresses').insert(rows).onConflict('uprn').merge(['welsh']);
  const { rows: done } = await db.raw<{ rows: { inserted: boolean }[] }>('? returning (xmax = 0) as inserted', [insert]);
  for (const row of done) {
    if (row.inserted) result.inserted++;
    else result.updated++;
  }
  batch.clear();
}

async function upsert(db: Knex, batch: Map<number, AddressRow>, result: ImportResult): Promise<void> {
  if (!batch.size) return;
  // The Welsh form (`welsh`) stays as it is.
  const insert = db('addresses').insert([...batch.values()]).onConflict('uprn').merge([...MAIN_COLUMNS]);
  // xmax = 0 only for rows this statement inserted (not updated).
  const { rows } = await db.raw<{ rows: { inserted: boolean }[] }>('? returning (xmax = 0) as inserted', [insert]);
  for (const row of rows) {
    if (row.inserted) result.inserted++;
    else result.updated++;
  }
  batch.clear();
}

/**
 * Loads addresses from CSV into the `addresses` table, streaming the input and
 * upserting by UPRN in batches. Bad rows are skipped and reported with their line.
 * Needs a connection allowed to write the list (the platform role).
 */
export async function importAddresses(db: Knex, input: Readable | string): Promise<ImportResult> {
  const stream = typeof input === 'string' ? createReadStream(input) : input;
  const result: ImportResult = { rows: 0, inserted: 0, updated: 0, bad: [] };
  let indexes: Partial<Record<Column, number>> | undefined;
  let width = 0;
  // Later rows with the same UPRN win, also inside one batch.
  const batch = new Map<number, AddressRow>();
  const welshBatch = new Map<number, AddressRow>();
  const flush = async () => {
    await upsert(db, batch, result);
    await upsertWelsh(db, welshBatch, result);
  };
  for await (const record of readCsv(stream)) {
    if (!indexes) {
      const header = columnIndexes(record.fields);
      if (record.problem || header.missing.length) {
        throw new Error(`Line ${record.line}: the header must name the columns ${header.missing.join(', ') || 'UPRN, POST_TOWN, POSTCODE'}`);
      }
      indexes = header.indexes;
      width = record.fields.length;
      continue;
    }
    result.rows++;
    if (record.problem) {
      result.bad.push({ line: record.line, reason: record.problem });
      continue;
    }
    if (record.fields.length !== width) {
      result.bad.push({ line: record.line, reason: `has ${record.fields.length} values; the header has ${width}` });
      continue;
    }
    const read = toRow(record.fields, indexes);
    if (typeof read === 'string') {
      result.bad.push({ line: record.line, reason: read });
      continue;
    }
    (read.welsh ? welshBatch : batch).set(read.row.uprn as number, read.row);
    if (batch.size + welshBatch.size >= BATCH) await flush();
  }
  if (!indexes) throw new Error('The file is empty: it needs a header line naming UPRN, POST_TOWN and POSTCODE');
  await flush();
  return result;
}
