import { privateFileHeaders } from '../../platform/http/download.js';
import Router from '@koa/router';
import type Koa from 'koa';
import { z } from 'zod';
import { staff } from '../../access/actor.js';
import { staffWith } from '../../access/guards.js';
import { can, SERVICE_ROLE } from '../../access/policies.js';
import { professionalSummaries } from '../../accounts/directory.js';
import type { FormDefinitions } from '../../forms/definitions.js';
import type { FormDefinition } from '../../forms/definition.js';
import { assign, close, counts, findIntake, INTAKE_STATUSES, queue, type IntakeRow, type IntakeStatus } from '../../forms/intake.js';
import { formPdf } from '../../forms/pdf.js';
import { findResponse, versionsOf, type FormResponseRow, type FormVersionRow } from '../../forms/responses.js';
import { namesOf, subjectsOf, subjectsOfResponses } from '../../forms/subjects.js';
import { answersByPerson, summarise, type WorkRoleSnapshot } from '../../forms/summary.js';
import { listOfNames, textsOf } from '../../forms/texts.js';
import { localise } from '../../i18n/index.js';
import { sendMessage } from '../../messages/inbox.js';
import { audit } from '../../platform/audit.js';
import { addError, noErrors, readForm, text, type FormErrors } from '../../platform/http/forms.js';
import { formatDateTime } from '../../platform/http/views.js';
import { formatSize } from '../../uploads/present.js';
import { intakePath, SERVICE_AREAS, type ServiceArea } from '../../tenancy/services.js';
import { renderBackoffice } from '../page.js';

/**
 * The council's intake queue of each service with one (Social Care, Early
 * Help): New, In progress and Closed; a submission read with its per-person
 * answers, assigned, closed with an outcome from the tenant file, answered
 * with a message to the referrer, and downloaded as PDF or JSON. Staff need
 * the service's role (SERVICE_ROLE); anyone else, or another council's id, gets 404.
 */

export const INTAKE = '/backoffice/intake';
const intakeItemPath = (responseId: string) => `${INTAKE}/${responseId}`;
const MESSAGE_MAX = 5000;

interface Found {
  intake: IntakeRow;
  area: ServiceArea;
  response: FormResponseRow;
  form: FormDefinition;
  latest: FormVersionRow;
}

declare module 'koa' {
  interface DefaultState {
    intakeItem?: Found;
  }
}

const seeOther = (ctx: Koa.Context, url: string) => {
  ctx.status = 303;
  ctx.redirect(url);
};

/** The submission's id in the URL (anything else is not found). */
const itemParams = z.object({ responseId: z.string().regex(/^[0-9a-f-]{36}$/i) });
/** A queue's tab (anything else is New); an item page's word on what was just done. */
const queueQuery = z.object({ status: z.enum(INTAKE_STATUSES).catch('new') });
const itemQuery = z.object({ done: z.string().catch('') });
/** Closing: the outcome chosen (one of the tenant file's, checked below). */
const closeInput = z.object({ outcome: text() });
/** A message to the referrer, its line breaks as LF. */
const messageInput = z.object({ message: text(z.string().transform((message) => message.replace(/\r\n?/g, '\n'))) });

/** The council's submission from the URL, for staff holding its service's role; 404 otherwise. */
const withItem = (library: FormDefinitions): Koa.Middleware => async (ctx, next) => {
  const params = itemParams.safeParse(ctx.params);
  const id = params.success ? params.data.responseId : '';
  const intake = params.success ? await findIntake(id) : undefined;
  const area = intake && SERVICE_AREAS.find((a) => a.service === intake.service && a.intake);
  if (!intake || !area || !ctx.state.tenant!.services.includes(area.service) || !can(ctx.state.actor, 'actAs', SERVICE_ROLE[area.service])) return ctx.throw(404);
  const response = await findResponse(id);
  const form = response && response.version > 0 ? await library.of(response) : undefined;
  const latest = response && (await versionsOf(response.id)).at(-1);
  if (!response || !form || !latest) return ctx.throw(404);
  ctx.state.intakeItem = { intake, area, response, form, latest };
  await next();
};

const statusText = (ctx: Koa.Context, status: IntakeStatus) => ctx.state.t(`backoffice.intake.status.${status}`);
const outcomesOf = (ctx: Koa.Context, area: ServiceArea) => ctx.state.tenant!.intake?.[area.service]?.outcomes ?? [];

