import Router from '@koa/router';
import { latestEmails } from '../platform/mail/outbox.js';

/** Development only: the emails this council's portal has sent, so journeys can be followed without SMTP. */
export function devMailboxRoutes(): Router {
  const router = new Router({ prefix: '/_dev' });
  router.get('/mailbox', async (ctx) => {
    const messages = await latestEmails(50);
    ctx.render('dev/mailbox', { title: ctx.state.t('dev.mailbox.title'), messages });
  });
  return router;
}
