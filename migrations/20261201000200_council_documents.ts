import type { Knex } from 'knex';

/**
 * Council documents: a document the council's staff share with the professionals
 * linked to a child (a draft or final EHC plan, and others). It is an upload like
 * any other (the same receiving, scanning and storage), about a child instead of
 * a form response; it goes with the child's record.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`alter table uploads add column child_id uuid`);
  await knex.raw(`alter table uploads add constraint uploads_child_fk foreign key (tenant_id, child_id) references children (tenant_id, id) on delete cascade`);
  await knex.raw(`create index uploads_child on uploads (tenant_id, child_id) where child_id is not null`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`drop index if exists uploads_child`);
  await knex.raw(`alter table uploads drop constraint uploads_child_fk`);
  await knex.raw(`alter table uploads drop column child_id`);
}
