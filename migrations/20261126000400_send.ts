import type { Knex } from 'knex';
import { protectTenantTable, tenantColumn } from './rls.js';

export async function up(knex: Knex): Promise<void> {
  // pg_trgm is a trusted extension: the database owner may create it. It makes "contains" filters use an index.
  await knex.raw('create extension if not exists pg_trgm');

  // Children and young people known to the council.
  await knex.schema.createTable('children', (t) => {
    tenantColumn(t);
    t.uuid('id').notNullable().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('forename').notNullable();
    t.text('surname').notNullable();
    t.date('date_of_birth').notNullable();
    t.text('gender');
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
    t.text('school');
    t.uuid('created_by_account'); // the professional who added the child, if one did
    t.uuid('created_by_staff');
    t.timestamps(true, true);
    t.primary(['tenant_id', 'id']);
    t.foreign(['tenant_id', 'created_by_account']).references(['tenant_id', 'id']).inTable('accounts');
  });
  // What the Person Filter searches: name, date of birth (dd/mm/yyyy) and school, in one indexed text.
  await knex.raw(`
    create or replace function app.child_search_text(forename text, surname text, dob date, school text) returns text
      language sql immutable
      as $$ select lower(coalesce(surname,'') || ' ' || coalesce(forename,'') || ' ' || coalesce(forename,'') || ' ' || coalesce(surname,'') || ' ' || coalesce(to_char(dob, 'DD/MM/YYYY'),'') || ' ' || coalesce(school,'')) $$`);
  await knex.raw(`alter table children add column search_text text generated always as (app.child_search_text(forename, surname, date_of_birth, school)) stored`);
  await knex.raw(`create index children_search on children using gin (search_text gin_trgm_ops)`);
  await knex.raw(`create index children_name on children (tenant_id, surname, forename, date_of_birth)`);
  await protectTenantTable(knex, 'children');

  // Which professionals may see which child: one they added, or one the council linked ("authenticated").
  await knex.schema.createTable('child_links', (t) => {
    tenantColumn(t);
    t.uuid('child_id').notNullable();
    t.uuid('account_id').notNullable();
    t.text('source').notNullable(); // added | council
    t.timestamp('hidden_at', { useTz: true });
    t.timestamp('last_used_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.uuid('linked_by_staff');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['tenant_id', 'account_id', 'child_id']);
    t.foreign(['tenant_id', 'child_id']).references(['tenant_id', 'id']).inTable('children').onDelete('cascade');
    t.foreign(['tenant_id', 'account_id']).references(['tenant_id', 'id']).inTable('accounts').onDelete('cascade');
    t.index(['tenant_id', 'child_id']);
  });
  await knex.raw(`alter table child_links add constraint child_links_source check (source in ('added','council'))`);
  await protectTenantTable(knex, 'child_links');

  // Where a child is in the statutory EHC process, and the key dates the council has set.
  await knex.schema.createTable('send_assessments', (t) => {
    tenantColumn(t);
    t.uuid('child_id').notNullable();
    t.text('stage').notNullable().defaultTo('request'); // request | assessment | plan | review
    t.jsonb('key_dates').notNullable().defaultTo('{}');
    t.uuid('updated_by_staff');
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['tenant_id', 'child_id']);
    t.foreign(['tenant_id', 'child_id']).references(['tenant_id', 'id']).inTable('children').onDelete('cascade');
  });
  await knex.raw(`alter table send_assessments add constraint send_assessments_stage check (stage in ('request','assessment','plan','review'))`);
  await protectTenantTable(knex, 'send_assessments');

  // A professional's answers to one form about one child: a draft until submitted, then versions.
  await knex.schema.createTable('form_responses', (t) => {
    tenantColumn(t);
    t.uuid('id').notNullable().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('form_id').notNullable();
    t.uuid('child_id').notNullable();
    t.uuid('account_id').notNullable();
    t.uuid('work_role_id');
    t.text('status').notNullable().defaultTo('draft'); // draft | submitted
    t.jsonb('answers').notNullable().defaultTo('{}');
    t.specificType('completed_steps', 'text[]').notNullable().defaultTo('{}');
    t.integer('version').notNullable().defaultTo(0);
    t.uuid('request_id'); // the council's advice request this answers, if any
    t.timestamp('draft_expires_at', { useTz: true });
    t.timestamp('submitted_at', { useTz: true });
    t.timestamps(true, true);
    t.primary(['tenant_id', 'id']);
    t.foreign(['tenant_id', 'child_id']).references(['tenant_id', 'id']).inTable('children').onDelete('cascade');
    t.foreign(['tenant_id', 'account_id']).references(['tenant_id', 'id']).inTable('accounts');
    t.index(['tenant_id', 'child_id', 'form_id']);
    t.index(['tenant_id', 'account_id', 'status']);
  });
  await knex.raw(`alter table form_responses add constraint form_responses_status check (status in ('draft','submitted'))`);
  await protectTenantTable(knex, 'form_responses');

  // Every submitted version, frozen: who, when and (for edits) why.
  await knex.schema.createTable('form_versions', (t) => {
    tenantColumn(t);
    t.uuid('response_id').notNullable();
    t.integer('version').notNullable();
    t.jsonb('answers').notNullable();
    t.jsonb('documents').notNullable().defaultTo('[]');
    t.uuid('submitted_by').notNullable();
    t.timestamp('submitted_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.text('edit_reason');
    t.primary(['tenant_id', 'response_id', 'version']);
    t.foreign(['tenant_id', 'response_id']).references(['tenant_id', 'id']).inTable('form_responses').onDelete('cascade');
  });
  await protectTenantTable(knex, 'form_versions', 'select, insert');

  // Uploaded evidence: unreadable by anyone until clamd has said it is clean.
  await knex.schema.createTable('uploads', (t) => {
    tenantColumn(t);
    t.uuid('id').notNullable().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('response_id');
    t.text('question_id');
    t.uuid('account_id');
    t.uuid('staff_id');
    t.text('file_name').notNullable();
    t.text('description');
    t.text('media_type').notNullable();
    t.bigInteger('size').notNullable();
    t.text('storage_key').notNullable();
    t.text('sha256').notNullable();
    t.text('status').notNullable().defaultTo('pending'); // pending | clean | infected
    t.text('scan_result');
    t.integer('scan_attempts').notNullable().defaultTo(0);
    t.timestamp('scanned_at', { useTz: true });
    t.timestamp('deleted_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['tenant_id', 'id']);
    t.foreign(['tenant_id', 'response_id']).references(['tenant_id', 'id']).inTable('form_responses').onDelete('cascade');
    t.index(['tenant_id', 'response_id']);
  });
  await knex.raw(`alter table uploads add constraint uploads_status check (status in ('pending','clean','infected'))`);
  await knex.raw(`create index uploads_pending on uploads (created_at) where status = 'pending'`);
  await protectTenantTable(knex, 'uploads');

  // The council asking a professional for a form about a child (e.g. Educational Advice).
  await knex.schema.createTable('form_requests', (t) => {
    tenantColumn(t);
    t.uuid('id').notNullable().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('form_id').notNullable();
    t.uuid('child_id').notNullable();
    t.uuid('account_id').notNullable();
    t.uuid('requested_by_staff').notNullable();
    t.date('due_date');
    t.text('note');
    t.uuid('message_id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['tenant_id', 'id']);
    t.foreign(['tenant_id', 'child_id']).references(['tenant_id', 'id']).inTable('children').onDelete('cascade');
    t.foreign(['tenant_id', 'account_id']).references(['tenant_id', 'id']).inTable('accounts').onDelete('cascade');
    t.index(['tenant_id', 'account_id', 'child_id']);
  });
  await protectTenantTable(knex, 'form_requests');

  // A message may be about a child (an advice request names the child and links to the form).
  await knex.raw(`alter table messages add column child_id uuid`);
  await knex.raw(`alter table messages add constraint messages_child foreign key (tenant_id, child_id) references children (tenant_id, id) on delete set null (child_id)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('messages', (t) => t.dropColumn('child_id'));
  for (const table of ['form_requests', 'uploads', 'form_versions', 'form_responses', 'send_assessments', 'child_links', 'children']) {
    await knex.schema.dropTableIfExists(table);
  }
  await knex.raw('drop function if exists app.child_search_text(text, text, date, text)');
}
