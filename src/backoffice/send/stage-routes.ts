import type Router from '@koa/router';
import type Koa from 'koa';
import { staff } from '../../access/actor.js';
import { localise } from '../../i18n/index.js';
import { z } from 'zod';
import { addError, hasErrors, noErrors, readForm, text, type FormErrors } from '../../platform/http/forms.js';
import type { DateParts } from '../../people/date-of-birth.js';
import { setNotice } from '../notices.js';
import { isStage, readAssessment, saveAssessment, STAGES } from '../../send/assessment.js';
import { childName, childOf, withChild } from './child-routes.js';
import { checkOptionalDate, dateParts, datesInput, readDate, wrongBoxes } from './dates.js';
import { CHILDREN, childPath, renderSendPage, seeOther, sendStaff } from './page.js';

/** "Stage and key dates": the child's stage of the statutory process (radios) and the council's key dates (optional dates). */

interface StageValues {
  stage: string;
  dates: Record<string, DateParts>;
}

function renderStage(ctx: Koa.Context, values: StageValues, errors: FormErrors = noErrors(), wrong: Record<string, Record<string, boolean>> = {}) {
  const { t, lang } = ctx.state;
  const child = childOf(ctx);
  const keyDates = ctx.state.tenant!.send?.keyDates ?? [];
  renderSendPage(
    ctx,
    'stage',
    t('backoffice-send.stage.title'),
    {
      child: { name: childName(child), href: childPath(child.id) },
      action: `${childPath(child.id)}/stage`,
      stage: values.stage,
      stages: STAGES.map((value) => ({ value, text: t(`backoffice-send.stages.${value}`) })),
      // The dates grouped by the stage they belong to, as the council lists them.
      groups: STAGES.map((stage) => ({
        name: t(`backoffice-send.stages.${stage}`),
        dates: keyDates.filter((d) => d.stage === stage).map((d) => ({ id: d.id, label: localise(d.label, lang), value: values.dates[d.id], wrong: wrong[d.id] ?? {} })),
      })).filter((g) => g.dates.length),
    },
    errors,
  );
}

/** The stage chosen (checked against the stages below); the key dates' boxes are read by `datesInput`. */
const stageInput = z.object({ stage: text() });

export function stageRoutes(router: Router): void {
  const path = `${CHILDREN}/:childId/stage`;

  router.get(path, ...sendStaff(), withChild, async (ctx) => {
    const assessment = await readAssessment(childOf(ctx).id);
    const dates = Object.fromEntries((ctx.state.tenant!.send?.keyDates ?? []).map((d) => [d.id, dateParts(assessment.keyDates[d.id])]));
    renderStage(ctx, { stage: assessment.set ? assessment.stage : '', dates });
  });

  router.post(path, ...sendStaff(), withChild, async (ctx) => {
    const { t, lang } = ctx.state;
    const child = childOf(ctx);
    const keyDates = ctx.state.tenant!.send?.keyDates ?? [];
    const { stage } = readForm(ctx, stageInput);
    const dates = readForm(ctx, datesInput(keyDates.map((d) => d.id)));
    const values: StageValues = { stage, dates: Object.fromEntries(keyDates.map((d) => [d.id, readDate(dates, d.id)])) };
    const errors = noErrors();
    const wrong: Record<string, Record<string, boolean>> = {};
    const checked: Record<string, string | undefined> = {};
    if (!isStage(values.stage)) addError(errors, ctx, 'stage', 'backoffice-send.stage.errors.stageMissing');
    for (const d of keyDates) {
      const date = checkOptionalDate(values.dates[d.id]!);
      if (date.error) {
        addError(errors, ctx, d.id, `backoffice-send.dates.${date.error}`, { label: localise(d.label, lang) });
        wrong[d.id] = wrongBoxes(date.wrongParts);
      }
      checked[d.id] = date.iso;
    }
    if (hasErrors(errors) || !isStage(values.stage)) return renderStage(ctx, values, errors, wrong);
    await saveAssessment(child.id, { stage: values.stage, keyDates: checked }, staff(ctx).id);
    setNotice(ctx, 'backoffice-send.notices.stageSet', { child: childName(child), stage: t(`backoffice-send.stages.${values.stage}`) });
    seeOther(ctx, childPath(child.id));
  });
}
