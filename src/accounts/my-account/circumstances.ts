import type Router from '@koa/router';
import type Koa from 'koa';
import { z } from 'zod';
import { localise, translator } from '../../i18n/index.js';
import { audit } from '../../platform/audit.js';
import { noErrors, parseForm, readForm, text, type FormErrors } from '../../platform/http/forms.js';
import { queueEmail } from '../../platform/mail/outbox.js';
import type { Account } from '../queries/accounts.js';
import { rolesOf } from '../queries/work-roles.js';
import { renderSection } from './sections.js';

export const CHANGES = ['leftOrganisation', 'changedRole', 'somethingElse'] as const;
export const DETAILS_MAX = 2000;
const PAGE = '/my-account/change-of-circumstances';
const err = (name: string) => `my-account.circumstances.errors.${name}`;

/** The form as posted, trimmed; line breaks arrive as CRLF and are counted as people see them. */
const input = z.object({ change: text(), details: text(z.string().transform((details) => details.replace(/\r\n/g, '\n'))), closeAccount: text() });
const schema = z
  .object({
    change: z.enum(CHANGES, { error: err('changeMissing') }),
    details: z.string().max(DETAILS_MAX, err('detailsTooLong')),
    closeAccount: z.string(),
  })
  .refine((v) => v.change !== 'somethingElse' || v.details.length > 0, { path: ['details'], message: err('detailsMissing') });

type Values = Record<'change' | 'details' | 'closeAccount', string>;
export interface Circumstances {
  change: (typeof CHANGES)[number];
  details: string;
}

function show(ctx: Koa.Context, values: Values, errors: FormErrors = noErrors()) {
  const t = ctx.state.t;
  renderSection(ctx, 'circumstances', 'circumstances', {
    values,
    errors,
    detailsMax: DETAILS_MAX,
    changeOptions: CHANGES.map((value) => ({ value, text: t(`my-account.circumstances.changes.${value}`) })),
    contactTeam: localise(ctx.state.tenant!.contact.team, ctx.state.lang),
  });
}

/**
 * Tells the council (its contact address, in its first language) what has
 * changed: only what the person typed about themselves and their roles.
 */
export async function tellCouncil(ctx: Koa.Context, account: Account, circumstances: Circumstances | undefined, closing: boolean) {
  const tenant = ctx.state.tenant!;
  const lang = tenant.languages[0]!;
  const t = translator(lang);
  const roles = await rolesOf(account.id);
  await queueEmail({
    to: tenant.contact.email,
    template: 'my-account.emails.circumstancesToCouncil',
    locale: lang,
    data: {
      name: [account.title, account.forename, account.surname].filter(Boolean).join(' '),
      email: account.email,
      change: circumstances ? t(`my-account.circumstances.changes.${circumstances.change}`) : t('my-account.emails.circumstancesToCouncil.noChangeGiven'),
      details: circumstances?.details || t('my-account.emails.circumstancesToCouncil.noDetails'),
      roles: roles.map((r) => t('my-account.workDetails.roleAt', { role: r.role, organisation: r.organisation })).join('; '),
      closing: t(closing ? 'my-account.emails.circumstancesToCouncil.closing' : 'my-account.emails.circumstancesToCouncil.notClosing'),
    },
  });
}

async function report(ctx: Koa.Context) {
  const account = ctx.state.account!;
  const values = readForm(ctx, input);
  const { data, errors } = parseForm(ctx, schema, values);
  if (!data) return show(ctx, values, errors);
  const circumstances = { change: data.change, details: data.details };
  if (data.closeAccount === 'yes') {
    ctx.session!.myAccountCircumstances = circumstances;
    ctx.status = 303;
    return ctx.redirect('/my-account/close-account');
  }
  await tellCouncil(ctx, account, circumstances, false);
  await audit('account.circumstances-reported', { subjectType: 'account', subjectId: account.id, details: { change: data.change } });
  delete ctx.session!.myAccountCircumstances;
  ctx.session!.myAccountCircumstancesSent = true;
  ctx.status = 303;
  ctx.redirect(`${PAGE}/sent`);
}

export function circumstancesRoutes(router: Router): void {
  router.get('/change-of-circumstances', (ctx) => {
    const pending = ctx.session!.myAccountCircumstances;
    show(ctx, { change: pending?.change ?? '', details: pending?.details ?? '', closeAccount: '' });
  });
  router.post('/change-of-circumstances', report);
  router.get('/change-of-circumstances/sent', (ctx) => {
    if (!ctx.session!.myAccountCircumstancesSent) return ctx.redirect(PAGE);
    delete ctx.session!.myAccountCircumstancesSent;
    renderSection(ctx, 'circumstances', 'circumstances-sent', {
      title: ctx.state.t('my-account.circumstances.sent.title'),
      contactTeam: localise(ctx.state.tenant!.contact.team, ctx.state.lang),
    });
  });
}
