import type { Knex } from 'knex';
import { protectTenantTable, tenantColumn } from './rls.js';

export async function up(knex: Knex): Promise<void> {
  // Messages from the council to a professional, read in the portal (emails only say "sign in").
  await knex.schema.createTable('messages', (t) => {
    tenantColumn(t);
    t.uuid('id').notNullable().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('account_id').notNullable();
    t.text('subject').notNullable();
    t.text('body').notNullable();
    t.text('link_path');
    t.text('link_text');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('read_at', { useTz: true });
    t.primary(['tenant_id', 'id']);
    t.foreign(['tenant_id', 'account_id']).references(['tenant_id', 'id']).inTable('accounts').onDelete('cascade');
    t.index(['tenant_id', 'account_id', 'created_at']);
  });
  await knex.raw(`create index messages_unread on messages (tenant_id, account_id) where read_at is null`);
  await protectTenantTable(knex, 'messages');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('messages');
}
