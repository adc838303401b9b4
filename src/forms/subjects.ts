import { db } from '../platform/db/unit-of-work.js';
import type { Person } from './people.js';
import { realDate } from './questions/date.js';

/**
 * Who a response is about (table `form_subjects`): the linked child of a SEND
 * form, or the people entered on a form about a family (kept in step with its
 * people step). Lists, headings, messages, the back office and the PDF name
 * the form by them.
 */

export interface Subject {
  personId: string;
  kind: 'child' | 'adult';
  /** The linked child (a form about one child picked in Select Person). */
  childId: string | null;
  forename: string;
  surname: string;
  /** YYYY-MM-DD, when complete. */
  dateOfBirth: string | null;
  unborn: boolean;
}

interface SubjectRow {
  response_id: string;
  person_id: string;
  position: number;
  kind: 'child' | 'adult';
  child_id: string | null;
  forename: string;
  surname: string;
  date_of_birth: string | null;
  unborn: boolean;
}

const toSubject = (r: SubjectRow): Subject => ({ personId: r.person_id, kind: r.kind, childId: r.child_id, forename: r.forename, surname: r.surname, dateOfBirth: r.date_of_birth, unborn: r.unborn });

const isoDate = (person: Person): string | null => {
  const date = realDate(person.dateOfBirth);
  return date ? date.toISOString().slice(0, 10) : null;
};

/** A form about one linked child: the child is its subject. */
export async function setChildSubject(responseId: string, child: { id: string; forename: string; surname: string; date_of_birth: string | null }): Promise<void> {
  await (await db())('form_subjects')
    .insert({ response_id: responseId, person_id: child.id, position: 0, kind: 'child', child_id: child.id, forename: child.forename, surname: child.surname, date_of_birth: child.date_of_birth })
    .onConflict(['tenant_id', 'response_id', 'person_id'])
    .ignore();
}

/** A form about people: its subjects become the people on its people step, in order. */
export async function saveSubjects(responseId: string, people: Person[]): Promise<void> {
  const trx = await db();
  await trx('form_subjects').where({ response_id: responseId }).delete();
  if (!people.length) return;
  await trx('form_subjects').insert(
    people.map((p, position) => ({ response_id: responseId, person_id: p.id, position, kind: p.kind, forename: p.forename, surname: p.surname, date_of_birth: isoDate(p), unborn: p.unborn === 'yes' })),
  );
}

/** The subjects of a response, in order. */
export async function subjectsOf(responseId: string): Promise<Subject[]> {
  const rows: SubjectRow[] = await (await db())('form_subjects').where({ response_id: responseId }).orderBy('position');
  return rows.map(toSubject);
}

/** The subjects of many responses, by response id. */
export async function subjectsOfResponses(responseIds: string[]): Promise<Map<string, Subject[]>> {
  const found = new Map<string, Subject[]>(responseIds.map((id) => [id, []]));
  if (!responseIds.length) return found;
  const rows: SubjectRow[] = await (await db())('form_subjects').whereIn('response_id', responseIds).orderBy(['response_id', 'position']);
  for (const row of rows) found.get(row.response_id)?.push(toSubject(row));
  return found;
}

/** "Amy Smith": a subject's name as typed (empty when not typed yet). */
export const subjectName = (s: Pick<Subject, 'forename' | 'surname'>) => `${s.forename} ${s.surname}`.trim();

/** The names a form is known by: its children's (a family form names the children it is about). */
export function namesOf(subjects: Subject[]): string[] {
  const children = subjects.filter((s) => s.kind === 'child').map(subjectName).filter(Boolean);
  return children.length ? children : subjects.map(subjectName).filter(Boolean);
}
