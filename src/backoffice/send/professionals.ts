import { professionalSummaries, type ProfessionalSummary } from '../../accounts/directory.js';
import { audit } from '../../platform/audit.js';
import { linkChild, linksOfChild, unlinkCouncilLink, type Child, type LinkSource } from '../../people/children.js';

export { activeProfessional, findProfessionals, type ProfessionalSummary } from '../../accounts/directory.js';

/**
 * The professionals linked to a child, and the council's own changes to those
 * links: link one ('council'), take a council link away again.
 */

export interface LinkedProfessional extends ProfessionalSummary {
  source: LinkSource;
  linkedAt: Date;
}

const byName = (a: string, b: string) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0);

/** Everyone who can see the child in their Select Person list, by name. */
export async function linkedProfessionals(childId: string): Promise<LinkedProfessional[]> {
  const links = await linksOfChild(childId);
  const people = await professionalSummaries(links.map((l) => l.accountId));
  return links
    .flatMap((l) => {
      const person = people.get(l.accountId);
      return person ? [{ ...person, source: l.source, linkedAt: l.linkedAt }] : [];
    })
    .sort((a, b) => byName(a.surname, b.surname) || byName(a.forename, b.forename) || a.accountId.localeCompare(b.accountId));
}

/** Links the professional to the child on the council's behalf ("authenticated"): they see the child from now on. */
export async function linkProfessional(child: Child, professional: ProfessionalSummary, staffId: string): Promise<void> {
  await linkChild(child.id, professional.accountId, 'council', staffId);
  await audit('backoffice.child.professional-linked', { subjectType: 'child', subjectId: child.id, details: { accountId: professional.accountId, email: professional.email } });
}

/**
 * Takes away a link the council made. A professional who added the child
 * themselves keeps their own link. False when there is no council link to take away.
 */
export async function unlinkProfessional(child: Child, accountId: string): Promise<boolean> {
  if (!(await unlinkCouncilLink(child, accountId))) return false;
  await audit('backoffice.child.professional-unlinked', { subjectType: 'child', subjectId: child.id, details: { accountId, keptOwnLink: child.created_by_account === accountId } });
  return true;
}
