import { existsSync, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import PDFDocument from 'pdfkit';
import type { Language } from '../i18n/index.js';
import type { SummarySection } from './summary.js';

/**
 * A form as an A4 PDF, the one renderer of the back office's and the
 * professional's PDFs: the council, the form, who it is about, the details
 * given (professional, work role, when), a banner for a draft, every step's
 * answers as printed (per person where the form asks per person), and the
 * documents with their state. Built from plain data while the response
 * streams, so it never holds the request's database transaction open.
 *
 * pdfkit's built-in Helvetica cannot draw Welsh letters such as ŵ and ŷ, so
 * DejaVu Sans (Debian package fonts-dejavu-core) is embedded when it is
 * installed; without it the PDF falls back to Helvetica.
 */

export interface PrintedForm {
  lang: Language;
  councilName: string;
  formTitle: string;
  /** Who the form is about, for the document's title ("Amy Smith and Tom Smith"). */
  aboutName: string;
  /** Shown large under the title, e.g. "Draft – not submitted". */
  banner?: string;
  /** Label and value lines under the title: who it is about, the professional, when… */
  details: [string, string][];
  sections: SummarySection[];
  documents: { heading: string; none: string; lines: { name: string; line: string }[] };
  /** "page 1 of 3" */
  pageOf: (page: number, pages: number) => string;
}

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

const COLOURS = { text: '#0b0c0c', secondary: '#505a5f', rule: '#b1b4b6', warning: '#d4351c' };
const MARGIN = 56;

function buildPdf(printed: PrintedForm): PDFKit.PDFDocument {
  const { regular, bold } = loadFonts();
  const title = [printed.formTitle, printed.aboutName].filter(Boolean).join(' – ');
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    displayTitle: true,
    lang: printed.lang === 'cy' ? 'cy-GB' : 'en-GB',
    info: { Title: printed.banner ? `${title} (${printed.banner})` : title, Author: printed.councilName, Subject: printed.formTitle, CreationDate: new Date() },
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

  doc.font('body').fontSize(11).fillColor(COLOURS.secondary).text(printed.councilName, { width });
  doc.moveDown(0.3);
  heading(printed.formTitle, 20, 0.6);
  if (printed.banner) {
    doc.font('bold').fontSize(14).fillColor(COLOURS.warning).text(printed.banner, { width });
    doc.moveDown(0.6);
  }
  for (const [key, value] of printed.details) row(key, [value]);
  rule();

  for (const section of printed.sections) {
    heading(section.title, 15);
    for (const list of section.lists) {
      if (list.heading) heading(list.heading, 12, 0.3);
      for (const r of list.rows) row(r.key, [...(r.linkText ? [r.linkText] : []), ...r.lines]);
    }
    rule();
  }

  heading(printed.documents.heading, 15);
  if (!printed.documents.lines.length) row(printed.documents.none, []);
  for (const d of printed.documents.lines) row(d.name, [d.line]);

  // "Page 1 of 3" at the foot of every page, in the bottom margin (and the banner again on a draft).
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const foot = [title, printed.banner, printed.pageOf(i + 1, range.count)].filter(Boolean).join(' – ');
    doc.font('body').fontSize(9).fillColor(COLOURS.secondary).text(foot, MARGIN, doc.page.height - MARGIN + 16, { width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  return doc;
}

/** The PDF as a stream whose pages are laid out when the response starts to be sent. */
export function formPdf(printed: PrintedForm): Readable {
  let doc: PDFKit.PDFDocument | undefined;
  return new Readable({
    read() {
      if (doc) return void doc.resume();
      try {
        doc = buildPdf(printed);
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
