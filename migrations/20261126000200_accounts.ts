import type { Knex } from 'knex';
import { APP_ROLE, PLATFORM_ROLE, protectTenantTable, tenantColumn } from './rls.js';

export async function up(knex: Knex): Promise<void> {
  // Professionals and council staff. One person may hold both, as two accounts.
  await knex.schema.createTable('accounts', (t) => {
    tenantColumn(t);
    t.uuid('id').notNullable().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('kind').notNullable(); // professional | staff
    t.text('email').notNullable(); // stored lower-case
    t.text('password_hash').notNullable();
    // unconfirmed → (awaiting_verification →) active; rejected and closed end an account
    t.text('status').notNullable().defaultTo('unconfirmed');
    t.text('title');
    t.text('forename').notNullable();
    t.text('surname').notNullable();
    t.text('gender');
    t.text('two_step').notNullable().defaultTo('none'); // none | email
    t.text('preferred_language').notNullable().defaultTo('en');
    t.timestamp('email_confirmed_at', { useTz: true });
    t.timestamp('verified_at', { useTz: true });
    t.uuid('verified_by');
    t.text('rejection_reason');
    t.integer('failed_sign_ins').notNullable().defaultTo(0);
    t.timestamp('locked_until', { useTz: true });
    // Sessions created before this moment are no longer valid (password reset, sign out everywhere).
    t.timestamp('sessions_valid_after', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('last_sign_in_at', { useTz: true });
    t.timestamp('closed_at', { useTz: true });
    t.timestamps(true, true);
    t.primary(['tenant_id', 'id']);
  });
  await knex.raw(`alter table accounts add constraint accounts_kind check (kind in ('professional','staff'))`);
  await knex.raw(`alter table accounts add constraint accounts_status check (status in ('unconfirmed','awaiting_verification','active','rejected','closed'))`);
  await knex.raw(`alter table accounts add constraint accounts_two_step check (two_step in ('none','email'))`);
  await knex.raw(`create unique index accounts_email on accounts (tenant_id, kind, email)`);
  await knex.raw(`create index accounts_status_idx on accounts (tenant_id, kind, status, created_at)`);
  await protectTenantTable(knex, 'accounts');

  // A professional's roles: each with its organisation, work address and phones.
  await knex.schema.createTable('work_roles', (t) => {
    tenantColumn(t);
    t.uuid('id').notNullable().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('account_id').notNullable();
    t.text('role').notNullable();
    t.text('organisation').notNullable();
    t.text('house_number');
    t.text('house_name');
    t.text('building_name');
    t.text('street');
    t.text('district');
    t.text('town');
    t.text('county');
    t.text('postcode');
    t.text('country');
    t.bigInteger('uprn');
    t.text('mobile');
    t.text('work_phone');
    t.timestamps(true, true);
    t.primary(['tenant_id', 'id']);
    t.foreign(['tenant_id', 'account_id']).references(['tenant_id', 'id']).inTable('accounts').onDelete('cascade');
    t.index(['tenant_id', 'account_id']);
  });
  await protectTenantTable(knex, 'work_roles');

  // Emailed codes and links: only a hash is stored. One live secret per account and purpose.
  await knex.schema.createTable('email_secrets', (t) => {
    tenantColumn(t);
    t.uuid('id').notNullable().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('account_id');
    t.text('email').notNullable();
    t.text('purpose').notNullable(); // confirm-email | sign-in | reset-password | register | change-email
    t.text('secret_hash').notNullable();
    t.jsonb('payload').notNullable().defaultTo('{}');
    t.integer('attempts').notNullable().defaultTo(0);
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('used_at', { useTz: true });
    t.timestamp('replaced_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['tenant_id', 'id']);
    t.foreign(['tenant_id', 'account_id']).references(['tenant_id', 'id']).inTable('accounts').onDelete('cascade');
    t.index(['tenant_id', 'purpose', 'email']);
    t.index(['tenant_id', 'secret_hash']);
  });
  await protectTenantTable(knex, 'email_secrets');

  // Fixed-window counters for rate limits, per tenant, bucket and key (account or address).
  await knex.schema.createTable('rate_limits', (t) => {
    tenantColumn(t);
    t.text('bucket').notNullable();
    t.text('key').notNullable();
    t.timestamp('window_start', { useTz: true }).notNullable();
    t.integer('hits').notNullable().defaultTo(0);
    t.primary(['tenant_id', 'bucket', 'key', 'window_start']);
  });
  await protectTenantTable(knex, 'rate_limits');

  // The national address list for postcode look-ups (OS AddressBase / Open UPRN style). Not tenant data.
  await knex.schema.createTable('addresses', (t) => {
    t.bigInteger('uprn').primary();
    t.text('organisation');
    t.text('house_number');
    t.text('house_name');
    t.text('building_name');
    t.text('street');
    t.text('district');
    t.text('town').notNullable();
    t.text('county');
    t.text('postcode').notNullable(); // normalised: upper case, one space
    t.text('country').notNullable().defaultTo('United Kingdom');
  });
  await knex.raw(`create index addresses_postcode on addresses (postcode)`);
  await knex.raw(`grant select on addresses to ${APP_ROLE}`);
  await knex.raw(`grant select, insert, update, delete on addresses to ${PLATFORM_ROLE}`);
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['addresses', 'rate_limits', 'email_secrets', 'work_roles', 'accounts']) await knex.schema.dropTableIfExists(table);
}
