import type { Knex } from 'knex';

/**
 * The Welsh form of an address, where the address list has one (AddressBase gives
 * a second LPI with LANGUAGE = CYM for many addresses in Wales): its text parts,
 * shown on Welsh pages instead of the English ones.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`alter table addresses add column welsh jsonb`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`alter table addresses drop column welsh`);
}
