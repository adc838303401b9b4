import type { Knex } from 'knex';
import { APP_ROLE, PLATFORM_ROLE } from './rls.js';

/**
 * A platform table that names a council: row-level security like every table
 * with a tenant_id, but only the platform role (BYPASSRLS) may use it, unless
 * `appPrivileges` grants the app role something under the council's policy.
 */
async function platformTable(knex: Knex, table: string, appPrivileges?: string) {
  await knex.raw(`alter table ?? enable row level security`, [table]);
  await knex.raw(`alter table ?? force row level security`, [table]);
  await knex.raw(`create policy tenant_isolation on ?? using (tenant_id = app.current_tenant_id()) with check (tenant_id = app.current_tenant_id())`, [table]);
  await knex.raw(`grant select, insert, update, delete on ?? to ${PLATFORM_ROLE}`, [table]);
  if (appPrivileges) await knex.raw(`grant ${appPrivileges} on ?? to ${APP_ROLE}`, [table]);
}

export async function up(knex: Knex): Promise<void> {
  // Councils: draft (being onboarded, not served), live, suspended (503 on its hosts, data kept).
  await knex.raw(`alter table tenants add column status text not null default 'live'`);
  await knex.raw(`update tenants set status = case when active then 'live' else 'suspended' end`);
  await knex.raw(`alter table tenants add constraint tenants_status check (status in ('draft','live','suspended'))`);
  await knex.raw(`alter table tenants drop column active`);
  await knex.raw(`alter table tenants add column active boolean generated always as (status = 'live') stored`);
  // The revision of `config`; a save names the revision it started from (optimistic concurrency).
  await knex.raw(`alter table tenants add column revision integer not null default 0`);
  await knex.raw(`alter table tenants add column logo_sha256 text`);
  await knex.raw(`alter table tenants add column updated_by text`);
  // `source` ('file' | 'console'): where the last change came from; files never overwrite a console change without --force.
  await knex.raw(`alter table tenants add constraint tenants_source check (source in ('file','console','bench'))`);

  // Append-only history: every saved config, who, when and why. A rollback is a new revision.
  await knex.schema.createTable('tenant_revisions', (t) => {
    t.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('cascade');
    t.integer('revision').notNullable();
    t.jsonb('config').notNullable();
    t.text('logo_sha256');
    t.text('source').notNullable();
    t.text('actor').notNullable();
    t.text('reason').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['tenant_id', 'revision']);
  });
  await platformTable(knex, 'tenant_revisions');
  await knex.raw(`revoke update, delete on tenant_revisions from ${PLATFORM_ROLE}`);

  // Every host name of every live or suspended council, once.
  await knex.schema.createTable('tenant_hostnames', (t) => {
    t.text('hostname').primary();
    t.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('cascade');
  });
  await knex.raw(`create index tenant_hostnames_tenant on tenant_hostnames (tenant_id)`);
  await platformTable(knex, 'tenant_hostnames');

  // Logos and other brand assets, by content hash (so a URL with the hash can be cached for a year).
  await knex.schema.createTable('tenant_assets', (t) => {
    t.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('cascade');
    t.text('sha256').notNullable();
    t.text('content_type').notNullable();
    t.binary('bytes').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['tenant_id', 'sha256']);
  });
  await platformTable(knex, 'tenant_assets', 'select');

  // The console's working copy of a council (onboarding or an edit) until it is published.
  await knex.schema.createTable('tenant_drafts', (t) => {
    t.uuid('tenant_id').primary().references('id').inTable('tenants').onDelete('cascade');
    t.jsonb('config').notNullable();
    t.text('logo_sha256');
    /** The live revision the draft started from. */
    t.integer('base_revision').notNullable();
    /** Bumped by every save of the draft: a form posted with an older version is refused. */
    t.integer('version').notNullable().defaultTo(1);
    t.text('updated_by').notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await platformTable(knex, 'tenant_drafts');

  // Platform administrators: outside every council, used only through the platform role.
  await knex.schema.createTable('platform_admins', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('email').notNullable().unique();
    t.text('status').notNullable().defaultTo('invited');
    t.text('password_hash');
    t.text('totp_secret');
    t.bigInteger('totp_last_step');
    t.text('setup_token_hash');
    t.timestamp('setup_expires_at', { useTz: true });
    t.integer('failed_attempts').notNullable().defaultTo(0);
    t.timestamp('locked_until', { useTz: true });
    t.timestamp('last_sign_in_at', { useTz: true });
    t.timestamps(true, true);
  });
  await knex.raw(`alter table platform_admins add constraint platform_admins_status check (status in ('invited','active','disabled'))`);
  await knex.raw(`create unique index platform_admins_setup on platform_admins (setup_token_hash) where setup_token_hash is not null`);
  await knex.raw(`grant select, insert, update on platform_admins to ${PLATFORM_ROLE}`);

  await knex.schema.createTable('platform_admin_recovery_codes', (t) => {
    t.uuid('admin_id').notNullable().references('id').inTable('platform_admins').onDelete('cascade');
    t.text('code_hash').notNullable();
    t.timestamp('used_at', { useTz: true });
    t.primary(['admin_id', 'code_hash']);
  });
  await knex.raw(`grant select, insert, update, delete on platform_admin_recovery_codes to ${PLATFORM_ROLE}`);

  await knex.schema.createTable('platform_admin_sessions', (t) => {
    t.text('id').primary(); // sha-256 of the cookie's key
    t.jsonb('data').notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['expires_at']);
  });
  await knex.raw(`grant select, insert, update, delete on platform_admin_sessions to ${PLATFORM_ROLE}`);

  // Every admin action: who, which council, what, before and after. Append-only.
  await knex.schema.createTable('platform_audit_log', (t) => {
    t.bigIncrements('id');
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.uuid('admin_id');
    t.text('admin_email');
    t.uuid('tenant_id');
    t.text('action').notNullable();
    t.jsonb('before');
    t.jsonb('after');
    t.jsonb('details').notNullable().defaultTo('{}');
    t.specificType('ip', 'inet');
    t.text('request_id');
    t.index(['tenant_id', 'at']);
  });
  await platformTable(knex, 'platform_audit_log');
  await knex.raw(`revoke update, delete on platform_audit_log from ${PLATFORM_ROLE}`);
  await knex.raw(`grant usage on sequence platform_audit_log_id_seq to ${PLATFORM_ROLE}`);

  // Existing councils become revision 1, with their host names.
  await knex.raw(`update tenants set revision = 1, updated_by = 'file' where revision = 0`);
  await knex.raw(`insert into tenant_revisions (tenant_id, revision, config, source, actor, reason) select id, 1, config, source, 'file', 'Imported' from tenants`);
  await knex.raw(`insert into tenant_hostnames (hostname, tenant_id) select distinct on (h) h, id from tenants, jsonb_array_elements_text(config->'hostnames') as h where status <> 'draft' order by h, created_at`);
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['platform_audit_log', 'platform_admin_sessions', 'platform_admin_recovery_codes', 'platform_admins', 'tenant_drafts', 'tenant_assets', 'tenant_hostnames', 'tenant_revisions']) {
    await knex.schema.dropTableIfExists(table);
  }
  await knex.raw(`alter table tenants drop constraint tenants_source`);
  await knex.raw(`alter table tenants drop column active`);
  await knex.raw(`alter table tenants add column active boolean not null default true`);
  await knex.raw(`update tenants set active = (status = 'live')`);
  for (const column of ['status', 'revision', 'logo_sha256', 'updated_by']) await knex.raw(`alter table tenants drop column ${column}`);
}
