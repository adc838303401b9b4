import type { Knex } from 'knex';

/** Rows per council of a platform-role query (across councils, for the platform console), as tenant id → count. */
export async function countPerCouncil(query: Knex.QueryBuilder): Promise<Map<string, number>> {
  const rows: { tenant_id: string; n: string | number }[] = await query.select('tenant_id').count({ n: '*' }).groupBy('tenant_id');
  return new Map(rows.map((r) => [r.tenant_id, Number(r.n)]));
}
