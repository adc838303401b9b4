import type Koa from 'koa';
import type { Account } from '../../accounts/account.js';
import { isLanguage, localise, translator, type Language } from '../../i18n/index.js';
import { longDate } from '../../forms/dates.js';
import { getForm } from '../../forms/library.js';
import type { FormDefinition } from '../../forms/definition.js';
import { sendMessage } from '../../messages/inbox.js';
import { audit } from '../../platform/audit.js';
import { tenantTrx } from '../../platform/db/tenant-context.js';
import { formatDateOfBirth, type Child } from '../../people/children.js';
import type { EnabledForm } from '../../tenancy/schema.js';
import { linkProfessional } from './professionals.js';

/**
 * The council asking a professional for a form about a child (e.g. Educational
 * Advice): a `form_requests` row, the professional linked to the child, and a
 * message in their inbox ("You are required to submit information") that links
 * to the child's progress page, with an email telling them to sign in.
 */

export interface RequestableForm {
  enabled: EnabledForm;
  form: FormDefinition;
}

/** The SEND forms the council enables for professionals to complete only when asked. */
export function requestableForms(ctx: Koa.Context): RequestableForm[] {
  return ctx.state.tenant!.forms.flatMap((enabled) => {
    const form = enabled.service === 'send' && enabled.start === 'onRequest' ? getForm(enabled.form) : undefined;
    return form ? [{ enabled, form }] : [];
  });
}

export interface AdviceRequest {
  child: Child;
  professional: Account;
  form: FormDefinition;
  /** YYYY-MM-DD */
  dueDate?: string;
  note?: string;
}

/** The professional's own language where the council offers it, else the council's first. */
function languageOf(ctx: Koa.Context, account: Account): Language {
  const lang = account.preferred_language;
  return isLanguage(lang) && ctx.state.tenant!.languages.includes(lang) ? lang : ctx.state.tenant!.languages[0]!;
}

/** The message's text, in the professional's language. */
function messageText(request: AdviceRequest, lang: Language) {
  const t = translator(lang);
  const values = {
    form: localise(request.form.title, lang),
    child: `${request.child.forename} ${request.child.surname}`,
    dateOfBirth: formatDateOfBirth(request.child),
  };
  const paragraphs = [t('backoffice-send.adviceMessage.body', values)];
  if (request.dueDate) paragraphs.push(t('backoffice-send.adviceMessage.due', { date: longDate(request.dueDate, lang) }));
  if (request.note) paragraphs.push(t('backoffice-send.adviceMessage.note'), request.note);
  paragraphs.push(t('backoffice-send.adviceMessage.howTo', values));
  return { subject: t('backoffice-send.adviceMessage.subject'), body: paragraphs.join('\n\n'), linkText: t('backoffice-send.adviceMessage.linkText', values) };
}

export async function sendAdviceRequest(ctx: Koa.Context, request: AdviceRequest): Promise<string> {
  const staff = ctx.state.account!;
  const { child, professional } = request;
  // The professional must be able to open the child's page the message links to.
  await linkProfessional(child, professional, staff.id);
  const [row] = await tenantTrx()('form_requests')
    .insert({ form_id: request.form.id, child_id: child.id, account_id: professional.id, requested_by_staff: staff.id, due_date: request.dueDate ?? null, note: request.note ?? null })
    .returning('id');
  const id = row.id as string;
  const lang = languageOf(ctx, professional);
  const text = messageText(request, lang);
  const messageId = await sendMessage({
    accountId: professional.id,
    email: professional.email,
    locale: lang,
    subject: text.subject,
    body: text.body,
    linkPath: `/send/children/${child.id}`,
    linkText: text.linkText,
    childId: child.id,
    signInUrl: `${ctx.protocol}://${ctx.host}/sign-in`,
  });
  await tenantTrx()('form_requests').where({ id }).update({ message_id: messageId });
  await audit('backoffice.advice-requested', {
    subjectType: 'child',
    subjectId: child.id,
    details: { requestId: id, formId: request.form.id, accountId: professional.id, dueDate: request.dueDate ?? null, messageId },
  });
  return id;
}

export interface RequestLine {
  id: string;
  formTitle: string;
  professional: string;
  requestedAt: Date;
  dueDate?: string;
  /** The submitted response answering it, if any. */
  responseId?: string;
}

/** The council's requests about a child, newest first, with whether each has been answered. */
export async function requestsAboutChild(childId: string, lang: Language): Promise<RequestLine[]> {
  const trx = tenantTrx();
  const rows: { id: string; form_id: string; forename: string; surname: string; created_at: Date; due_date: string | null; response_id: string | null }[] = await trx('form_requests as r')
    .join('accounts as a', (j) => j.on('a.tenant_id', 'r.tenant_id').andOn('a.id', 'r.account_id'))
    .leftJoin('form_responses as f', (j) => j.on('f.tenant_id', 'r.tenant_id').andOn('f.request_id', 'r.id').andOn('f.version', '>', trx.raw('0')))
    .where('r.child_id', childId)
    .orderBy('r.created_at', 'desc')
    .select('r.id', 'r.form_id', 'a.forename', 'a.surname', 'r.created_at', trx.raw("to_char(r.due_date, 'YYYY-MM-DD') as due_date"), 'f.id as response_id');
  return rows.map((r) => ({
    id: r.id,
    formTitle: localise(getForm(r.form_id)?.title, lang) || r.form_id,
    professional: `${r.forename} ${r.surname}`,
    requestedAt: r.created_at,
    dueDate: r.due_date ?? undefined,
    responseId: r.response_id ?? undefined,
  }));
}
