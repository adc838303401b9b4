import type Koa from 'koa';
import { hasErrors, noErrors, type FormErrors } from '../platform/http/forms.js';

export { seeOther } from '../platform/http/see-other.js';

/**
 * Renders a page of this area: "Error: " in the title when the form has problems
 * (with status 400), the heading from the same text.
 */
export function renderPeoplePage(ctx: Koa.Context, page: string, titleKey: string, locals: Record<string, unknown> = {}, errors: FormErrors = noErrors(), titleValues: Record<string, unknown> = {}): void {
  const t = ctx.state.t;
  const title = t(titleKey, titleValues) as string;
  if (hasErrors(errors)) ctx.status = 400;
  ctx.render(`people/${page}`, { ...locals, title: hasErrors(errors) ? `${t('common.errorPrefix')} ${title}` : title, heading: title, errors });
}

/** Post/Redirect/Get: 303 See Other. */
/** A form or query value that may be given once or many times, as a list of strings. */
export function manyValues(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' && value ? [value] : [];
}
