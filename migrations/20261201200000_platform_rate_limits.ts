import type { Knex } from 'knex';
import { PLATFORM_ROLE } from './rls.js';

/**
 * Counters for the admin console's sign-in brake (per address), shared by every
 * admin replica: the platform role only, no council, keys stored as hashes.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('platform_rate_limits', (t) => {
    t.text('bucket').notNullable();
    t.text('key').notNullable();
    t.timestamp('window_start', { useTz: true }).notNullable();
    t.integer('hits').notNullable().defaultTo(0);
    t.primary(['bucket', 'key', 'window_start']);
  });
  await knex.raw(`grant select, insert, update, delete on platform_rate_limits to ${PLATFORM_ROLE}`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('platform_rate_limits');
}
