import type { Knex } from 'knex';

/**
 * Staff roles: what each council staff member may do in the back office
 * (council-admin, send-officer, social-care-intake, early-help-intake); staff
 * accounts made before roles existed get every role.
 *
 * Uploads in three steps: a row is reserved ("receiving") before the bytes arrive,
 * then completed; the scan job leases a pending file while clamd reads it, with no
 * transaction open. Pending and receiving rows are found by partial indexes.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`alter table accounts add column staff_roles text[] not null default '{}'`);
  await knex.raw(`update accounts set staff_roles = '{council-admin,send-officer,social-care-intake,early-help-intake}' where kind = 'staff'`);
  await knex.raw(`alter table uploads drop constraint uploads_status`);
  await knex.raw(`alter table uploads add constraint uploads_status check (status in ('receiving','pending','clean','infected'))`);
  await knex.raw(`alter table uploads add column scan_lease_until timestamptz`);
  await knex.raw(`create index uploads_receiving on uploads (created_at) where status = 'receiving'`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`drop index if exists uploads_receiving`);
  await knex.raw(`alter table uploads drop column scan_lease_until`);
  await knex.raw(`delete from uploads where status = 'receiving'`);
  await knex.raw(`alter table uploads drop constraint uploads_status`);
  await knex.raw(`alter table uploads add constraint uploads_status check (status in ('pending','clean','infected'))`);
  await knex.raw(`alter table accounts drop column staff_roles`);
}
