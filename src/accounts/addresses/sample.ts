import path from 'node:path';
import type { Knex } from 'knex';
import { importAddresses, type ImportResult } from './import.js';

/** A few made-up addresses in each council's area, so postcode look-ups work out of the box. */
export const SAMPLE_ADDRESSES = path.resolve(import.meta.dirname, '../../../data/addresses-sample.csv');

/**
 * Loads data/addresses-sample.csv when the address list is empty (a new
 * development or test database). A real list, once imported, is never touched.
 * `platform` must be the platform role's connection (it may write the list).
 */
export async function loadSampleAddressesIfEmpty(platform: Knex): Promise<ImportResult | undefined> {
  const any = await platform('addresses').first('uprn');
  if (any) return undefined;
  return importAddresses(platform, SAMPLE_ADDRESSES);
}
