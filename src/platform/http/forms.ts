import type Koa from 'koa';
import { z } from 'zod';

/** Errors of a submitted form, shaped for the GOV.UK error summary and the message next to each field. */
export interface FormErrors {
  /** For the error summary: each links to its field. */
  list: { href: string; text: string }[];
  /** The message shown next to each field, by field name. */
  byField: Record<string, string>;
}

export const noErrors = (): FormErrors => ({ list: [], byField: {} });

/** Adds one error (the first per field wins), translated in the page language. */
export function addError(errors: FormErrors, ctx: Koa.Context, field: string, key: string, values: Record<string, unknown> = {}): FormErrors {
  if (errors.byField[field]) return errors;
  const text = ctx.state.t(key, values) as string;
  errors.byField[field] = text;
  errors.list.push({ href: `#${field}`, text });
  return errors;
}

export const hasErrors = (errors: FormErrors) => errors.list.length > 0;

/**
 * Parses a form body with a zod schema whose messages are locale keys
 * (e.g. `z.string().min(1, 'registration.errors.forenameMissing')`).
 */
export function parseForm<S extends z.ZodType>(ctx: Koa.Context, schema: S, body: unknown = ctx.request.body): { data?: z.infer<S>; errors: FormErrors } {
  const result = schema.safeParse(body ?? {});
  const errors = noErrors();
  if (result.success) return { data: result.data, errors };
  for (const issue of result.error.issues) {
    addError(errors, ctx, issue.path.map(String).join('.') || 'form', issue.message);
  }
  return { errors };
}

const isFields = (body: unknown): body is Record<string, unknown> => typeof body === 'object' && body !== null && !Array.isArray(body);

/** The posted form's fields by name, as the body layer parsed them (none when there is no parsed body, e.g. multipart). */
export function formBody(ctx: Koa.Context): Record<string, unknown> {
  return fieldsOf(ctx.request.body);
}

const asText = (value: unknown) => (typeof value === 'string' ? value : '');

/**
 * A form field in an input schema, trimmed, then checked by `inner` (a plain string by default).
 * Anything but a string (a repeated or nested field, a missing one) becomes empty.
 */
export const text = <T extends z.ZodType = z.ZodString>(inner: T = z.string() as never) => z.preprocess((value) => asText(value).trim(), inner);

/** A form field exactly as typed, e.g. a password (never trimmed); anything but a string becomes empty. */
export const rawText = <T extends z.ZodType = z.ZodString>(inner: T = z.string() as never) => z.preprocess(asText, inner);

/** A flag in a query or form (e.g. `?sent=1`): true when given with any value but an empty one. */
export const flag = () => z.preprocess(Boolean, z.boolean());

/**
 * The posted form read through an input schema that cannot fail (its fields are `text()`
 * or `rawText()`, or end in `.catch`), for routes that check the values in their own order.
 */
export const readForm = <S extends z.ZodType>(ctx: Koa.Context, schema: S): z.infer<S> => schema.parse(formBody(ctx));

/** A body or query read through an input schema that cannot fail; anything but an object of fields reads as no fields. */
export const readInput = <S extends z.ZodType>(schema: S, value: unknown): z.infer<S> => schema.parse(isFields(value) ? value : {});

/** The fields of a posted body (none when it is not an object of fields). */
export const fieldsOf = (body: unknown): Record<string, unknown> => (isFields(body) ? body : {});
