import type Koa from 'koa';
import { staffWith } from '../../access/guards.js';
import { hasErrors, noErrors, type FormErrors } from '../../platform/http/forms.js';
import { renderBackoffice } from '../page.js';

export { seeOther } from '../../platform/http/see-other.js';

/** Where the SEND back office lives on each council's host. */
export const SEND_BACKOFFICE = '/backoffice/send';
export const CHILDREN = `${SEND_BACKOFFICE}/children`;
export const SUBMISSIONS = `${SEND_BACKOFFICE}/submissions`;

export const childPath = (childId: string) => `${CHILDREN}/${childId}`;
export const submissionPath = (responseId: string) => `${SUBMISSIONS}/${responseId}`;

/**
 * Every page of the SEND back office: a signed-in staff member who is a SEND
 * officer (anyone else is sent to the staff sign-in; staff without the role get
 * 403) of a council that runs SEND (404 otherwise).
 * Row-level security keeps every query to the council's own records.
 */
export function sendStaff(): Koa.Middleware[] {
  return [
    ...staffWith('send-officer'),
    async (ctx, next) => {
      if (!ctx.state.tenant!.services.includes('send')) ctx.throw(404);
      await next();
    },
  ];
}

/**
 * Renders src/backoffice/send/views/<view>.hbs in the back office layout: the
 * heading is `title`; with errors the page title starts "Error:" and the status is 400.
 */
export function renderSendPage(ctx: Koa.Context, view: string, title: string, locals: Record<string, unknown> = {}, errors: FormErrors = noErrors()): void {
  const failed = hasErrors(errors);
  if (failed) ctx.status = 400;
  renderBackoffice(ctx, `send/${view}`, { ...locals, heading: title, title: failed ? `${ctx.state.t('common.errorPrefix')} ${title}` : title, errors });
}

/** Post/Redirect/Get: 303 See Other. */
/** "?page=2" as a positive whole number (anything else is page 1). */
export function pageNumber(value: unknown): number {
  const page = Number(value);
  return Number.isSafeInteger(page) && page > 0 ? page : 1;
}

export interface Pagination {
  previous?: string;
  next?: string;
  links: { number?: number; href?: string; current?: boolean; ellipsis?: boolean }[];
  pageOf: string;
}

/** GOV.UK pagination: the first, the last and the pages around the current one, with gaps. */
export function pagination(ctx: Koa.Context, page: number, pages: number, href: (page: number) => string): Pagination | undefined {
  if (pages <= 1) return undefined;
  const wanted = [...new Set([1, page - 1, page, page + 1, pages])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  const links: Pagination['links'] = [];
  let previous = 0;
  for (const number of wanted) {
    if (number - previous > 1) links.push({ ellipsis: true });
    links.push({ number, href: href(number), current: number === page });
    previous = number;
  }
  return {
    previous: page > 1 ? href(page - 1) : undefined,
    next: page < pages ? href(page + 1) : undefined,
    links,
    pageOf: ctx.state.t('backoffice-send.pagination.pageOf', { page, pages }),
  };
}
