import { z } from 'zod';

/**
 * What a step page posts: the button pressed (`action`: "save", "save-for-later",
 * "add-<group>", "remove-<group>-<n>", the address finder's and "Answer for"'s
 * buttons) and the fields, which each question type reads for itself.
 */
export const stepInput = z.object({
  action: z.preprocess((v) => (typeof v === 'string' && v.trim() ? v.trim() : undefined), z.string().max(200).default('save')),
});

export interface StepInput {
  action: string;
  /** The posted fields, for the question types to read. */
  body: Record<string, unknown>;
}

const isFields = (body: unknown): body is Record<string, unknown> => typeof body === 'object' && body !== null && !Array.isArray(body);

/** The step page's input; an action longer than any button's is no button ("tampered" later). */
export function readStepInput(body: unknown): StepInput {
  const fields = isFields(body) ? body : {};
  const parsed = stepInput.safeParse(fields);
  return { action: parsed.success ? parsed.data.action : 'unknown', body: fields };
}
