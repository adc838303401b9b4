import type Koa from 'koa';
import { professional } from '../access/actor.js';
import type { WorkRoleDetails } from '../accounts/directory.js';
import { formatAddress, fromAddressColumns } from '../accounts/addresses/format.js';
import { localise } from '../i18n/index.js';
import { noErrors, type FormErrors } from '../platform/http/forms.js';
import { fileQuestionView } from '../uploads/view.js';
import type { FormsDeps } from './deps.js';
import { aboutName } from './response-scope.js';
import { type FormScope } from './scope.js';
import { stepValues, type StepContext, type StepValues } from './answers.js';
import type { Step } from './definition.js';
import { stepQuestions } from './fields.js';
import { parsePeople } from './people.js';
import { peopleView } from './people-page.js';
import { answerForNotice, prepareStep } from './step-actions.js';
import { previousStep, stepStates, type StepState } from './steps.js';
import { formPath, stepPath } from './paths.js';
import { summarise, workRoleSnapshot, type SummaryDocument } from './summary.js';
import type { Texts } from './validation.js';
import { textsOf } from './texts.js';
import { areaOf, childHome } from './areas.js';

const STATUS_KEYS: Record<StepState['status'], string> = {
  completed: 'forms.status.completed',
  inProgress: 'forms.status.inProgress',
  notStarted: 'forms.status.notStarted',
  cannotStartYet: 'forms.status.cannotStartYet',
};

/** The steps with their status texts, for the step list and each step's navigation. */
export function stepList(ctx: Koa.Context, scope: FormScope, currentStepId?: string) {
  return stepStates(scope.form, scope.response, ctx.state.lang).map((s) => ({
    ...s,
    id: s.step.id,
    statusText: ctx.state.t(STATUS_KEYS[s.status]),
    completed: s.status === 'completed',
    current: s.step.id === currentStepId,
  }));
}

/** The page title, with "Error: " first when the page shows errors (screen readers hear it first). */
function pageTitle(ctx: Koa.Context, title: string, errors?: FormErrors): string {
  if (errors?.list.length) {
    ctx.status = 400;
    return `${ctx.state.t('common.errorPrefix')} ${title}`;
  }
  return title;
}

/** What every page of a response shows above its content. */
export function heading(ctx: Koa.Context, scope: FormScope) {
  const area = areaOf(scope.enabled.service);
  return {
    formTitle: localise(scope.form.title, ctx.state.lang),
    childName: aboutName(scope, textsOf(ctx)),
    aboutChild: Boolean(scope.child),
    responseId: scope.response.id,
    overviewHref: formPath(scope.response.id),
    childHref: childHome(scope),
    areaTitle: area && !scope.child ? ctx.state.t(`${area.key}.title`) : undefined,
    editReason: scope.edit?.reason,
    draft: scope.response.status === 'draft',
    saveForLater: scope.response.status === 'draft',
    pdfHref: `${formPath(scope.response.id)}/pdf`,
  };
}

function roleOptions(roles: WorkRoleDetails[], chosen: string) {
  return roles.map((r, i) => ({
    id: i === 0 ? 'workRole' : `workRole-${r.id}`,
    value: r.id,
    role: r.role,
    organisation: r.organisation,
    address: formatAddress(fromAddressColumns(r)),
    workPhone: r.work_phone,
    mobile: r.mobile,
    checked: r.id === chosen,
  }));
}

/**
 * A step's page: its questions with what was typed and any errors, the
 * documents for a file question; the people step's people. `context` is what
 * the page was read with (people and looked-up addresses), else prepared here.
 */
