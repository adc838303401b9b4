import Router from '@koa/router';
import { z } from 'zod';
import { professional } from '../access/actor.js';
import { signedIn } from '../access/guards.js';
import { audit } from '../platform/audit.js';
import { listMessages, openMessage } from './inbox.js';
import { inboxLine, messagePage } from './presenters.js';

/** A message's id in the URL (anything else is not found). */
const messageParams = z.object({ id: z.string().regex(/^[0-9a-f-]{36}$/i) });

/** The professional's inbox: subject and date, unread first in bold; opening marks read. */
export function messageRoutes(): Router {
  const router = new Router({ prefix: '/messages' });
  router.use(signedIn('professional'));
  router.get('/', async (ctx) => {
    const messages = await listMessages(professional(ctx).id);
    ctx.render('messages/inbox', { title: ctx.state.t('messages.title'), messages: messages.map(inboxLine) });
  });
  router.get('/:id', async (ctx) => {
    const params = messageParams.safeParse(ctx.params);
    const message = params.success ? await openMessage(professional(ctx).id, params.data.id) : undefined;
    if (!message) return ctx.throw(404);
    await audit('message.read', { subjectType: 'message', subjectId: message.id });
    ctx.render('messages/message', { title: message.subject, message: messagePage(message) });
  });
  return router;
}
