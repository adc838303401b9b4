import { Model, type ModelClass, type QueryBuilderType, type TransactionOrKnex } from 'objection';
import { tenantTrx } from './tenant-context.js';

/**
 * Base for every model of tenant data. Queries run in the tenant transaction
 * of the current request (or job), so RLS always applies and nobody has to
 * pass the tenant or the transaction around.
 */
export class TenantModel extends Model {
  static override query<M extends Model>(this: ModelClass<M>, trxOrKnex?: TransactionOrKnex): QueryBuilderType<M> {
    return Model.query.call(this, trxOrKnex ?? tenantTrx()) as QueryBuilderType<M>;
  }
}
