import { Account, WorkRole, normaliseEmail } from '../../accounts/account.js';
import { audit } from '../../platform/audit.js';
import { tenantTrx } from '../../platform/db/tenant-context.js';
import { isId, linkChild, type Child, type LinkSource } from '../../people/children.js';

/**
 * The professionals linked to a child, and the council's own changes to those
 * links: find active professionals by email or name, link one ('council'),
 * take a council link away again.
 */

export interface LinkedProfessional {
  accountId: string;
  name: string;
  email: string;
  active: boolean;
  organisations: string[];
  source: LinkSource;
  linkedAt: Date;
}

export interface FoundProfessional {
  accountId: string;
  name: string;
  email: string;
  organisations: string[];
}

const MAX_FOUND = 25;

async function organisationsOf(accountIds: string[]): Promise<Map<string, string[]>> {
  const byAccount = new Map<string, string[]>();
  if (!accountIds.length) return byAccount;
  const roles = await WorkRole.query().whereIn('account_id', accountIds).orderBy('created_at');
  for (const role of roles) byAccount.set(role.account_id, [...(byAccount.get(role.account_id) ?? []), `${role.role}, ${role.organisation}`]);
  return byAccount;
}

/** Everyone who can see the child in their Select Person list, by name. */
export async function linkedProfessionals(childId: string): Promise<LinkedProfessional[]> {
  const rows: { id: string; forename: string; surname: string; email: string; status: string; source: LinkSource; created_at: Date }[] = await tenantTrx()('child_links as l')
    .join('accounts as a', (j) => j.on('a.tenant_id', 'l.tenant_id').andOn('a.id', 'l.account_id'))
    .where('l.child_id', childId)
    .orderByRaw('lower(a.surname), lower(a.forename), a.id')
    .select('a.id', 'a.forename', 'a.surname', 'a.email', 'a.status', 'l.source', 'l.created_at');
  const organisations = await organisationsOf(rows.map((r) => r.id));
  return rows.map((r) => ({
    accountId: r.id,
    name: `${r.forename} ${r.surname}`,
    email: r.email,
    active: r.status === 'active',
    organisations: organisations.get(r.id) ?? [],
    source: r.source,
    linkedAt: r.created_at,
  }));
}

const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Active professionals of the council whose email address or name contains the text. */
export async function findProfessionals(text: string): Promise<FoundProfessional[]> {
  const term = text.trim().toLowerCase().replace(/\s+/g, ' ').slice(0, 200);
  if (!term) return [];
  const like = `%${likeEscape(term)}%`;
  const accounts = await Account.query()
    .where({ kind: 'professional', status: 'active' })
    .where((q) => q.whereRaw("lower(email) like ? escape '\\'", [like]).orWhereRaw("lower(forename || ' ' || surname) like ? escape '\\'", [like]).orWhereRaw("lower(surname || ' ' || forename) like ? escape '\\'", [like]))
    .orderByRaw('lower(surname), lower(forename), id')
    .limit(MAX_FOUND);
  const organisations = await organisationsOf(accounts.map((a) => a.id));
  return accounts.map((a) => ({ accountId: a.id, name: a.fullName, email: a.email, organisations: organisations.get(a.id) ?? [] }));
}

/** An active professional of the council, by id or by email address. */
export async function findActiveProfessional(by: { id: string } | { email: string }): Promise<Account | undefined> {
  if ('id' in by && !isId(by.id)) return undefined;
  const where = 'id' in by ? { id: by.id } : { email: normaliseEmail(by.email) };
  return Account.query().findOne({ ...where, kind: 'professional', status: 'active' });
}

/** Links the professional to the child on the council's behalf ("authenticated"): they see the child from now on. */
export async function linkProfessional(child: Child, professional: Account, staffId: string): Promise<void> {
  await linkChild(child.id, professional.id, 'council', staffId);
  await audit('backoffice.child.professional-linked', { subjectType: 'child', subjectId: child.id, details: { accountId: professional.id, email: professional.email } });
}

/**
 * Takes away a link the council made. A professional who added the child
 * themselves keeps their own link (it goes back to "added by the professional").
 * False when there is no council link to take away.
 */
export async function unlinkProfessional(child: Child, accountId: string): Promise<boolean> {
  if (!isId(accountId)) return false;
  const trx = tenantTrx();
  const link = trx('child_links').where({ child_id: child.id, account_id: accountId, source: 'council' });
  const changed = child.created_by_account === accountId ? await link.update({ source: 'added', linked_by_staff: null }) : await link.delete();
  if (!changed) return false;
  await audit('backoffice.child.professional-unlinked', { subjectType: 'child', subjectId: child.id, details: { accountId, keptOwnLink: child.created_by_account === accountId } });
  return true;
}
