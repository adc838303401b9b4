import type { Knex } from 'knex';

/** The mail worker claims one council's due messages at a time (src/platform/mail/worker.ts). */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`create index outbox_tenant_due on outbox (tenant_id, next_attempt_at, seq) where status = 'pending'`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`drop index if exists outbox_tenant_due`);
}
