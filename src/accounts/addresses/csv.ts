import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

export interface CsvRecord {
  /** The line of the file the record starts on (1 is the header). */
  line: number;
  fields: string[];
  /** Set when the record could not be read (e.g. an unclosed quote). */
  problem?: string;
}

/** Splits one CSV record (RFC 4180: commas, double quotes, "" inside quotes). Undefined when a quote is left open. */
function splitRecord(text: string): string[] | undefined {
  const fields: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        current += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        current += c;
      }
    } else if (c === '"' && current.trim() === '') {
      quoted = true;
      current = '';
    } else if (c === ',') {
      fields.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  if (quoted) return undefined;
  fields.push(current);
  return fields;
}

const openQuotes = (text: string) => (text.match(/"/g)?.length ?? 0) % 2 === 1;

/**
 * Reads CSV records from a stream one at a time (the file is never held in memory).
 * A quoted field may span lines; each record knows the line it starts on.
 */
export async function* readCsv(input: Readable): AsyncGenerator<CsvRecord> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNumber = 0;
  let pending: { start: number; text: string } | undefined;
  for await (const raw of lines) {
    lineNumber++;
    const line = lineNumber === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (pending) {
      pending.text += `\n${line}`;
      if (openQuotes(pending.text)) continue;
    } else {
      if (line.trim() === '') continue;
      pending = { start: lineNumber, text: line };
      if (openQuotes(line)) continue;
    }
    const fields = splitRecord(pending.text);
    yield fields ? { line: pending.start, fields } : { line: pending.start, fields: [], problem: 'a quoted value is not closed' };
    pending = undefined;
  }
  if (pending) yield { line: pending.start, fields: [], problem: 'a quoted value is not closed before the end of the file' };
}
