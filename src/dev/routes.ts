import Router from '@koa/router';
import { isLanguage } from '../i18n/index.js';
import { latestEmails } from '../platform/mail/outbox.js';
import { renderEmail } from '../platform/mail/render.js';

/** Development only: the emails this council's portal has sent, so journeys can be followed without SMTP. */
export function devMailboxRoutes(): Router {
  const router = new Router({ prefix: '/_dev' });
  router.get('/mailbox', async (ctx) => {
    const rows = await latestEmails(50);
    // A message not sent yet is shown as it will be sent (its texts, never its template's key).
    const messages = rows.map(({ data, locale, ...row }) => {
      if (row.subject) return row;
      try {
        const email = renderEmail(ctx.state.tenant!, row.template, isLanguage(locale) ? locale : 'en', data ?? {});
        return { ...row, subject: email.subject, text_body: email.text };
      } catch {
        return { ...row, subject: ctx.state.t('dev.mailbox.unrenderable') };
      }
    });
    ctx.render('dev/mailbox', { title: ctx.state.t('dev.mailbox.title'), messages });
  });
  return router;
}
