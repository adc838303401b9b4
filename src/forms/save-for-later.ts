import type Koa from 'koa';
import { professional } from '../access/actor.js';
import { localise } from '../i18n/index.js';
import { audit } from '../platform/audit.js';
import { queueEmail } from '../platform/mail/outbox.js';
import { longDate } from '../i18n/dates.js';
import { lastDay } from './days-left.js';
import { recoverPath } from './paths.js';
import type { FormScope } from './scope.js';

/** The last day a draft can be worked on, as a long date ("13 October 2026"). */
export function deletionDate(scope: FormScope, ctx: Koa.Context): string | undefined {
  const expires = scope.response.draft_expires_at;
  return expires ? longDate(lastDay(new Date(expires)), ctx.state.lang) : undefined;
}

/**
 * "Save for later" (the step's values are already saved, unchecked): emails the
 * professional a link to Recover a form (the email names the form and the date
 * it will be deleted, nothing typed on it); the caller then shows "Your form has been saved".
 */
export async function saveForLater(ctx: Koa.Context, scope: FormScope): Promise<void> {
  const { response, form } = scope;
  const account = professional(ctx);
  const lang = ctx.state.lang;
  await queueEmail({
    to: account.email,
    template: 'forms.emails.savedForLater',
    locale: lang,
    data: { form: localise(form.title, lang), date: deletionDate(scope, ctx), actionUrl: `${ctx.state.origin}${recoverPath(response.id)}` },
  });
  await audit('form.saved-for-later', { subjectType: 'form_response', subjectId: response.id, details: { formId: form.id } });
}
