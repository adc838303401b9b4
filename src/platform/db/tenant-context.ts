import { AsyncLocalStorage } from 'node:async_hooks';
import type { Knex } from 'knex';

interface TenantScope {
  trx: Knex.Transaction;
  tenantId: string;
}

const scope = new AsyncLocalStorage<TenantScope>();

/**
 * Runs `work` in one transaction whose `app.tenant_id` setting is the given tenant.
 * The setting is transaction-local (`set_config(..., true)`), so it never leaks
 * through the connection pool. Row-level security does the rest.
 */
export function inTenant<T>(db: Knex, tenantId: string, work: () => Promise<T>): Promise<T> {
  return db.transaction(async (trx) => {
    await trx.raw("select set_config('app.tenant_id', ?, true)", [tenantId]);
    return scope.run({ trx, tenantId }, work);
  });
}

/** The current request's tenant transaction. Throws outside one: there is no unscoped access. */
export function tenantTrx(): Knex.Transaction {
  const current = scope.getStore();
  if (!current) throw new Error('No tenant transaction: wrap the work in inTenant()');
  return current.trx;
}

export function currentTenantId(): string {
  const current = scope.getStore();
  if (!current) throw new Error('No tenant transaction: wrap the work in inTenant()');
  return current.tenantId;
}

export function hasTenantScope(): boolean {
  return scope.getStore() !== undefined;
}
