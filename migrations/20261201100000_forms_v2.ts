import type { Knex } from 'knex';
import { APP_ROLE, PLATFORM_ROLE, protectTenantTable, tenantColumn } from './rls.js';

/**
 * Forms engine v2:
 * - form_definitions: every version of every library form (reference data, not a
 *   tenant table), written when the portal starts or syncs; a response records the
 *   version it was started with and renders with it for ever.
 * - form_subjects: who a response is about (the linked child of a SEND form, or the
 *   people entered on a form about a family); form_responses.child_id is no longer required.
 * - form_intake: a submitted form in its council's intake queue (status, outcome, assignee).
 * - form_responses.reminders_sent: the "days left" reminders already emailed.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('form_definitions', (t) => {
    t.text('form_id').notNullable();
    t.integer('version').notNullable();
    t.text('hash').notNullable();
    t.jsonb('definition').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['form_id', 'version']);
  });
  await knex.raw(`alter table form_definitions add constraint form_definitions_version check (version > 0)`);
  await knex.raw(`grant select on form_definitions to ${APP_ROLE}`);
  await knex.raw(`grant select, insert on form_definitions to ${PLATFORM_ROLE}`);

  await knex.raw(`alter table form_responses alter column child_id drop not null`);
  // Responses from before versions were answered against the first stored version.
  await knex.raw(`alter table form_responses add column form_version integer not null default 1`);
  await knex.raw(`alter table form_responses add column reminders_sent integer[] not null default '{}'`);
  await knex.raw(`create index form_responses_expiry on form_responses (tenant_id, draft_expires_at) where status = 'draft' and version = 0`);
  await knex.raw(`create index form_responses_submitted on form_responses (tenant_id, account_id, submitted_at) where version > 0`);

  await knex.schema.createTable('form_subjects', (t) => {
    tenantColumn(t);
    t.uuid('response_id').notNullable();
    /** The person's id on the form (a people form), or the child's id (a SEND form). */
    t.uuid('person_id').notNullable();
    t.integer('position').notNullable();
    t.text('kind').notNullable(); // child | adult
    t.uuid('child_id'); // the linked child of a SEND form
    t.text('forename').notNullable().defaultTo('');
    t.text('surname').notNullable().defaultTo('');
    t.text('date_of_birth'); // YYYY-MM-DD when complete
    t.boolean('unborn').notNullable().defaultTo(false);
    t.primary(['tenant_id', 'response_id', 'person_id']);
    t.foreign(['tenant_id', 'response_id']).references(['tenant_id', 'id']).inTable('form_responses').onDelete('cascade');
    t.foreign(['tenant_id', 'child_id']).references(['tenant_id', 'id']).inTable('children').onDelete('cascade');
    t.index(['tenant_id', 'child_id']);
  });
  await knex.raw(`alter table form_subjects add constraint form_subjects_kind check (kind in ('child','adult'))`);
  await protectTenantTable(knex, 'form_subjects');

  await knex.schema.createTable('form_intake', (t) => {
    tenantColumn(t);
    t.uuid('response_id').notNullable();
    t.text('service').notNullable();
    t.text('status').notNullable().defaultTo('new'); // new | inProgress | closed
    t.text('outcome');
    t.uuid('assigned_to');
    t.timestamp('received_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['tenant_id', 'response_id']);
    t.foreign(['tenant_id', 'response_id']).references(['tenant_id', 'id']).inTable('form_responses').onDelete('cascade');
    t.foreign(['tenant_id', 'assigned_to']).references(['tenant_id', 'id']).inTable('accounts');
    t.index(['tenant_id', 'service', 'status', 'received_at']);
  });
  await knex.raw(`alter table form_intake add constraint form_intake_status check (status in ('new','inProgress','closed'))`);
  await knex.raw(`alter table form_intake add constraint form_intake_closed check (status <> 'closed' or outcome is not null)`);
  await protectTenantTable(knex, 'form_intake');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('form_intake');
  await knex.schema.dropTableIfExists('form_subjects');
  await knex.raw(`drop index if exists form_responses_submitted`);
  await knex.raw(`drop index if exists form_responses_expiry`);
  await knex.raw(`alter table form_responses drop column reminders_sent`);
  await knex.raw(`alter table form_responses drop column form_version`);
  await knex.raw(`delete from form_responses where child_id is null`);
  await knex.raw(`alter table form_responses alter column child_id set not null`);
  await knex.schema.dropTableIfExists('form_definitions');
}
