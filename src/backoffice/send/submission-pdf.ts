import { existsSync, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import PDFDocument from 'pdfkit';
import type { TFunction } from 'i18next';
import type { Language } from '../../i18n/index.js';
import { formatDateTime } from '../../platform/http/views.js';
import type { VersionView } from './submission-view.js';

/**
 * A submitted form as an A4 PDF: the council, the form, the child, the
 * professional and their work role, when and which version, every question
 * with its answer, and the documents. Texts are in the staff member's page
 * language. Built from plain data while the response streams, so it never
 * holds the request's database transaction open.
 *
 * pdfkit's built-in Helvetica cannot draw Welsh letters such as ŵ and ŷ, so
 * DejaVu Sans (Debian package fonts-dejavu-core) is embedded when it is
 * installed; without it the PDF falls back to Helvetica.
 */

const FONT_DIR = '/usr/share/fonts/truetype/dejavu';

interface Fonts {
  regular: Buffer | string;
  bold: Buffer | string;
}

let fonts: Fonts | undefined;

function loadFonts(): Fonts {
  if (fonts) return fonts;
  const read = (name: string) => {
    const file = `${FONT_DIR}/${name}`;
    return existsSync(file) ? readFileSync(file) : undefined;
  };
  const regular = read('DejaVuSans.ttf');
  const bold = read('DejaVuSans-Bold.ttf');
  fonts = regular ? { regular, bold: bold ?? regular } : { regular: 'Helvetica', bold: 'Helvetica-Bold' };
  return fonts;
}

const COLOURS = { text: '#0b0c0c', secondary: '#505a5f', rule: '#b1b4b6' };
const MARGIN = 56;

export interface PdfTexts {
  t: TFunction;
  lang: Language;
}

function buildPdf(view: VersionView, { t, lang }: PdfTexts): PDFKit.PDFDocument {
  const { regular, bold } = loadFonts();
  const title = `${view.formTitle} – ${view.childName}`;
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    displayTitle: true,
    lang: lang === 'cy' ? 'cy-GB' : 'en-GB',
    info: { Title: title, Author: view.councilName, Subject: view.formTitle, CreationDate: new Date() },
  });
  doc.registerFont('body', regular);
  doc.registerFont('bold', bold);
  const width = doc.page.width - MARGIN * 2;

  const heading = (text: string, size: number, gap = 0.4) => {
    doc.font('bold').fontSize(size).fillColor(COLOURS.text).text(text, { width });
    doc.moveDown(gap);
  };
  const rule = () => {
    doc.moveDown(0.3);
    doc.strokeColor(COLOURS.rule).lineWidth(0.75).moveTo(MARGIN, doc.y).lineTo(MARGIN + width, doc.y).stroke();
    doc.moveDown(0.6);
  };
  const row = (key: string, lines: string[]) => {
    doc.font('bold').fontSize(10.5).fillColor(COLOURS.text).text(key, { width });
    doc.font('body').fontSize(10.5);
    for (const line of lines) doc.text(line, { width });
    doc.moveDown(0.6);
  };

  doc.font('body').fontSize(11).fillColor(COLOURS.secondary).text(view.councilName, { width });
  doc.moveDown(0.3);
  heading(view.formTitle, 20, 0.6);

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
  for (const [key, value] of details) row(key, [value]);
  rule();

  for (const section of view.printedSections) {
    heading(section.title, 15);
    for (const list of section.lists) {
      if (list.heading) heading(list.heading, 12, 0.3);
      for (const r of list.rows) row(r.key, [...(r.linkText ? [r.linkText] : []), ...r.lines]);
    }
    rule();
  }

  heading(t('backoffice-send.pdf.documents'), 15);
  if (!view.documents.length) row(t('backoffice-send.pdf.noDocuments'), []);
  for (const d of view.documents) {
    const status = t(`backoffice-send.submission.status.${d.status}`);
    row(d.fileName, [[d.description, `${d.mediaType}, ${d.sizeText}`, status].filter(Boolean).join(' – ')]);
  }

  // "Page 1 of 3" at the foot of every page, in the bottom margin.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('body')
      .fontSize(9)
      .fillColor(COLOURS.secondary)
      .text(`${title} – ${t('backoffice-send.pdf.pageOf', { page: i + 1, pages: range.count })}`, MARGIN, doc.page.height - MARGIN + 16, { width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  return doc;
}

/** The PDF as a stream whose pages are laid out when the response starts to be sent. */
export function submissionPdf(view: VersionView, texts: PdfTexts): Readable {
  let doc: PDFKit.PDFDocument | undefined;
  return new Readable({
    read() {
      if (doc) return void doc.resume();
      try {
        doc = buildPdf(view, texts);
      } catch (err) {
        return this.destroy(err as Error);
      }
      doc.on('data', (chunk: Buffer) => {
        if (!this.push(chunk)) doc!.pause();
      });
      doc.on('end', () => this.push(null));
      doc.on('error', (err: Error) => this.destroy(err));
      doc.end();
    },
  });
}
