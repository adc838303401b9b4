import { ukDay } from '../i18n/dates.js';
import Router from '@koa/router';
import type Koa from 'koa';
import { z } from 'zod';
import { staffWith } from '../access/guards.js';
import { approveRegistration, findAwaiting, isProfessional, listAwaiting, rejectRegistration, type Registration } from '../accounts/verification.js';
import { hasKey, isLanguage, translator, type Language } from '../i18n/index.js';
import { roleShown } from '../tenancy/roles.js';
import type { Tenant } from '../tenancy/schema.js';
import { addError, hasErrors, noErrors, readForm, text, type FormErrors } from '../platform/http/forms.js';
import { setNotice, takeNotice } from './notices.js';
import { renderBackoffice } from './page.js';

const QUEUE = '/backoffice/registrations';
export const REASON_MAX_LENGTH = 1000;
/** Rejecting: the reason given (checked below, as its message names the limit). */
const rejectInput = z.object({ reason: text() });
/** The account's id in the URL. */
const registrationParams = z.object({ id: z.guid() });

/** The registration in the URL while it waits for a decision; undefined for any other id. */
async function waiting(ctx: Koa.Context): Promise<Registration | undefined> {
  const params = registrationParams.safeParse(ctx.params);
  return params.success ? findAwaiting(params.data.id) : undefined;
}

/** "26 November 2026" / "26 Tachwedd 2026". */
export function formatDate(date: Date | null, lang: Language): string {
  if (!date) return '';
  return ukDay(date, lang);
}

const addressLines = (role: Registration['roles'][number]) =>
  [role.building_name, role.house_name, [role.house_number, role.street].filter(Boolean).join(' '), role.district, role.town, role.county, role.postcode, role.country].filter(
    (line): line is string => Boolean(line && line.trim()),
  );

/** What the pages show of one registration: everything the professional gave, ready to display. */
function present(registration: Registration, lang: Language, tenant: Tenant) {
  const { roles } = registration;
  return {
    id: registration.id,
    name: registration.name,
    title: registration.title,
    forename: registration.forename,
    surname: registration.surname,
    gender: registration.gender && hasKey(`registration.about.genders.${registration.gender}`, lang) ? translator(lang)(`registration.about.genders.${registration.gender}`) : registration.gender,
    email: registration.email,
    language: isLanguage(registration.language) ? translator(registration.language)('common.languageName') : registration.language,
    registered: formatDate(registration.registeredAt, lang),
    emailConfirmed: formatDate(registration.emailConfirmedAt, lang),
    roles: roles.map((role, index) => ({
      number: index + 1,
      role: roleShown(tenant, role.role, lang),
      organisation: role.organisation,
      address: addressLines(role),
      mobile: role.mobile,
      workPhone: role.work_phone,
    })),
  };
}

/** The queue exists only for councils that verify registrations in the back office. */
const verifying: Koa.Middleware = async (ctx, next) => {
  if (!ctx.state.tenant!.registration.backOfficeVerification) ctx.throw(404);
  await next();
};

/** The registration is no longer waiting (decided by someone else, or not this council's): back to the queue. */
/** A registration that is no longer waiting goes back to the queue with a word; an id unknown to this council is not found. */
async function notWaiting(ctx: Koa.Context) {
  const params = registrationParams.safeParse(ctx.params);
  if (!params.success || !(await isProfessional(params.data.id))) return ctx.throw(404);
  return alreadyDecided(ctx);
}

function alreadyDecided(ctx: Koa.Context) {
  setNotice(ctx, 'backoffice.registrations.alreadyDecided');
  ctx.status = 303;
  ctx.redirect(QUEUE);
}

function renderReject(ctx: Koa.Context, registration: Registration, reason = '', errors: FormErrors = noErrors()) {
  const shown = present(registration, ctx.state.lang, ctx.state.tenant!);
  renderBackoffice(ctx, 'reject', { title: ctx.state.t('backoffice.reject.title', { name: shown.name }), registration: shown, reason, errors, maxLength: REASON_MAX_LENGTH.toLocaleString('en-GB') });
}

/** The registration verification queue: list, details, approve, reject with a reason. */
export function registrationQueueRoutes(): Router {
  const router = new Router();
  const staffOnly = [verifying, ...staffWith('council-admin')];

  router.get(QUEUE, ...staffOnly, async (ctx) => {
    const lang = ctx.state.lang;
    const registrations = (await listAwaiting()).map((r) => present(r, lang, ctx.state.tenant!));
    renderBackoffice(ctx, 'registrations', { title: ctx.state.t('backoffice.registrations.title'), registrations, notice: takeNotice(ctx) });
  });

  router.get(`${QUEUE}/:id`, ...staffOnly, async (ctx) => {
    const found = await waiting(ctx);
    if (!found) return notWaiting(ctx);
    const registration = present(found, ctx.state.lang, ctx.state.tenant!);
    renderBackoffice(ctx, 'registration', { title: registration.name, registration });
  });

  router.post(`${QUEUE}/:id/approve`, ...staffOnly, async (ctx) => {
    const registration = await waiting(ctx);
    if (!registration) return notWaiting(ctx);
    const done = await approveRegistration(ctx, registration);
    setNotice(ctx, done ? 'backoffice.registrations.approved' : 'backoffice.registrations.alreadyDecided', { name: `${registration.forename} ${registration.surname}` });
    ctx.status = 303;
    ctx.redirect(QUEUE);
  });

  router.get(`${QUEUE}/:id/reject`, ...staffOnly, async (ctx) => {
    const registration = await waiting(ctx);
    if (!registration) return notWaiting(ctx);
    renderReject(ctx, registration);
  });

  router.post(`${QUEUE}/:id/reject`, ...staffOnly, async (ctx) => {
    const registration = await waiting(ctx);
    if (!registration) return notWaiting(ctx);
    const { reason } = readForm(ctx, rejectInput);
    const errors = noErrors();
    if (!reason) addError(errors, ctx, 'reason', 'backoffice.reject.errors.missing');
    else if ([...reason].length > REASON_MAX_LENGTH) addError(errors, ctx, 'reason', 'backoffice.reject.errors.tooLong', { max: REASON_MAX_LENGTH.toLocaleString('en-GB') });
    if (hasErrors(errors)) {
      ctx.status = 400;
      return renderReject(ctx, registration, reason, errors);
    }
    const done = await rejectRegistration(ctx, registration, reason);
    setNotice(ctx, done ? 'backoffice.registrations.rejected' : 'backoffice.registrations.alreadyDecided', { name: `${registration.forename} ${registration.surname}` });
    ctx.status = 303;
    ctx.redirect(QUEUE);
  });

  return router;
}
