import { Model } from 'objection';

/**
 * Base for Objection models of tenant data. A model is used only inside its
 * domain's query module, always as `Model.query(await db())`, so every query
 * runs in the request's (or job's) tenant unit of work under row-level security.
 */
export class TenantModel extends Model {}
