import { professionalSummaries } from '../../accounts/directory.js';
import type { FormDefinitions } from '../../forms/definitions.js';
import { findSubmission as findSubmittedForm, submittedAboutChild, submittedPage, type Submission as SubmittedForm, type SubmittedForm as Line } from '../../forms/submissions.js';
import { childrenByIds, findChild, type Child } from '../../people/children.js';

export { PAGE_SIZE } from '../../forms/submissions.js';
export { versionOf } from '../../forms/submissions.js';

/** A line of the council's lists of submitted forms. */
export interface SubmissionLine {
  responseId: string;
  formId: string;
  childId: string;
  childForename: string;
  childSurname: string;
  professional: string;
  submittedAt: Date;
  version: number;
}

/** The names on the lines: children from people, professionals from accounts. */
async function lines(forms: Line[]): Promise<SubmissionLine[]> {
  const children = await childrenByIds(forms.map((f) => f.childId));
  const people = await professionalSummaries(forms.map((f) => f.accountId));
  return forms.flatMap((f) => {
    const child = children.get(f.childId);
    const person = people.get(f.accountId);
    if (!child || !person) return [];
    return [{ responseId: f.responseId, formId: f.formId, childId: f.childId, childForename: child.forename, childSurname: child.surname, professional: person.name, submittedAt: f.submittedAt, version: f.version }];
  });
}

/** One page of the council's submitted forms, newest first; a page past the end shows the last one. */
export async function listSubmissions(requested: number): Promise<{ lines: SubmissionLine[]; total: number; page: number; pages: number }> {
  const found = await submittedPage(requested);
  return { lines: await lines(found.forms), total: found.total, page: found.page, pages: found.pages };
}

/** Every submitted form about a child, newest first. */
export async function submissionsForChild(childId: string): Promise<SubmissionLine[]> {
  return lines(await submittedAboutChild(childId));
}

/** A submitted form with the child it is about and who sent each version. */
export interface Submission extends SubmittedForm {
  child: Child;
  professional: { id: string; name: string; email: string };
  /** Who submitted each version, by account id. */
  people: Map<string, { name: string; email: string }>;
}

/** A submitted form of the council with its versions; undefined for a draft, an unknown id or a form no longer in the library. */
export async function findSubmission(library: FormDefinitions, responseId: string): Promise<Submission | undefined> {
  const found = await findSubmittedForm(library, responseId);
  if (!found) return undefined;
  const child = found.response.child_id ? await findChild(found.response.child_id) : undefined;
  const people = await professionalSummaries([found.response.account_id, ...found.versions.map((v) => v.submitted_by)]);
  const professional = people.get(found.response.account_id);
  if (!child || !professional) return undefined;
  return { ...found, child, professional: { id: professional.accountId, name: professional.name, email: professional.email }, people };
}
