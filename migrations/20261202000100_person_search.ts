import type { Knex } from 'knex';
import { protectTenantTable, tenantColumn } from './rls.js';

/**
 * The Person Filter under row-level security.
 *
 * `search_text LIKE '%…%'` could never use an index with the policy in place
 * (LIKE is not leakproof, so the planner must apply the policy first and then
 * test every row of the council), and the trigram index did not lead with
 * tenant_id. Instead, every word of a child's names, school and date of birth
 * (dd/mm/yyyy) is a row of `child_search_tokens`, keyed (tenant_id, token,
 * child_id), kept by a trigger on `children`. A filter word is a prefix lookup,
 * `token ^@ word`: starts_with is leakproof and, on a "C" collation column, a
 * btree range scan, so the planner can use the index inside the policy.
 *
 * Lists are ordered by `sort_surname, sort_forename, date_of_birth, id`
 * (lower-case copies kept by Postgres), so that a page's position is a plain
 * row comparison on indexed columns: leakproof too, and an index bound.
 */

/** What separates words, in a child's record and in a filter (src/people/search.ts splits the same way). */
export const WORD_SEPARATORS = `[[:space:],.;:'’"()&+*_=-]+`;
const separators = `'${WORD_SEPARATORS.replace(/'/g, "''")}'`;

export async function up(knex: Knex): Promise<void> {
  // Lower-case words of a text (dates stay one word: "/" does not separate), at most 100 characters each.
  await knex.raw(`
    create or replace function app.search_words(input text) returns setof text
      language sql immutable parallel safe
      as $$ select distinct left(w, 100) from regexp_split_to_table(lower(coalesce(input, '')), ${separators}) as w where w <> '' $$`);
  await knex.raw(`
    create or replace function app.child_search_words(forename text, surname text, dob date, school text) returns setof text
      language sql immutable parallel safe
      as $$ select app.search_words(coalesce(forename, '') || ' ' || coalesce(surname, '') || ' ' || coalesce(school, ''))
            union select to_char(dob, 'DD/MM/YYYY') where dob is not null $$`);

  await knex.schema.createTable('child_search_tokens', (t) => {
    tenantColumn(t);
    t.specificType('token', 'text collate "C"').notNullable();
    t.uuid('child_id').notNullable();
    t.primary(['tenant_id', 'token', 'child_id']);
    t.foreign(['tenant_id', 'child_id']).references(['tenant_id', 'id']).inTable('children').onDelete('cascade');
    // The other words of a filter, checked for one child: an index-only probe.
    t.index(['tenant_id', 'child_id', 'token']);
  });
  await protectTenantTable(knex, 'child_search_tokens');

  // Statement triggers (a bulk insert is one set-based insert of tokens). They run as the role
  // that changed the children: under its council's policy, or the platform role's.
  await knex.raw(`
    create or replace function app.child_search_tokens_added() returns trigger
      language plpgsql
      as $$
      begin
        insert into child_search_tokens (tenant_id, token, child_id)
          select n.tenant_id, w, n.id from added n, app.child_search_words(n.forename, n.surname, n.date_of_birth, n.school) as w
          on conflict do nothing;
        return null;
      end $$`);
  await knex.raw(`
    create or replace function app.child_search_tokens_changed() returns trigger
      language plpgsql
      as $$
      begin
        delete from child_search_tokens t
          using before_change o join after_change n on n.tenant_id = o.tenant_id and n.id = o.id
          where t.tenant_id = o.tenant_id and t.child_id = o.id
            and (n.forename, n.surname, n.date_of_birth, n.school) is distinct from (o.forename, o.surname, o.date_of_birth, o.school);
        insert into child_search_tokens (tenant_id, token, child_id)
          select n.tenant_id, w, n.id
          from after_change n join before_change o on o.tenant_id = n.tenant_id and o.id = n.id,
               app.child_search_words(n.forename, n.surname, n.date_of_birth, n.school) as w
          where (n.forename, n.surname, n.date_of_birth, n.school) is distinct from (o.forename, o.surname, o.date_of_birth, o.school)
          on conflict do nothing;
        return null;
      end $$`);
  await knex.raw(`
    create trigger children_search_tokens_added after insert on children
      referencing new table as added
      for each statement execute function app.child_search_tokens_added()`);
  await knex.raw(`
    create trigger children_search_tokens_changed after update on children
      referencing old table as before_change new table as after_change
      for each statement execute function app.child_search_tokens_changed()`);

  await knex.raw(`alter table children add column sort_surname text generated always as (lower(surname)) stored`);
  await knex.raw(`alter table children add column sort_forename text generated always as (lower(forename)) stored`);
  await knex.raw(`create index children_sort on children (tenant_id, sort_surname, sort_forename, date_of_birth, id)`);
  // A child's place in name order by its id, without reading the table (the filter's matches are sorted with it).
  await knex.raw(`create index children_key on children (tenant_id, id) include (sort_surname, sort_forename, date_of_birth)`);

  // Children already there, one council at a time: the owner is under the (forced) policy too.
  await knex.raw(`
    do $$
    declare council uuid;
    begin
      for council in select id from tenants loop
        perform set_config('app.tenant_id', council::text, true);
        insert into child_search_tokens (tenant_id, token, child_id)
          select c.tenant_id, w, c.id from children c, app.child_search_words(c.forename, c.surname, c.date_of_birth, c.school) as w
          on conflict do nothing;
      end loop;
      perform set_config('app.tenant_id', '', true);
    end $$`);

  await knex.raw(`drop index if exists children_search`);
  await knex.raw(`drop index if exists children_name`);
  await knex.raw(`alter table children drop column search_text`);
  await knex.raw(`drop function if exists app.child_search_text(text, text, date, text)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    create or replace function app.child_search_text(forename text, surname text, dob date, school text) returns text
      language sql immutable
      as $$ select lower(coalesce(surname,'') || ' ' || coalesce(forename,'') || ' ' || coalesce(forename,'') || ' ' || coalesce(surname,'') || ' ' || coalesce(to_char(dob, 'DD/MM/YYYY'),'') || ' ' || coalesce(school,'')) $$`);
  await knex.raw(`alter table children add column search_text text generated always as (app.child_search_text(forename, surname, date_of_birth, school)) stored`);
  await knex.raw(`create index children_search on children using gin (search_text gin_trgm_ops)`);
  await knex.raw(`create index children_name on children (tenant_id, surname, forename, date_of_birth)`);
  await knex.raw(`drop index if exists children_key`);
  await knex.raw(`drop index if exists children_sort`);
  await knex.raw(`alter table children drop column sort_forename`);
  await knex.raw(`alter table children drop column sort_surname`);
  await knex.raw(`drop trigger if exists children_search_tokens_added on children`);
  await knex.raw(`drop trigger if exists children_search_tokens_changed on children`);
  await knex.schema.dropTableIfExists('child_search_tokens');
  await knex.raw(`drop function if exists app.child_search_tokens_added()`);
  await knex.raw(`drop function if exists app.child_search_tokens_changed()`);
  await knex.raw(`drop function if exists app.child_search_words(text, text, date, text)`);
  await knex.raw(`drop function if exists app.search_words(text)`);
}
