import type { Readable } from 'node:stream';
import type { TFunction } from 'i18next';
import type { Language } from '../../i18n/index.js';
import { formPdf } from '../../forms/pdf.js';
import { formatDateTime } from '../../platform/http/views.js';
import type { VersionView } from './submission-view.js';

/**
 * A submitted version as the council prints it (the forms engine's renderer,
 * src/forms/pdf.ts): the child, the professional and their work role, when and
 * which version, every answer, and the documents staff may see. Texts are in
 * the staff member's page language.
 */

export interface PdfTexts {
  t: TFunction;
  lang: Language;
}

export function submissionPdf(view: VersionView, { t, lang }: PdfTexts): Readable {
  const details: [string, string][] = [
    [t('backoffice-send.pdf.child'), t('backoffice-send.pdf.childValue', { name: view.childName, dateOfBirth: view.childDateOfBirth })],
    [t('backoffice-send.pdf.professional'), `${view.professionalName} (${view.professionalEmail})`],
  ];
  if (view.workRole) details.push([t('backoffice-send.pdf.workRole'), `${view.workRole.role}, ${view.workRole.organisation}`]);
  details.push(
    [t('backoffice-send.pdf.submitted'), formatDateTime(view.submittedAt, lang)],
    [t('backoffice-send.pdf.submittedBy'), view.submittedBy],
    [t('backoffice-send.pdf.version'), t('backoffice-send.pdf.versionValue', { version: view.version, total: view.versionCount })],
  );
  if (view.editReason) details.push([t('backoffice-send.pdf.editReason'), view.editReason]);
  return formPdf({
    lang,
    councilName: view.councilName,
    formTitle: view.formTitle,
    aboutName: view.childName,
    details,
    sections: view.printedSections,
    documents: {
      heading: t('backoffice-send.pdf.documents'),
      none: t('backoffice-send.pdf.noDocuments'),
      lines: view.documents.map((d) => ({ name: d.fileName, line: [d.description, `${d.mediaType}, ${d.sizeText}`, t(`backoffice-send.submission.status.${d.status}`)].filter(Boolean).join(' – ') })),
    },
    pageOf: (page, pages) => t('backoffice-send.pdf.pageOf', { page, pages }),
  });
}
