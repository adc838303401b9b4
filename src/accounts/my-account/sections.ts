import type Koa from 'koa';
import { setNotice as setAreaNotice, takeNotice } from '../../access/notices.js';

/** The sections of My Account, in the order of the side navigation. */
export const SECTIONS = [
  { key: 'personalDetails', href: '/my-account/personal-details' },
  { key: 'workDetails', href: '/my-account/work-details' },
  { key: 'changeEmail', href: '/my-account/email' },
  { key: 'changePassword', href: '/my-account/password' },
  { key: 'circumstances', href: '/my-account/change-of-circumstances' },
  { key: 'twoStep', href: '/my-account/two-step-verification' },
] as const;

export type SectionKey = (typeof SECTIONS)[number]['key'] | 'overview';

/** A success message shown once, on the next My Account page (after a redirect). */
export type Notice =
  | 'personalDetailsSaved'
  | 'roleAdded'
  | 'roleChanged'
  | 'roleRemoved'
  | 'emailChanged'
  | 'passwordChanged'
  | 'twoStepUnchanged';

export function setNotice(ctx: Koa.Context, notice: Notice): void {
  setAreaNotice(ctx, 'my-account', `my-account.notices.${notice}`);
}

/**
 * Renders a My Account page: the side navigation with the current section
 * marked, a one-off success banner if the last action left one, and the page.
 * A page with errors answers 400.
 */
export function renderSection(ctx: Koa.Context, section: SectionKey, page: string, locals: Record<string, unknown> = {}): void {
  const t = ctx.state.t;
  const errors = locals.errors as { list?: unknown[] } | undefined;
  const failed = !!errors?.list?.length;
  if (failed) ctx.status = 400;
  const notice = takeNotice(ctx, 'my-account');
  const title = (locals.title as string | undefined) ?? (t(`my-account.${section}.title`) as string);
  ctx.render(`accounts/my-account/${page}`, {
    ...locals,
    // "Error: " first in the browser title, so screen reader users hear it as the page loads.
    title: failed ? `${t('common.errorPrefix')} ${title}` : title,
    sideNav: SECTIONS.map((s) => ({ href: s.href, text: t(`my-account.${s.key}.title`), current: s.key === section })),
    notice,
    accountEmail: ctx.state.account?.email,
  });
}

/** A 303 to a My Account page after a successful change, with its one-off message. */
export function redirectWithNotice(ctx: Koa.Context, path: string, notice?: Notice): void {
  if (notice) setNotice(ctx, notice);
  ctx.status = 303;
  ctx.redirect(path);
}
