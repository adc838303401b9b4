import type Koa from 'koa';
import { localise, type Language } from '../../i18n/index.js';
import type { FormVersionRow, FrozenDocument } from '../../forms/responses.js';
import { answersByPerson, summarise, type SummaryDocument, type SummarySection, type WorkRoleSnapshot } from '../../forms/summary.js';
import { questionsOf } from '../../forms/definition.js';
import { documentDescription } from '../../forms/questions/file.js';
import type { Texts } from '../../forms/validation.js';
import { formatDateOfBirth } from '../../people/children.js';
import { uploadById } from '../../uploads/service.js';
import { formatSize } from '../../uploads/present.js';
import type { Submission } from './submissions.js';

/**
 * One frozen version of a submitted form, as the council reads it on the page,
 * in the PDF and in the JSON: the answers with their questions, and the
 * documents staff may see (clean ones to download; those still waiting for
 * their virus scan named as such; infected ones never listed).
 */

export interface VersionDocument {
  id: string;
  questionId: string | null;
  fileName: string;
  /** The description as people read it. */
  description: string;
  mediaType: string;
  size: number;
  sizeText: string;
  status: 'clean' | 'pending';
  /** Download link (clean files only). */
  href?: string;
}

export interface VersionView {
  councilName: string;
  formId: string;
  formTitle: string;
  childName: string;
  childDateOfBirth: string;
  professionalName: string;
  professionalEmail: string;
  workRole?: WorkRoleSnapshot;
  version: number;
  versionCount: number;
  latest: boolean;
  submittedAt: Date;
  submittedBy: string;
  editReason: string | null;
  sections: SummarySection[];
  /** The same answers as the PDF prints them (each question type's own words for print). */
  printedSections: SummarySection[];
  documents: VersionDocument[];
}

function descriptionText(submission: Submission, doc: FrozenDocument, lang: Language): string {
  if (!doc.description) return '';
  const question = questionsOf(submission.form).find((q) => q.question.id === doc.questionId)?.question;
  return documentDescription(question, doc.description, lang);
}

/** The version's documents that staff may see, with their status now. */
async function visibleDocuments(ctx: Koa.Context, submission: Submission, version: FormVersionRow): Promise<VersionDocument[]> {
  const documents: VersionDocument[] = [];
  for (const doc of version.documents) {
    // A submitted version lists it, so the council may open it once clean (removed from the draft since or not).
    const row = await uploadById(doc.id);
    const clean = row?.status === 'clean';
    const pending = row?.status === 'pending' && !row.deleted_at;
    if (!clean && !pending) continue;
    documents.push({
      id: doc.id,
      questionId: doc.questionId,
      fileName: doc.fileName,
      description: descriptionText(submission, doc, ctx.state.lang),
      mediaType: doc.mediaType,
      size: Number(doc.size),
      sizeText: formatSize(Number(doc.size)),
      status: clean ? 'clean' : 'pending',
      href: clean ? `/uploads/${doc.id}/download` : undefined,
    });
  }
  return documents;
}

export async function versionView(ctx: Koa.Context, submission: Submission, version: FormVersionRow): Promise<VersionView> {
  const texts: Texts = { t: ctx.state.t, lang: ctx.state.lang };
  const { form, child, professional } = submission;
  const documents = await visibleDocuments(ctx, submission, version);
  const workRole = version.answers._workRole as WorkRoleSnapshot | undefined;
  const summaryDocuments: SummaryDocument[] = documents.map((d) => ({ ...d, description: version.documents.find((f) => f.id === d.id)?.description ?? null }));
  const by = submission.people.get(version.submitted_by);
  return {
    councilName: localise(ctx.state.tenant!.name, texts.lang),
    formId: form.id,
    formTitle: localise(form.title, texts.lang),
    childName: `${child.forename} ${child.surname}`,
    childDateOfBirth: formatDateOfBirth(child),
    professionalName: professional.name,
    professionalEmail: professional.email,
    workRole,
    version: version.version,
    versionCount: submission.versions.length,
    latest: version.version === submission.versions.at(-1)!.version,
    submittedAt: version.submitted_at,
    submittedBy: by ? by.name : '',
    editReason: version.edit_reason,
    sections: summarise(form, version.answers, { texts, documents: summaryDocuments, workRole }),
    printedSections: summarise(form, version.answers, { texts, documents: summaryDocuments, workRole, printed: true }),
    documents,
  };
}

/** The frozen version as data (the "Download as JSON"): exactly what was submitted, with who and when. */
export function versionJson(submission: Submission, version: FormVersionRow) {
  const by = submission.people.get(version.submitted_by);
  const { _workRole: workRole, ...answers } = version.answers;
  return {
    responseId: submission.response.id,
    formId: submission.form.id,
    /** The version of the form's definition it was answered against. */
    formVersion: submission.response.form_version,
    version: version.version,
    submittedAt: version.submitted_at.toISOString(),
    submittedBy: { id: version.submitted_by, name: by?.name ?? null, email: by?.email ?? null },
    workRole: workRole ?? null,
    editReason: version.edit_reason,
    child: { id: submission.child.id, forename: submission.child.forename, surname: submission.child.surname, dateOfBirth: submission.child.date_of_birth },
    answers,
    // A form about people: each person with their own answers to the per-person questions.
    ...(submission.form.subject === 'people' ? { people: answersByPerson(submission.form, version.answers) } : {}),
    documents: version.documents,
  };
}