async function renderItem(ctx: Koa.Context, errors: FormErrors = noErrors(), typed: { message?: string; outcome?: string } = {}) {
  const { intake, area, response, form, latest } = ctx.state.intakeItem!;
  const texts = textsOf(ctx);
  const { t, lang } = texts;
  const people = await professionalSummaries([response.account_id, ...(intake.assigned_to ? [intake.assigned_to] : [])]);
  const referrer = people.get(response.account_id);
  const subjects = await subjectsOf(response.id);
  const outcome = outcomesOf(ctx, area).find((o) => o.id === intake.outcome);
  const title = localise(form.title, lang);
  const { done } = itemQuery.parse(ctx.query);
  if (errors.list.length) ctx.status = 400;
  ctx.set('Cache-Control', 'no-store');
  renderBackoffice(ctx, 'intake/item', {
    title: `${errors.list.length ? `${t('common.errorPrefix')} ` : ''}${title}`,
    heading: title,
    about: listOfNames(namesOf(subjects), texts),
    backHref: intakePath(area),
    backText: t(`backoffice.intake.areas.${area.service}`),
    status: statusText(ctx, intake.status),
    closed: intake.status === 'closed',
    outcome: outcome ? localise(outcome.text, lang) : '',
    assignee: intake.assigned_to ? (people.get(intake.assigned_to)?.name ?? '') : '',
    mine: intake.assigned_to === staff(ctx).id,
    receivedAt: formatDateTime(intake.received_at, lang),
    referrer: referrer ? `${referrer.name} (${referrer.email})` : '',
    workRole: latest.answers._workRole as WorkRoleSnapshot | undefined,
    sections: summarise(form, latest.answers, { texts, documents: latest.documents.map((d) => ({ ...d, href: `/uploads/${d.id}/download` })), workRole: latest.answers._workRole as WorkRoleSnapshot | undefined }),
    outcomes: outcomesOf(ctx, area).map((o, i) => ({ id: i === 0 ? 'outcome' : `outcome-${o.id}`, value: o.id, text: localise(o.text, lang), checked: typed.outcome === o.id })),
    message: typed.message ?? '',
    messageMax: MESSAGE_MAX,
    action: intakeItemPath(response.id),
    pdfHref: `${intakeItemPath(response.id)}/pdf`,
    jsonHref: `${intakeItemPath(response.id)}/json`,
    notice: done ? t(`backoffice.intake.done.${done}`, { defaultValue: '' }) : '',
    errors,
  });
}

