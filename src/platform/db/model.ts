import { Model, type QueryBuilderType, type TransactionOrKnex } from 'objection';
import { tenantTrx } from './tenant-context.js';

type Constructor<M> = new (...args: any[]) => M;

/**
 * Base for every model of tenant data. Queries run in the tenant transaction
 * of the current request (or job), so RLS always applies and nobody has to
 * pass the tenant or the transaction around.
 */
export class TenantModel extends Model {
  static override query<M extends Model>(this: Constructor<M>, trxOrKnex?: TransactionOrKnex): QueryBuilderType<M> {
    return (Model.query as (this: unknown, t?: TransactionOrKnex) => QueryBuilderType<M>).call(this, trxOrKnex ?? tenantTrx());
  }
}
