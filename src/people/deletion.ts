import { audit } from '../platform/audit.js';
import { tenantTrx } from '../platform/db/tenant-context.js';
import { childColumns, childDisplayName, type Child } from './children.js';

/**
 * "Delete person": a professional may delete only a record they added themselves,
 * that nobody else is linked to and that holds no submitted form. Anything else
 * is refused with the reason, and nothing is deleted.
 */

export type DeletionProblem = 'linkedByCouncil' | 'submittedForm' | 'sharedWithOthers';

export interface DeletionCheck {
  child: Child;
  name: string;
  problem?: DeletionProblem;
}

/** Each child (all linked to this professional: check with linkedIds first) with why it may not be deleted, if it may not. */
export async function checkDeletion(accountId: string, childIds: string[]): Promise<DeletionCheck[]> {
  const trx = tenantTrx();
  const rows: (Child & { source: string; submitted: boolean; shared: boolean })[] = await trx('children as c')
    .join('child_links as l', (j) => j.on('l.tenant_id', 'c.tenant_id').andOn('l.child_id', 'c.id'))
    .where('l.account_id', accountId)
    .whereIn('c.id', childIds)
    .select([
      ...childColumns(),
      'l.source',
      trx.raw("exists (select 1 from form_responses r where r.tenant_id = c.tenant_id and r.child_id = c.id and r.status = 'submitted') as submitted"),
      trx.raw('exists (select 1 from child_links o where o.tenant_id = c.tenant_id and o.child_id = c.id and o.account_id <> ?) as shared', [accountId]),
    ])
    .orderByRaw('lower(c.surname), lower(c.forename)');
  return rows.map(({ source, submitted, shared, ...child }) => {
    const problem: DeletionProblem | undefined =
      source !== 'added' || child.created_by_account !== accountId ? 'linkedByCouncil' : submitted ? 'submittedForm' : shared ? 'sharedWithOthers' : undefined;
    return { child, name: childDisplayName(child), problem };
  });
}

/**
 * Deletes the records (their links and draft forms go with them). Checked again in the
 * statement itself, so a form submitted or a link made meanwhile keeps the record.
 * Returns how many were deleted.
 */
export async function deleteChildren(accountId: string, childIds: string[]): Promise<number> {
  const trx = tenantTrx();
  const deleted: { id: string }[] = await trx('children as c')
    .whereIn('c.id', childIds)
    .where('c.created_by_account', accountId)
    .whereExists((q) => q.select(trx.raw('1')).from('child_links as l').whereRaw('l.tenant_id = c.tenant_id and l.child_id = c.id').where({ 'l.account_id': accountId, 'l.source': 'added' }))
    .whereNotExists((q) => q.select(trx.raw('1')).from('child_links as o').whereRaw('o.tenant_id = c.tenant_id and o.child_id = c.id').whereNot('o.account_id', accountId))
    .whereNotExists((q) => q.select(trx.raw('1')).from('form_responses as r').whereRaw("r.tenant_id = c.tenant_id and r.child_id = c.id and r.status = 'submitted'"))
    .delete()
    .returning('c.id');
  for (const { id } of deleted) await audit('child.deleted', { subjectType: 'child', subjectId: id });
  return deleted.length;
}