export function intakeRoutes(deps: { library: FormDefinitions }): Router {
  const router = new Router();
  for (const area of SERVICE_AREAS.filter((a) => a.intake)) {
    /** The queue: New (oldest first), In progress, Closed. */
    router.get(intakePath(area), ...staffWith(SERVICE_ROLE[area.service]), async (ctx) => {
      if (!ctx.state.tenant!.services.includes(area.service)) return ctx.throw(404);
      const { t, lang } = ctx.state;
      const { status } = queueQuery.parse(ctx.query);
      const rows = await queue(area.service, status);
      const subjects = await subjectsOfResponses(rows.map((r) => r.response_id));
      const people = await professionalSummaries([...new Set(rows.flatMap((r) => [r.account_id, ...(r.assigned_to ? [r.assigned_to] : [])]))]);
      const outcomes = outcomesOf(ctx, area);
      const total = await counts(area.service);
      const texts = textsOf(ctx);
      ctx.set('Cache-Control', 'no-store');
      renderBackoffice(ctx, 'intake/queue', {
        title: t(`backoffice.intake.areas.${area.service}`),
        tabs: INTAKE_STATUSES.map((s) => ({ href: `${intakePath(area)}?status=${s}`, text: `${statusText(ctx, s)} (${total[s]})`, current: s === status })),
        statusText: statusText(ctx, status),
        lines: rows.map((r) => ({
          href: intakeItemPath(r.response_id),
          form: localise((deps.library.at(r.form_id, r.form_version) ?? deps.library.latest(r.form_id))?.definition.title, lang) || r.form_id,
          about: listOfNames(namesOf(subjects.get(r.response_id) ?? []), texts),
          receivedAt: formatDateTime(r.received_at, lang),
          referrer: people.get(r.account_id)?.name ?? '',
          assignee: r.assigned_to ? (people.get(r.assigned_to)?.name ?? '') : '',
          outcome: localise(outcomes.find((o) => o.id === r.outcome)?.text, lang),
        })),
      });
    });
  }

  const item = [...staffWith(), withItem(deps.library)];

  router.get(`${INTAKE}/:responseId`, ...item, async (ctx) => {
    await audit('backoffice.intake.viewed', { subjectType: 'form_response', subjectId: ctx.state.intakeItem!.response.id });
    await renderItem(ctx);
  });

  /** Assign to me: In progress. */
  router.post(`${INTAKE}/:responseId/assign`, ...item, async (ctx) => {
    const { response } = ctx.state.intakeItem!;
    await assign(response.id, staff(ctx).id);
    await audit('backoffice.intake.assigned', { subjectType: 'form_response', subjectId: response.id });
    seeOther(ctx, `${intakeItemPath(response.id)}?done=assigned`);
  });

  /** Close with an outcome from the tenant file. */
  router.post(`${INTAKE}/:responseId/close`, ...item, async (ctx) => {
    const { response, area } = ctx.state.intakeItem!;
    const chosen = readForm(ctx, closeInput).outcome;
    const outcome = chosen ? outcomesOf(ctx, area).find((o) => o.id === chosen) : undefined;
    if (!outcome) return renderItem(ctx, addError(noErrors(), ctx, 'outcome', 'backoffice.intake.errors.outcome'));
    await close(response.id, outcome.id);
    await audit('backoffice.intake.closed', { subjectType: 'form_response', subjectId: response.id, details: { outcome: outcome.id } });
    seeOther(ctx, `${intakeItemPath(response.id)}?done=closed`);
  });

  /** A message to the referrer: in their Messages, with an email telling them to sign in. */
  router.post(`${INTAKE}/:responseId/message`, ...item, async (ctx) => {
    const { response, form, intake } = ctx.state.intakeItem!;
    const { message } = readForm(ctx, messageInput);
    const errors = noErrors();
    if (!message) addError(errors, ctx, 'message', 'backoffice.intake.errors.message');
    else if (message.length > MESSAGE_MAX) addError(errors, ctx, 'message', 'backoffice.intake.errors.messageTooLong', { max: MESSAGE_MAX });
    if (errors.list.length) return renderItem(ctx, errors, { message });
    const referrer = (await professionalSummaries([response.account_id])).get(response.account_id);
    if (!referrer) return ctx.throw(404);
    const lang = ctx.state.tenant!.languages[0] ?? 'en';
    const t = ctx.state.t;
    const title = localise(form.title, lang);
    await sendMessage({
      accountId: response.account_id,
      email: referrer.email,
      locale: lang,
      subject: t('backoffice.intake.message.subject', { form: title, lng: lang }),
      body: message,
      linkPath: `/forms/${response.id}/view`,
      linkText: t('backoffice.intake.message.linkText', { form: title, lng: lang }),
      signInUrl: `${ctx.state.origin}/sign-in`,
    });
    if (intake.status === 'new') await assign(response.id, staff(ctx).id);
    await audit('backoffice.intake.messaged', { subjectType: 'form_response', subjectId: response.id, details: { to: response.account_id } });
    seeOther(ctx, `${intakeItemPath(response.id)}?done=messaged`);
  });

  router.get(`${INTAKE}/:responseId/pdf`, ...item, async (ctx) => {
    const { response, form, latest, intake } = ctx.state.intakeItem!;
    const texts = textsOf(ctx);
    const { t, lang } = texts;
    const referrer = (await professionalSummaries([response.account_id])).get(response.account_id);
    const workRole = latest.answers._workRole as WorkRoleSnapshot | undefined;
    const about = listOfNames(namesOf(await subjectsOf(response.id)), texts);
    const details: [string, string][] = [];
    if (about) details.push([t('forms.pdf.about'), about]);
    if (referrer) details.push([t('forms.pdf.professional'), `${referrer.name} (${referrer.email})`]);
    if (workRole) details.push([t('forms.pdf.workRole'), `${workRole.role}, ${workRole.organisation}`]);
    details.push([t('forms.pdf.submitted'), formatDateTime(latest.submitted_at, lang)], [t('backoffice.intake.statusLabel'), statusText(ctx, intake.status)]);
    await audit('backoffice.intake.downloaded', { subjectType: 'form_response', subjectId: response.id, details: { format: 'pdf', version: latest.version } });
    privateFileHeaders(ctx, `attachment; filename="${form.id}-${response.id.slice(0, 8)}.pdf"`, 'application/pdf');
    ctx.body = formPdf({
      lang,
      councilName: localise(ctx.state.tenant!.name, lang),
      formTitle: localise(form.title, lang),
      aboutName: about,
      details,
      sections: summarise(form, latest.answers, { texts, documents: latest.documents, workRole, printed: true }),
      documents: { heading: t('forms.pdf.documents'), none: t('forms.pdf.noDocuments'), lines: latest.documents.map((d) => ({ name: d.fileName, line: [d.description, `${d.mediaType}, ${formatSize(d.size)}`].filter(Boolean).join(' – ') })) },
      pageOf: (page, pages) => t('forms.pdf.pageOf', { page, pages }),
    });
  });

  router.get(`${INTAKE}/:responseId/json`, ...item, async (ctx) => {
    const { response, form, latest, intake } = ctx.state.intakeItem!;
    const { _workRole: workRole, ...answers } = latest.answers;
    await audit('backoffice.intake.downloaded', { subjectType: 'form_response', subjectId: response.id, details: { format: 'json', version: latest.version } });
    privateFileHeaders(ctx, `attachment; filename="${form.id}-${response.id.slice(0, 8)}.json"`, 'application/json');
    ctx.body = JSON.stringify(
      {
        responseId: response.id,
        formId: form.id,
        formVersion: response.form_version,
        version: latest.version,
        submittedAt: latest.submitted_at.toISOString(),
        submittedBy: latest.submitted_by,
        workRole: workRole ?? null,
        intake: { service: intake.service, status: intake.status, outcome: intake.outcome, receivedAt: intake.received_at.toISOString() },
        subjects: await subjectsOf(response.id),
        answers,
        ...(form.subject === 'people' ? { people: answersByPerson(form, latest.answers) } : {}),
        documents: latest.documents,
      },
      null,
      2,
    );
  });
  return router;
}
