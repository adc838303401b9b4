import { z } from 'zod';
import { fieldsOf, readInput, text } from '../platform/http/forms.js';
import { isUuid } from '../platform/ids.js';

// What the forms routes read from a request, declared in one place beside them.
// Each schema accepts anything (a missing field, an array, an object) and turns
// what is not the expected kind into "nothing", so odd input is a 404 or a
// message on the page, never a 500. A step page's own fields are read by their
// question types.


/** A response id, or nothing. */
const responseId = z.preprocess((v) => (isUuid(v) ? v : undefined), z.string().optional());

export { readInput };

/** Start (POST /forms/start): which form, and for a form about a child, which child. */
export const startInput = z.object({ form: text(), child: text() });

/** Upload (POST /uploads?response=…&question=…): where the document goes, and the page to go back to. */
export const uploadQuery = z.object({ response: text(), question: text(), back: z.string().optional().catch(undefined) });

/** Delete a document: the page to go back to. */
export const removeInput = z.object({ back: text() });

/** Edit a submitted form: the reason, with line breaks as typed. */
export const editInput = z.object({ reason: z.preprocess((v) => (typeof v === 'string' ? v.replace(/\r\n?/g, '\n').trim() : ''), z.string()) });

/** Recover a form and Submitted Forms (?form=…): the form a link or email points at, to highlight. */
export const highlightQuery = z.object({ form: responseId });

/** Submit: each declaration's tick box (value "agree"). */
export const declarationsInput = z.record(z.string(), z.unknown()).transform((fields) => (id: string) => fields[id] === 'agree');

/**
 * A step page (POST /forms/:responseId/steps/:stepId): the button pressed
 * (`action`: "save", "save-for-later", "add-<group>", "remove-<group>-<n>", the
 * address finder's and "Answer for"'s buttons; none is "save"), and the fields,
 * which each question type reads for itself.
 */
export const stepInput = z.object({
  action: z.preprocess((v) => (typeof v === 'string' && v.trim() ? v.trim() : undefined), z.string().default('save')),
});

export interface StepInput {
  action: string;
  /** The posted fields, for the question types to read. */
  fields: Record<string, unknown>;
}

export function readStepInput(body: unknown): StepInput {
  return { ...readInput(stepInput, body), fields: fieldsOf(body) };
}
