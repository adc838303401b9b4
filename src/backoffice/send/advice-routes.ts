import type Router from '@koa/router';
import type Koa from 'koa';
import { staff } from '../../access/actor.js';
import { localise } from '../../i18n/index.js';
import { todayInUk, type DateParts } from '../../people/date-of-birth.js';
import { z } from 'zod';
import { addError, hasErrors, noErrors, readForm, text, type FormErrors } from '../../platform/http/forms.js';
import { setNotice } from '../notices.js';
import { requestableForms, sendAdviceRequest } from './advice-requests.js';
import { childName, childOf, withChild } from './child-routes.js';
import { checkOptionalDate, datesInput, readDate, wrongBoxes } from './dates.js';
import { CHILDREN, childPath, renderSendPage, seeOther, sendStaff } from './page.js';
import { activeProfessional, linkedProfessionals } from './professionals.js';
import type { FormDefinitions } from '../../forms/definitions.js';

/** "Ask a professional for advice": who, which form, by when, and a note; then the message and email go. */

export const NOTE_MAX = 2000;
/** The radio for a professional not yet linked to the child, found by their email address. */
const ANOTHER = 'another';

interface AdviceValues {
  professional: string;
  email: string;
  form: string;
  dueDate: DateParts;
  note: string;
}

/** The form as posted, every field trimmed; the note's line breaks as LF. */
const adviceInput = z.object({ professional: text(), email: text(), form: text(), note: text(z.string().transform((note) => note.replace(/\r\n?/g, '\n'))) });
/** …and the due date's three boxes. */
const dueDateInput = datesInput(['dueDate']);

async function renderAdvice(ctx: Koa.Context, library: FormDefinitions, values: AdviceValues, errors: FormErrors = noErrors(), wrongDate: Record<string, boolean> = {}) {
  const { t, lang } = ctx.state;
  const child = childOf(ctx);
  const linked = (await linkedProfessionals(child.id)).filter((p) => p.active);
  const professionals = linked.map((p, i) => ({ id: i === 0 ? 'professional' : `professional-${p.accountId}`, value: p.accountId, text: `${p.name} (${p.email})`, hint: p.organisations.join('; '), checked: values.professional === p.accountId }));
  renderSendPage(
    ctx,
    'advice',
    t('backoffice-send.advice.title'),
    {
      child: { name: childName(child), href: childPath(child.id) },
      action: `${childPath(child.id)}/advice`,
      values,
      professionals,
      another: { id: professionals.length ? `professional-${ANOTHER}` : 'professional', value: ANOTHER, checked: values.professional === ANOTHER },
      forms: requestableForms(ctx, library).map(({ form }) => ({ value: form.id, text: localise(form.title, lang) })),
      wrongDate,
      noteMax: NOTE_MAX.toLocaleString(lang === 'cy' ? 'cy-GB' : 'en-GB'),
    },
    errors,
  );
}

export function adviceRoutes(router: Router, deps: { library: FormDefinitions }): void {
  const { library } = deps;
  const path = `${CHILDREN}/:childId/advice`;

  router.get(path, ...sendStaff(), withChild, async (ctx) => {
    await renderAdvice(ctx, library, { professional: '', email: '', form: '', dueDate: { day: '', month: '', year: '' }, note: '' });
  });

  router.post(path, ...sendStaff(), withChild, async (ctx) => {
    const child = childOf(ctx);
    const values: AdviceValues = { ...readForm(ctx, adviceInput), dueDate: readDate(readForm(ctx, dueDateInput), 'dueDate') };
    const errors = noErrors();
    let professional;
    if (values.professional === ANOTHER) {
      if (!values.email) addError(errors, ctx, 'email', 'backoffice-send.advice.errors.emailMissing');
      else if (!(professional = await activeProfessional({ email: values.email }))) addError(errors, ctx, 'email', 'backoffice-send.advice.errors.emailUnknown');
    } else if (!values.professional) {
      addError(errors, ctx, 'professional', 'backoffice-send.advice.errors.professionalMissing');
    } else {
      // Only those offered on the page: the active professionals linked to the child.
      const linked = (await linkedProfessionals(child.id)).some((p) => p.accountId === values.professional && p.active);
      professional = linked ? await activeProfessional({ id: values.professional }) : undefined;
      if (!professional) addError(errors, ctx, 'professional', 'backoffice-send.advice.errors.professionalMissing');
    }
    const chosen = requestableForms(ctx, library).find((f) => f.form.id === values.form);
    if (!chosen) addError(errors, ctx, 'form', 'backoffice-send.advice.errors.formMissing');
    const due = checkOptionalDate(values.dueDate);
    const past = Boolean(due.iso && due.iso < todayInUk());
    if (due.error) addError(errors, ctx, 'dueDate', `backoffice-send.dates.${due.error}`, { label: ctx.state.t('backoffice-send.advice.dueDate') });
    else if (past) addError(errors, ctx, 'dueDate', 'backoffice-send.advice.errors.duePast');
    if (values.note.length > NOTE_MAX) addError(errors, ctx, 'note', 'backoffice-send.advice.errors.noteTooLong', { max: NOTE_MAX.toLocaleString('en-GB') });
    if (hasErrors(errors) || !professional || !chosen) return renderAdvice(ctx, library, values, errors, wrongBoxes(past ? ['day', 'month', 'year'] : due.wrongParts));

    await sendAdviceRequest(ctx, { child, professional, form: chosen.form, dueDate: due.iso, note: values.note || undefined });
    setNotice(ctx, 'backoffice-send.notices.adviceRequested', { name: professional.name, form: localise(chosen.form.title, ctx.state.lang) });
    seeOther(ctx, childPath(child.id));
  });
}
