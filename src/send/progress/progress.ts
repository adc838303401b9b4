import type Koa from 'koa';
import { localise } from '../../i18n/index.js';
import { editInProgress } from '../../forms/scope.js';
import { longDate, shortDate } from '../../i18n/dates.js';
import type { FormDefinitions } from '../../forms/definitions.js';
import { professional } from '../../access/actor.js';
import { readAssessment } from '../assessment.js';
import { requestsFor, responsesForChild, type FormRequestRow, type FormResponseRow } from '../../forms/responses.js';
import { formPath } from '../../forms/paths.js';
import type { Child } from '../../people/children.js';
import type { EnabledForm } from '../../tenancy/schema.js';

export { STAGES } from '../assessment.js';
import { STAGES } from '../assessment.js';

/** One line of a form on the page: its title and what the professional can do with it. */
export interface FormLine {
  title: string;
  status: string;
  /** A started draft, or a submitted form being edited: "Continue". */
  continueHref?: string;
  viewHref?: string;
  editHref?: string;
  /** Start: a button posting these to /forms/start. */
  start?: { form: string; child: string };
  dueText?: string;
}

function linesFor(ctx: Koa.Context, library: FormDefinitions, enabled: EnabledForm, child: Child, mine: FormResponseRow[], openRequest: FormRequestRow | undefined): FormLine[] {
  const t = ctx.state.t;
  const form = library.get(enabled.form);
  if (!form) return [];
  const title = localise(form.title, ctx.state.lang);
  const dueText = openRequest?.due_date ? t('forms.progress.due', { date: longDate(openRequest.due_date instanceof Date ? dateOnly(openRequest.due_date) : String(openRequest.due_date), ctx.state.lang) }) : undefined;
  const lines: FormLine[] = mine
    .filter((r) => r.form_id === enabled.form)
    .map((r) => {
      if (r.status === 'draft') return { title, status: t('forms.progress.inProgress'), continueHref: formPath(r.id), dueText };
      const submitted = t('forms.progress.submittedOn', { date: shortDate(r.submitted_at!) });
      if (editInProgress(r.answers)) return { title, status: `${submitted} ${t('forms.progress.beingEdited')}`, continueHref: formPath(r.id), viewHref: `${formPath(r.id)}/view` };
      return { title, status: submitted, viewHref: `${formPath(r.id)}/view`, editHref: `${formPath(r.id)}/edit` };
    });
  const hasDraft = mine.some((r) => r.form_id === enabled.form && r.status === 'draft');
  const mayStart = enabled.start === 'professional' || !!openRequest;
  if (!hasDraft && mayStart) lines.push({ title, status: t('forms.progress.notStarted'), start: { form: enabled.form, child: child.id }, dueText });
  return lines;
}

/** A pg DATE read as a local-midnight Date, as "YYYY-MM-DD". */
const dateOnly = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/**
 * Everything the Statutory Assessment Progress page shows: the stages with the
 * current one, what happens now, the key dates the council has set, the forms
 * of this stage, forms the council has asked this professional for, and the
 * professional's forms of other stages.
 */
export async function progressOf(ctx: Koa.Context, library: FormDefinitions, child: Child) {
  const tenant = ctx.state.tenant!;
  const account = professional(ctx);
  const { t, lang } = { t: ctx.state.t, lang: ctx.state.lang };
  // One after another: they share the request's transaction (one connection).
  const assessment = await readAssessment(child.id);
  const mine = await responsesForChild(account.id, child.id);
  const requests = await requestsFor(account.id, child.id);
  const answered = new Set(mine.map((r) => r.request_id));
  const openRequest = (formId: string) => requests.find((r) => r.form_id === formId && !answered.has(r.id));
  const sendForms = tenant.forms.filter((f) => f.service === 'send' && library.get(f.form));
  const current = assessment.stage;

  const thisStage = sendForms.filter((f) => f.stage === current).flatMap((f) => linesFor(ctx, library, f, child, mine, openRequest(f.form)));
  const requested = sendForms
    .filter((f) => f.stage !== current && requests.some((r) => r.form_id === f.form))
    .flatMap((f) => linesFor(ctx, library, f, child, mine, openRequest(f.form)));
  const otherStages = sendForms
    .filter((f) => f.stage !== current && !requests.some((r) => r.form_id === f.form))
    .flatMap((f) => linesFor(ctx, library, f, child, mine, undefined).filter((l) => !l.start));

  const keyDates = (tenant.send?.keyDates ?? [])
    .filter((d) => d.stage === current && assessment.keyDates[d.id])
    .map((d) => ({ label: localise(d.label, lang), value: longDate(String(assessment.keyDates[d.id]), lang) }));

  return {
    stages: STAGES.map((stage, i) => ({ name: t(`forms.progress.stages.${stage}`), number: i + 1, current: stage === current })),
    stageName: t(`forms.progress.stages.${current}`),
    whatHappensNow: localise(tenant.send?.stages[current]?.whatHappensNow, lang),
    keyDates,
    thisStage,
    requested,
    otherStages,
  };
}
