import { audit } from '../platform/audit.js';
import { db } from '../platform/db/unit-of-work.js';
import { childColumns, childDisplayName, type Child } from './children.js';
import { childrenWithDocuments } from '../uploads/service.js';

/**
 * "Delete person": a professional may delete only a record they added themselves,
 * that nobody else is linked to and that holds no submitted form. Anything else
 * is refused with the reason, and nothing is deleted.
 */

export type DeletionProblem = 'linkedByCouncil' | 'submittedForm' | 'sharedWithOthers' | 'councilDocuments';

export interface DeletionCheck {
  child: Child;
  name: string;
  problem?: DeletionProblem;
}

/** What the forms domain keeps about children (the composition root wires it in: people does not read forms' tables). */
export interface FormsAboutChildren {
  /** Which of these children have a submitted form. */
  submittedAbout(childIds: string[]): Promise<Set<string>>;
  /** Removes the drafts about these children, with their documents (the bytes go after the commit). */
  removeDraftsAbout(childIds: string[]): Promise<void>;
}

/**
 * Each child (all linked to this professional: check with linkedIds first) with why it
 * may not be deleted, if it may not. The rows stay locked until the unit of work ends,
 * so the answer holds for a deletion in the same unit (a form being submitted holds
 * the child too: see holdChild).
 */
export async function checkDeletion(accountId: string, childIds: string[], forms: FormsAboutChildren): Promise<DeletionCheck[]> {
  const trx = await db();
  const rows: (Child & { source: string; shared: boolean })[] = await trx('children as c')
    .join('child_links as l', (j) => j.on('l.tenant_id', 'c.tenant_id').andOn('l.child_id', 'c.id'))
    .where('l.account_id', accountId)
    .whereIn('c.id', childIds)
    .select([
      ...childColumns(trx),
      'l.source',
      trx.raw('exists (select 1 from child_links o where o.tenant_id = c.tenant_id and o.child_id = c.id and o.account_id <> ?) as shared', [accountId]),
    ])
    .orderByRaw('lower(c.surname), lower(c.forename)')
    .forUpdate('c');
  const submitted = await forms.submittedAbout(rows.map((r) => r.id));
  const documents = await childrenWithDocuments(rows.map((r) => r.id));
  return rows.map(({ source, shared, ...child }) => {
    const problem: DeletionProblem | undefined =
      source !== 'added' || child.created_by_account !== accountId ? 'linkedByCouncil' : submitted.has(child.id) ? 'submittedForm' : documents.has(child.id) ? 'councilDocuments' : shared ? 'sharedWithOthers' : undefined;
    return { child, name: childDisplayName(child), problem };
  });
}

/**
 * Deletes the records that pass the check, their links and their draft forms (with their documents),
 * checked again in this unit with the rows locked. Returns how many were deleted.
 */
export async function deleteChildren(accountId: string, childIds: string[], forms: FormsAboutChildren): Promise<number> {
  const deletable = (await checkDeletion(accountId, childIds, forms)).filter((c) => !c.problem).map((c) => c.child.id);
  if (!deletable.length) return 0;
  await forms.removeDraftsAbout(deletable);
  const deleted: { id: string }[] = await (await db())('children').whereIn('id', deletable).delete().returning('id');
  for (const { id } of deleted) await audit('child.deleted', { subjectType: 'child', subjectId: id });
  return deleted.length;
}
