import Router from '@koa/router';
import { db } from '../platform/db/unit-of-work.js';

/** Development only: the emails this council's portal has sent, so journeys can be followed without SMTP. */
export function devMailboxRoutes(): Router {
  const router = new Router({ prefix: '/_dev' });
  router.get('/mailbox', async (ctx) => {
    const messages = await (await db())('outbox')
      .orderBy('created_at', 'desc')
      .limit(50)
      .select('id', 'to_address', 'template', 'status', 'subject', 'text_body', 'created_at', 'attempts', 'last_error');
    ctx.render('dev/mailbox', { title: ctx.state.t('dev.mailbox.title'), messages });
  });
  return router;
}
