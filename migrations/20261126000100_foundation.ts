import type { Knex } from 'knex';
import { APP_ROLE, PLATFORM_ROLE, protectTenantTable, tenantColumn } from './rls.js';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`create schema if not exists app`);
  await knex.raw(`
    create or replace function app.current_tenant_id() returns uuid
      language sql stable
      as $$ select nullif(current_setting('app.tenant_id', true), '')::uuid $$`);
  await knex.raw(`grant usage on schema app to ${APP_ROLE}, ${PLATFORM_ROLE}`);
  await knex.raw(`grant execute on function app.current_tenant_id() to ${APP_ROLE}, ${PLATFORM_ROLE}`);

  // The list of councils. Not tenant data: every request needs to find its tenant.
  await knex.schema.createTable('tenants', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('slug').notNullable().unique();
    t.jsonb('config').notNullable();
    t.text('source').notNullable().defaultTo('file');
    t.boolean('active').notNullable().defaultTo(true);
    t.timestamps(true, true);
  });
  await knex.raw(`grant select on tenants to ${APP_ROLE}`);
  await knex.raw(`grant select, insert, update on tenants to ${PLATFORM_ROLE}`);

  await knex.schema.createTable('sessions', (t) => {
    tenantColumn(t);
    t.text('id').notNullable(); // sha-256 of the cookie's session key, never the key itself
    t.jsonb('data').notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['tenant_id', 'id']);
    t.index(['expires_at']);
  });
  await protectTenantTable(knex, 'sessions');

  await knex.schema.createTable('outbox', (t) => {
    tenantColumn(t);
    t.uuid('id').notNullable().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('to_address').notNullable();
    t.text('template').notNullable();
    t.text('locale').notNullable().defaultTo('en');
    t.jsonb('data').notNullable().defaultTo('{}');
    t.text('status').notNullable().defaultTo('pending'); // pending | sent | failed
    t.integer('attempts').notNullable().defaultTo(0);
    t.timestamp('next_attempt_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.text('last_error');
    t.text('subject');
    t.text('text_body');
    t.text('html_body');
    t.timestamp('sent_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['tenant_id', 'id']);
  });
  await knex.raw(`alter table outbox add constraint outbox_status check (status in ('pending','sent','failed'))`);
  await knex.raw(`create index outbox_due on outbox (next_attempt_at) where status = 'pending'`);
  await knex.raw(`create index outbox_tenant_created on outbox (tenant_id, created_at desc)`);
  await protectTenantTable(knex, 'outbox');

  // Append-only: the app may add and read entries, never change or remove them.
  await knex.schema.createTable('audit_log', (t) => {
    tenantColumn(t);
    t.uuid('id').notNullable().defaultTo(knex.raw('gen_random_uuid()'));
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.text('actor_type').notNullable(); // anonymous | professional | staff | platform | system
    t.text('actor_id');
    t.text('action').notNullable();
    t.text('subject_type');
    t.text('subject_id');
    t.specificType('ip', 'inet');
    t.text('request_id');
    t.jsonb('details').notNullable().defaultTo('{}');
    t.primary(['tenant_id', 'id']);
    t.index(['tenant_id', 'at']);
  });
  await protectTenantTable(knex, 'audit_log', 'select, insert');

  // One row per scheduled run: the replica that inserts it runs the job.
  await knex.schema.createTable('job_runs', (t) => {
    t.text('job').notNullable();
    t.timestamp('slot', { useTz: true }).notNullable();
    t.text('claimed_by').notNullable();
    t.timestamp('started_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('finished_at', { useTz: true });
    t.text('error');
    t.primary(['job', 'slot']);
  });
  await knex.raw(`grant select, insert, update, delete on job_runs to ${PLATFORM_ROLE}`);
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['job_runs', 'audit_log', 'outbox', 'sessions', 'tenants']) await knex.schema.dropTableIfExists(table);
  await knex.raw('drop function if exists app.current_tenant_id()');
  await knex.raw('drop schema if exists app');
}
