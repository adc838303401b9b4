import { AsyncLocalStorage } from 'node:async_hooks';
import type { Knex } from 'knex';
import { isUuid } from '../ids.js';

/**
 * The lazy unit of work. A request (or a job's step) runs in a tenant scope;
 * the transaction opens on the first query (BEGIN, SET LOCAL app.tenant_id)
 * and commits when the work ends. Work that never queries never touches the
 * pool. Side effects that must not happen on a rollback (removing stored
 * files) wait in after-commit hooks. A flow may commit early and carry on:
 * the next query opens a fresh transaction in the same scope.
 *
 * SET LOCAL is transaction-local, so the setting never leaks through the pool,
 * and it is what Citus passes on to its workers.
 */

interface Unit {
  readonly pool: Knex;
  readonly tenantId: string;
  /** The open transaction, once a query asked for it. */
  opening?: Promise<Knex.Transaction>;
  afterCommit: (() => Promise<void> | void)[];
}

const scope = new AsyncLocalStorage<Unit>();
/** Pools whose role may bypass row-level security, and the role their tenant units take instead. */
const unitRole = new WeakMap<Knex, string>();

async function open(unit: Unit): Promise<Knex.Transaction> {
  const trx = await unit.pool.transaction();
  try {
    // SET LOCAL takes no bind parameters; the id is checked to be a UUID and the role name when registered.
    const role = unitRole.get(unit.pool);
    await trx.raw(`${role ? `set local role ${role}; ` : ''}set local app.tenant_id = '${unit.tenantId}'`);
  } catch (err) {
    await trx.rollback().catch(() => {});
    throw err;
  }
  return trx;
}

/** Ends the unit's transaction (if one is open): commit, then its after-commit hooks in order. */
async function finish(unit: Unit): Promise<void> {
  const opening = unit.opening;
  unit.opening = undefined;
  if (opening) await (await opening).commit();
  const hooks = unit.afterCommit.splice(0);
  for (const hook of hooks) await hook();
}

async function abandon(unit: Unit): Promise<void> {
  const opening = unit.opening;
  unit.opening = undefined;
  unit.afterCommit.length = 0;
  if (!opening) return;
  const trx = await opening.catch(() => undefined);
  if (trx && !trx.isCompleted()) await trx.rollback().catch(() => {});
}

/**
 * Units on `pool` (the platform role, which bypasses row-level security for
 * cross-council work) take `role` (the app role) for their transaction, so work
 * inside one council is under its row-level security whichever pool runs it.
 */
export function unitsActAs(pool: Knex, role: string): void {
  if (!/^[a-z_]+$/.test(role)) throw new Error('Invalid role name');
  unitRole.set(pool, role);
}

/**
 * Runs `work` in a unit of work for one council, on `pool` (the app role for
 * requests; the platform role for jobs and the admin console, still under the
 * council's row-level security). Commits when `work` resolves, rolls back when
 * it throws. Nested calls start their own unit.
 */
export async function inTenant<T>(pool: Knex, tenantId: string, work: () => Promise<T>): Promise<T> {
  if (!isUuid(tenantId)) throw new Error('A tenant scope needs the tenant id (a UUID)');
  const unit: Unit = { pool, tenantId, afterCommit: [] };
  let result: T;
  try {
    result = await scope.run(unit, work);
  } catch (err) {
    await abandon(unit);
    throw err;
  }
  await finish(unit);
  return result;
}

function current(): Unit {
  const unit = scope.getStore();
  if (!unit) throw new Error('No tenant scope: run the work in inTenant()');
  return unit;
}

/**
 * The unit's transaction, opened now if this is its first query. Every query of
 * tenant data goes through it, so row-level security always applies.
 */
export function db(): Promise<Knex.Transaction> {
  const unit = current();
  unit.opening ??= open(unit);
  return unit.opening;
}

/** Commits what the unit has done so far (and runs its after-commit hooks); later queries open a new transaction. */
export async function commit(): Promise<void> {
  await finish(current());
}

/** Runs `hook` once the unit's work is committed; never if it is rolled back. Outside a transaction, at the next commit. */
export function afterCommit(hook: () => Promise<void> | void): void {
  current().afterCommit.push(hook);
}

export function currentTenantId(): string {
  return current().tenantId;
}

export function hasTenantScope(): boolean {
  return scope.getStore() !== undefined;
}

/** Whether this unit has opened a transaction (for tests and benchmarks: a page that makes no query opens none). */
export function transactionOpened(): boolean {
  return current().opening !== undefined;
}
