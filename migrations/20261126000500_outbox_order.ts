import type { Knex } from 'knex';

/** Emails are sent in the order they were queued, even when queued in one transaction. */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('alter table outbox add column seq bigint generated always as identity');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('alter table outbox drop column seq');
}
