import type Koa from 'koa';
import { staff } from '../../access/actor.js';
import { professionalSummaries, type ProfessionalSummary } from '../../accounts/directory.js';
import { isLanguage, localise, translator, type Language } from '../../i18n/index.js';
import { longDate } from '../../i18n/dates.js';
import type { FormDefinitions } from '../../forms/definitions.js';
import type { FormDefinition } from '../../forms/definition.js';
import { attachMessage, createRequest, requestsAboutChild as requestRows } from '../../forms/requests.js';
import { sendMessage } from '../../messages/inbox.js';
import { audit } from '../../platform/audit.js';
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
export function requestableForms(ctx: Koa.Context, library: FormDefinitions): RequestableForm[] {
  return ctx.state.tenant!.forms.flatMap((enabled) => {
    const form = enabled.service === 'send' && enabled.start === 'onRequest' ? library.get(enabled.form) : undefined;
    return form ? [{ enabled, form }] : [];
  });
}

export interface AdviceRequest {
  child: Child;
  professional: ProfessionalSummary;
  form: FormDefinition;
  /** YYYY-MM-DD */
  dueDate?: string;
  note?: string;
}

/** The professional's own language where the council offers it, else the council's first. */
function languageOf(ctx: Koa.Context, professional: ProfessionalSummary): Language {
  const lang = professional.language;
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
  const staffId = staff(ctx).id;
  const { child, professional } = request;
  // The professional must be able to open the child's page the message links to.
  await linkProfessional(child, professional, staffId);
  const id = await createRequest({ formId: request.form.id, childId: child.id, accountId: professional.accountId, staffId, dueDate: request.dueDate, note: request.note });
  const lang = languageOf(ctx, professional);
  const text = messageText(request, lang);
  const messageId = await sendMessage({
    accountId: professional.accountId,
    email: professional.email,
    locale: lang,
    subject: text.subject,
    body: text.body,
    linkPath: `/send/children/${child.id}`,
    linkText: text.linkText,
    childId: child.id,
    signInUrl: `${ctx.state.origin}/sign-in`,
  });
  await attachMessage(id, messageId);
  await audit('backoffice.advice-requested', {
    subjectType: 'child',
    subjectId: child.id,
    details: { requestId: id, formId: request.form.id, accountId: professional.accountId, dueDate: request.dueDate ?? null, messageId },
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
export async function requestsAboutChild(library: FormDefinitions, childId: string, lang: Language): Promise<RequestLine[]> {
  const rows = await requestRows(childId);
  const people = await professionalSummaries(rows.map((r) => r.accountId));
  return rows.map((r) => ({
    id: r.id,
    formTitle: localise(library.get(r.formId)?.title, lang) || r.formId,
    professional: people.get(r.accountId)?.name ?? '',
    requestedAt: r.requestedAt,
    dueDate: r.dueDate,
    responseId: r.responseId,
  }));
}
