import Router from '@koa/router';
import { requireAccount } from '../accounts/session-auth.js';
import { audit } from '../platform/audit.js';
import { listMessages, openMessage } from './inbox.js';

/** The professional's inbox: subject and date, unread first in bold; opening marks read. */
export function messageRoutes(): Router {
  const router = new Router({ prefix: '/messages' });
  router.use(requireAccount('professional'));
  router.get('/', async (ctx) => {
    const messages = await listMessages(ctx.state.account!.id);
    ctx.render('messages/inbox', { title: ctx.state.t('messages.title'), messages });
  });
  router.get('/:id', async (ctx) => {
    const message = await openMessage(ctx.state.account!.id, ctx.params.id!);
    if (!message) return ctx.throw(404);
    await audit('message.read', { subjectType: 'message', subjectId: message.id });
    ctx.render('messages/message', { title: message.subject, message });
  });
  return router;
}