export async function renderStep(
  ctx: Koa.Context,
  scope: FormScope,
  step: Step,
  deps: FormsDeps,
  values: StepValues = stepValues(scope.response.answers, step.id),
  errors: FormErrors = noErrors(),
  context?: StepContext,
) {
  const texts = textsOf(ctx);
  const { form, response } = scope;
  const head = heading(ctx, scope);
  const previous = previousStep(form, step.id);
  const here = stepPath(response.id, step.id);
  let page: string;
  let content: Record<string, unknown>;
  if (step.type === 'workDetails') {
    const roles = await deps.workRoles.of(professional(ctx).id);
    page = 'forms/work-details';
    content = { roles: roleOptions(roles, String(values.workRole ?? response.work_role_id ?? '')), roleError: errors.byField.workRole, myAccountHref: '/my-account/work-details' };
  } else if (step.type === 'people') {
    const shown = context ?? (await prepareStep(form, response.answers, values, deps.findAddresses));
    page = 'forms/people';
    content = { people: peopleView(step, parsePeople(values), errors.byField, texts, shown), autosave: `${here}/autosave` };
  } else if (step.type === 'questions') {
    const shown = context ?? (await prepareStep(form, response.answers, values, deps.findAddresses));
    const { questions, files } = stepQuestions(form, step, values, response.answers, errors, texts, { context: shown, answerFor: answerForNotice(ctx.query.answerFor) });
    const fileViews = [];
    for (const f of files) {
      const uploads = await deps.documents.list(response.id, f.file!.questionId);
      // What the last upload or delete did: its errors join this page's error summary.
      const upload = fileQuestionView(ctx, { responseId: response.id, questionId: f.file!.questionId, uploads, descriptions: f.file!.descriptions, back: here });
      errors.list.push(...upload.errors.list);
      fileViews.push({ ...f, upload });
    }
    page = 'forms/step';
    content = { questions, files: fileViews, autosave: `${here}/autosave` };
  } else {
    throw new Error(`"${step.id}" is not a step of questions`);
  }
  ctx.render(page, {
    ...head,
    ...content,
    title: pageTitle(ctx, `${localise(step.title, ctx.state.lang)} – ${head.formTitle}`, errors),
    stepTitle: localise(step.title, ctx.state.lang),
    stepNumber: form.steps.indexOf(step) + 1,
    stepCount: form.steps.length,
    intro: step.intro.map((p) => localise(p, ctx.state.lang)),
    backHref: previous ? stepPath(response.id, previous.id) : head.overviewHref,
    steps: stepList(ctx, scope, step.id),
    action: here,
    saveForLaterAction: here,
    errors,
  });
}

/** Documents of a response for its summary. */
export async function currentDocuments(deps: Pick<FormsDeps, 'documents'>, responseId: string): Promise<SummaryDocument[]> {
  const rows = await deps.documents.list(responseId);
  return rows.map((u) => ({ id: u.id, questionId: u.question_id ?? null, fileName: u.file_name, description: u.description ?? null, mediaType: u.media_type, size: Number(u.size), status: u.status }));
}

/** The summary step: every answer and document with Change links, then the declarations and Submit. */
export async function renderSummary(ctx: Koa.Context, scope: FormScope, step: Step, deps: FormsDeps, errors: FormErrors = noErrors(), ticked: string[] = []) {
  const texts = textsOf(ctx);
  const { form, response } = scope;
  const head = heading(ctx, scope);
  const role = response.work_role_id ? await deps.workRoles.one(professional(ctx).id, response.work_role_id) : undefined;
  const previous = previousStep(form, step.id);
  ctx.render('forms/summary', {
    createPdfHref: `${formPath(response.id)}/pdf`,
    ...head,
    title: pageTitle(ctx, `${localise(step.title, ctx.state.lang)} – ${head.formTitle}`, errors),
    stepTitle: localise(step.title, ctx.state.lang),
    stepNumber: form.steps.indexOf(step) + 1,
    stepCount: form.steps.length,
    intro: step.intro.map((p) => localise(p, ctx.state.lang)),
    backHref: previous ? stepPath(response.id, previous.id) : head.overviewHref,
    steps: stepList(ctx, scope, step.id),
    sections: summarise(form, response.answers, { texts, documents: await currentDocuments(deps, response.id), workRole: role ? workRoleSnapshot(role) : undefined, changeFor: response.id }),
    declarations: form.declarations.map((d) => ({
      id: d.id,
      heading: localise(d.heading, ctx.state.lang),
      paragraphs: d.paragraphs.map((p) => localise(p, ctx.state.lang)),
      label: localise(d.label, ctx.state.lang),
      checked: ticked.includes(d.id),
      error: errors.byField[d.id],
    })),
    action: `${formPath(response.id)}/submit`,
    errors,
  });
}
